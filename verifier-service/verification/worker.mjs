// Piscina worker: runs Groth16 pairing checks off the main event loop, one
// batch of proofs per task (see batch.mjs).
// Plain ESM JavaScript so worker threads start without a TypeScript loader.
import fs from "node:fs";
import threads from "node:worker_threads";
import { prepareVerificationKey, verifyBatch } from "./batch.mjs";
import { loadSnarkjsInWorker } from "../../prover/src/node/snarkjsWorker.mjs";

const { snarkjs, curve } = await loadSnarkjsInWorker();

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
