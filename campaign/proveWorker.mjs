// Piscina worker entry. Plain JavaScript, because worker threads do not
// inherit the main thread's tsx loader: it registers tsx, then loads the TypeScript task.
import { register } from "tsx/esm/api";
import { loadSnarkjsInWorker } from "../prover/src/node/snarkjsWorker.mjs";

// Proofs run one per worker on a single-threaded curve, installed before the SDK loads snarkjs.
await loadSnarkjsInWorker();

register();
const task = await import("./proveTask.ts");

export default task.proveForCampaign;
