// The verification anchor: one snarkjs groth16.verify after another on a single thread.
import { readFile } from "node:fs/promises";
import * as snarkjs from "snarkjs";
import { ARTIFACTS } from "../../circuits/setup/paths.js";
import { show, type Recorder } from "../context.js";
import { round, summarize } from "../stats.js";

export async function measureSnarkjsVerify(recorder: Recorder): Promise<void> {
  const { quick } = recorder.options;
  const section = recorder.section("Verification: snarkjs anchor");
  const sample = recorder.shared.zksegProof;
  if (!sample) throw new Error("no zkseg proof to verify; the Node proving section failed first");
  const verificationKey = JSON.parse(await readFile(ARTIFACTS.verificationKey, "utf8")) as object;
  const count = quick ? 20 : 200;
  // The first verify builds the pairing tables; it is not part of a sustained rate.
  const { proof, publicSignals } = sample;
  if (!(await snarkjs.groth16.verify(verificationKey, publicSignals, proof))) {
    throw new Error("snarkjs rejected a freshly made zkseg proof; the committed zkey and verification key disagree");
  }
  const samples: number[] = [];
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    await snarkjs.groth16.verify(verificationKey, publicSignals, proof);
    samples.push(performance.now() - t0);
  }
  const elapsedMs = performance.now() - started;
  const summary = summarize(samples);
  recorder.set("verifyMsSnarkjsMedian", round(summary.median, 2));
  recorder.set("verifyMsSnarkjsP95", round(summary.p95, 2));
  recorder.set("verifySnarkjsPerSecond", round((count * 1000) / elapsedMs));
  const v = recorder.values;
  section.rows.push(
    { figure: `groth16.verify median (${count} calls)`, zkseg: show(v.verifyMsSnarkjsMedian, "ms") },
    { figure: "groth16.verify p95", zkseg: show(v.verifyMsSnarkjsP95, "ms") },
    { figure: "sequential verify rate, one thread", zkseg: show(v.verifySnarkjsPerSecond, "proofs/s") },
  );
  section.notes.push(
    "One zkseg proof verified repeatedly in the benchmark process, one call after another, after one untimed call. " +
      "This rate is the anchor for the service's throughput below.",
  );
}
