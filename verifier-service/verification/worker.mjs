// Piscina worker: runs snarkjs' Groth16 pairing check off the main event loop.
// Plain ESM JavaScript so worker threads start without a TypeScript loader.
import fs from "node:fs";
import threads from "node:worker_threads";

// ffjavascript imports the web-worker package (1.2.0), which on load treats any
// worker thread as one of its own web workers and fails without its workerData.
// Reporting the main thread while snarkjs loads makes it export its Worker class
// instead; that class is never used because this worker's curve is single-threaded.
const { isMainThread } = threads;
threads.isMainThread = true;
const snarkjs = await import("snarkjs");
threads.isMainThread = isMainThread;

// One single-threaded curve per worker: snarkjs' default curve starts threads of
// its own, while the pool already runs one verification per core. ffjavascript
// returns globalThis.curve_bn128 to every later getCurveFromName call.
globalThis.curve_bn128 = await snarkjs.curves.getCurveFromName("bn128", { singleThread: true });

const verificationKey = JSON.parse(fs.readFileSync(threads.workerData.verificationKeyPath, "utf8"));
const silent = { debug() {}, info() {}, warn() {}, error() {} };

/** Verifies one proof; returns { valid } or { valid: false, error } when snarkjs threw. */
export default async function verify({ proof, publicSignals }) {
  try {
    const valid = await snarkjs.groth16.verify(verificationKey, publicSignals, proof, silent);
    return { valid: valid === true };
  } catch (error) {
    return { valid: false, error: error instanceof Error ? error.message : String(error) };
  }
}
