// circomlibjs and its dependencies read Node's global Buffer when their modules load, and browsers
// have none. Import this module first in every page and worker entry, so it runs before them.
import { Buffer } from "buffer";

const scope = globalThis as { Buffer?: typeof Buffer };
scope.Buffer ??= Buffer;
