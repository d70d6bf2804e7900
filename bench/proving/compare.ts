// Records one environment's proving times, zkseg next to the Semaphore anchor.
import { show, type Recorder, type ReportSection } from "../context.js";
import { ratio, round, summarize } from "../stats.js";

/**
 * Sets proveMs<Env>Median/P95, semaphoreProveMs<Env>Median/P95 and prove<Env>Ratio, and adds the
 * median and p95 rows to the section.
 */
export function recordProvingComparison(
  recorder: Recorder,
  section: ReportSection,
  environment: "Node" | "Browser",
  zksegMs: number[],
  semaphoreMs: number[],
): void {
  const zkseg = summarize(zksegMs);
  const semaphore = summarize(semaphoreMs);
  recorder.set(`proveMs${environment}Median`, round(zkseg.median));
  recorder.set(`proveMs${environment}P95`, round(zkseg.p95));
  recorder.set(`semaphoreProveMs${environment}Median`, round(semaphore.median));
  recorder.set(`semaphoreProveMs${environment}P95`, round(semaphore.p95));
  recorder.set(`prove${environment}Ratio`, ratio(zkseg.median, semaphore.median));
  recorder.set(`prove${environment}Count`, zkseg.count);
  section.rows.push(
    {
      figure: `proof generation median (${zkseg.count} proofs)`,
      zkseg: show(round(zkseg.median), "ms"),
      anchor: `Semaphore depth 20: ${show(round(semaphore.median), "ms")}`,
      ratio: ratio(zkseg.median, semaphore.median),
      target: "zkseg no slower than Semaphore (ratio <= 1.0)",
    },
    {
      figure: "proof generation p95",
      zkseg: show(round(zkseg.p95), "ms"),
      anchor: `Semaphore: ${show(round(semaphore.p95), "ms")}`,
      ratio: ratio(zkseg.p95, semaphore.p95),
    },
  );
}
