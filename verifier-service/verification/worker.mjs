// Piscina worker: runs Groth16 pairing checks off the main event loop, one
// batch of proofs per task (see batch.mjs).
// Plain ESM JavaScript so worker threads start without a TypeScript loader.
import fs from "node:fs";
import threads from "node:worker_threads";
import { prepareVerificationKey, verifyBatch } from "./batch.mjs";

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
const curve = await snarkjs.curves.getCurveFromName("bn128", { singleThread: true });
globalThis.curve_bn128 = curve;

const verificationKey = JSON.parse(fs.readFileSync(threads.workerData.verificationKeyPath, "utf8"));
const prepared = prepareVerificationKey(curve, verificationKey);
const silent = { debug() {}, info() {}, warn() {}, error() {} };

/** Verifies one proof with snarkjs; returns { valid } or { valid: false, error } when snarkjs threw. */
async function verifyOne({ proof, publicSignals }) {
  try {
    const valid = await snarkjs.groth16.verify(verificationKey, publicSignals, proof, silent);
    return { valid: valid === true };
  } catch (error) {
    return { valid: false, error: error instanceof Error ? error.message : String(error) };
  }
}

/** Verifies a batch { items: [{ proof, publicSignals }] }; returns one result per item, in order. */
export default async function verify({ items }) {
  if (items.length === 1) return [await verifyOne(items[0])];
  const { results } = await verifyBatch(curve, prepared, items, verifyOne);
  return results;
}
