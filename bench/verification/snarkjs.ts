// The verification anchor: one snarkjs groth16.verify after another on a single thread.
import { readFile } from "node:fs/promises";
import * as snarkjs from "snarkjs";
import { ARTIFACTS } from "../../circuits/setup/paths.js";
import type { ProofPackage } from "../../prover/src/index.js";
import { show, type Recorder } from "../context.js";
import { round, summarize } from "../stats.js";

async function verificationKey(): Promise<object> {
  return JSON.parse(await readFile(ARTIFACTS.verificationKey, "utf8")) as object;
}

/**
 * Verifies one package repeatedly, one call after another, for about `durationMs` and returns the
 * latencies in milliseconds. Throws if snarkjs rejects the package, because a rejected proof
 * exits the pairing check early and would inflate the rate.
 */
export async function verifyRepeatedly(pkg: ProofPackage, options: { durationMs: number; maxCalls: number }) {
  const key = await verificationKey();
  // The first call builds the pairing tables; it is not part of a sustained rate.
  if (!(await snarkjs.groth16.verify(key, pkg.publicSignals, pkg.proof))) {
    throw new Error("snarkjs rejected a freshly made zkseg proof; the committed zkey and verification key disagree");
  }
  const latencies: number[] = [];
  const started = performance.now();
  while (latencies.length < options.maxCalls && performance.now() - started < options.durationMs) {
    const t0 = performance.now();
    await snarkjs.groth16.verify(key, pkg.publicSignals, pkg.proof);
    latencies.push(performance.now() - t0);
  }
  return { latencies, perSecond: round((latencies.length * 1000) / (performance.now() - started)) };
}

export async function measureSnarkjsVerify(recorder: Recorder): Promise<void> {
  const { quick } = recorder.options;
  const section = recorder.section("Verification: snarkjs anchor");
  const sample = recorder.shared.zksegProof;
  if (!sample) throw new Error("no zkseg proof to verify; the Node proving section failed first");
  const count = quick ? 20 : 200;
  const { latencies, perSecond } = await verifyRepeatedly(sample, { durationMs: 600_000, maxCalls: count });
  const summary = summarize(latencies);
  recorder.set("verifyMsSnarkjsMedian", round(summary.median, 2));
  recorder.set("verifyMsSnarkjsP95", round(summary.p95, 2));
  recorder.set("verifySnarkjsPerSecond", perSecond);
  const v = recorder.values;
  section.rows.push(
    { figure: `groth16.verify median (${count} calls)`, zkseg: show(v.verifyMsSnarkjsMedian, "ms") },
    { figure: "groth16.verify p95", zkseg: show(v.verifyMsSnarkjsP95, "ms") },
    { figure: "sequential verify rate, one thread", zkseg: show(v.verifySnarkjsPerSecond, "proofs/s") },
  );
  section.notes.push(
    "One zkseg proof verified repeatedly in the benchmark process, one call after another, after one untimed call. " +
      "Each service load below is compared with a fresh measurement of this rate taken just before it, " +
      "because the load on a shared machine changes within a run.",
  );
}
