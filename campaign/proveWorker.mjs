// Piscina worker entry. Plain JavaScript, because worker threads do not
// inherit the main thread's tsx loader: it registers tsx, then loads the TypeScript task.
import threads from "node:worker_threads";
import { register } from "tsx/esm/api";

// ffjavascript's web-worker dependency treats every worker thread as one of its
// own workers when it loads, and fails without its workerData. Reporting the
// main thread while snarkjs loads avoids that; the curve below starts no threads.
const { isMainThread } = threads;
threads.isMainThread = true;
const snarkjs = await import("snarkjs");
threads.isMainThread = isMainThread;

// One single-threaded curve per worker, because the pool already runs one proof
// per core. ffjavascript hands globalThis.curve_bn128 to every later caller.
globalThis.curve_bn128 = await snarkjs.curves.getCurveFromName("bn128", { singleThread: true });

register();
const task = await import("./proveTask.ts");

export default task.proveForCampaign;
