// Loads snarkjs inside a Node worker thread with a single-threaded bn128 curve.
// Plain ESM JavaScript so that worker threads load it without a TypeScript loader.
import threads from "node:worker_threads";

/**
 * Imports snarkjs and installs one single-threaded bn128 curve, returning both.
 *
 * ffjavascript imports the web-worker package (1.2.0), which on load treats any
 * worker thread as one of its own web workers and fails without its workerData.
 * Reporting the main thread while snarkjs loads makes it export its Worker class
 * instead; that class is never used because the curve below starts no threads.
 * A pool that runs one task per core gains nothing from snarkjs' own threads, and
 * ffjavascript returns globalThis.curve_bn128 to every later getCurveFromName call.
 */
export async function loadSnarkjsInWorker() {
  const { isMainThread } = threads;
  threads.isMainThread = true;
  const snarkjs = await import("snarkjs");
  threads.isMainThread = isMainThread;
  const curve = await snarkjs.curves.getCurveFromName("bn128", { singleThread: true });
  globalThis.curve_bn128 = curve;
  return { snarkjs, curve };
}
