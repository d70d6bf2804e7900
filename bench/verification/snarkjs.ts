// The verification anchor: one snarkjs groth16.verify after another on one thread.
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { ProofPackage } from "../../prover/src/index.js";
import { show, type Recorder } from "../context.js";
import { round, summarize } from "../stats.js";
import type { VerifyReport, VerifyRequest } from "./protocol.js";

const VERIFIER = fileURLToPath(new URL("./verifier.ts", import.meta.url));

/**
 * Verifies one package repeatedly in a separate process on a single-threaded curve, one call after
 * another, for `durationMs` or `maxCalls` calls, and returns the latencies and the rate.
 */
export function verifyRepeatedly(
  pkg: ProofPackage,
  options: { durationMs: number; maxCalls: number },
): Promise<{ latencies: number[]; perSecond: number }> {
  return new Promise((resolve, reject) => {
    const child = fork(VERIFIER, [], { execArgv: ["--import", "tsx"], stdio: "inherit" });
    let report: VerifyReport | undefined;
    child.once("message", (message: VerifyReport) => (report = message));
    child.once("error", reject);
    child.once("exit", (code) => {
      if (!report) {
        reject(new Error(`snarkjs verify anchor process exited with code ${code} before reporting`));
        return;
      }
      const perSecond = round((report.latenciesMs.length * 1000) / report.elapsedMs);
      resolve({ latencies: report.latenciesMs, perSecond });
    });
    child.send({ pkg, ...options } satisfies VerifyRequest);
  });
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
    "One zkseg proof verified repeatedly in a separate process on a single-threaded bn128 curve (as in the service's " +
      "workers), one call after another, after one untimed call. " +
      "Each service load below is compared with a fresh measurement of this rate taken just before it, " +
      "because the load on a shared machine changes within a run.",
  );
}
