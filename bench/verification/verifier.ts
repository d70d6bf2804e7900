// Child process that verifies one proof package repeatedly on a single-threaded bn128 curve,
// the anchor for the service's worker pool (whose workers use the same single-threaded curve).
import { readFile } from "node:fs/promises";
import * as snarkjs from "snarkjs";
import { ARTIFACTS } from "../../circuits/setup/paths.js";
import type { VerifyRequest, VerifyReport } from "./protocol.js";

async function verifyRepeatedly(request: VerifyRequest): Promise<VerifyReport> {
  // snarkjs reuses globalThis.curve_bn128, so every verify below runs without helper threads.
  // The repository's snarkjs typings omit getCurveFromName's options argument (ffjavascript's buildBn128).
  const getCurve = snarkjs.curves.getCurveFromName as (name: string, options: { singleThread: boolean }) => unknown;
  (globalThis as { curve_bn128?: unknown }).curve_bn128 = await getCurve("bn128", { singleThread: true });
  const key = JSON.parse(await readFile(ARTIFACTS.verificationKey, "utf8")) as object;
  const { proof, publicSignals } = request.pkg;
  // The first call builds the pairing tables; it is not part of a sustained rate. A rejected
  // proof would also end the pairing check early and inflate the rate.
  if (!(await snarkjs.groth16.verify(key, publicSignals, proof))) {
    throw new Error("snarkjs rejected a freshly made zkseg proof; the committed zkey and verification key disagree");
  }
  const latenciesMs: number[] = [];
  const started = performance.now();
  while (latenciesMs.length < request.maxCalls && performance.now() - started < request.durationMs) {
    const t0 = performance.now();
    await snarkjs.groth16.verify(key, publicSignals, proof);
    latenciesMs.push(performance.now() - t0);
  }
  return { latenciesMs, elapsedMs: performance.now() - started };
}

process.on("message", (request: VerifyRequest) => {
  verifyRepeatedly(request).then(
    (report) => process.send?.(report, () => process.exit(0)),
    (error: Error) => {
      console.error(`snarkjs verify anchor failed: ${error.message}`);
      process.exit(1);
    },
  );
});

// The benchmark process may end early (an error, Ctrl-C); do not outlive it.
process.on("disconnect", () => process.exit(0));
