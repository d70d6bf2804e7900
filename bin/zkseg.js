#!/usr/bin/env node
// zkseg command-line entry. The sources are TypeScript, run through tsx's
// loader so that a clone works without a separate build step.
import { register } from "tsx/esm/api";

register();
const { run } = await import("../cli/main.ts");
// Exit explicitly: snarkjs keeps curve worker threads alive after a proof.
process.exit(await run(process.argv.slice(2)));
