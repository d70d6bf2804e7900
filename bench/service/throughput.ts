// Sustained verification throughput of the service under load from a second process, with a
// worker pool of one thread and of every core, next to the single-threaded snarkjs rate.
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { show, type Recorder } from "../context.js";
import { issueBenchHolders } from "../fixtures/zkseg.js";
import { BENCH_BUILD_DIR } from "../semaphore/build.js";
import { ratio, round, summarize } from "../stats.js";
import { verifyRepeatedly } from "../verification/snarkjs.js";
import { createBenchSegment, loadProofs, startService, type RunningService } from "./harness.js";
import type { LoadReport } from "./protocol.js";

/** Length of the snarkjs verify run measured right before each load, in milliseconds. */
export const ANCHOR_MS = { quick: 1_000, full: 3_000 };

/** Requests kept in flight: enough to keep every worker busy and a queue behind them. */
export const LOAD_CONCURRENCY = 8;

/** Summarizes one load run. Only 201 and 409 responses count as verified, because both come after verification. */
export function summarizeLoad(report: LoadReport) {
  const verified = (report.statuses["201"] ?? 0) + (report.statuses["409"] ?? 0);
  const other = Object.entries(report.statuses)
    .filter(([status]) => status !== "201" && status !== "409")
    .map(([status, count]) => `${count} x HTTP ${status}`);
  if (report.errors > 0) other.push(`${report.errors} x no response (${report.firstError})`);
  const latency = summarize(report.latenciesMs);
  return {
    perSecond: round((verified * 1000) / report.elapsedMs),
    p50: round(latency.median, 2),
    p99: round(latency.p99, 2),
    requests: latency.count,
    other,
  };
}

export async function measureServiceThroughput(recorder: Recorder): Promise<void> {
  const { quick, log } = recorder.options;
  const section = recorder.section("Verification: service under load");
  const cores = os.availableParallelism();
  const durationMs = quick ? 2_000 : 20_000;
  const holders = quick ? 1 : 8;
  await mkdir(BENCH_BUILD_DIR, { recursive: true });
  const dataDir = await mkdtemp(path.join(BENCH_BUILD_DIR, "service-"));
  const database = { kind: "pglite" as const, dataDir };
  const issuance = await issueBenchHolders(holders);
  let running: RunningService | undefined = await startService(database, cores);
  try {
    log(`  proving ${holders} holders into a fresh segment`);
    const segment = await createBenchSegment(running, issuance, holders);
    const poolSizes = cores > 1 ? [cores, 1] : [1];
    for (const poolSize of poolSizes) {
      if (running.service.config.poolSize !== poolSize) {
        await running.service.stop();
        running = undefined;
        running = await startService(database, poolSize);
      }
      const anchor = await verifyRepeatedly(segment.packages[0], {
        durationMs: ANCHOR_MS[quick ? "quick" : "full"],
        maxCalls: 10_000,
      });
      const load = summarizeLoad(await loadProofs(running.url, segment, { concurrency: LOAD_CONCURRENCY, durationMs }));
      log(`  pool ${poolSize}: ${load.perSecond} proofs/s, p50 ${load.p50} ms, p99 ${load.p99} ms`);
      const suffix = poolSize === cores ? "" : "Pool1";
      recorder.set(`serviceProofsPerSecond${suffix}`, load.perSecond);
      recorder.set(`serviceP50Ms${suffix}`, load.p50);
      recorder.set(`serviceP99Ms${suffix}`, load.p99);
      recorder.set(`serviceAnchorVerifyPerSecond${suffix}`, anchor.perSecond);
      recorder.set(`serviceToSnarkjsRatio${suffix}`, ratio(load.perSecond, anchor.perSecond));
      if (load.other.length > 0)
        section.notes.push(`Pool of ${poolSize}: unexpected responses ${load.other.join(", ")}.`);
      section.rows.push({
        figure: `proofs verified per second, pool of ${poolSize} worker${poolSize === 1 ? "" : "s"} (${load.requests} requests)`,
        zkseg: show(load.perSecond, "proofs/s"),
        anchor: `snarkjs verify, one thread, just before: ${show(anchor.perSecond, "proofs/s")}`,
        ratio: ratio(load.perSecond, anchor.perSecond),
        target: poolSize === cores && cores >= 2 ? ">= 4x on two cores" : undefined,
      });
      section.rows.push({
        figure: `request latency p50 / p99, pool of ${poolSize}`,
        zkseg: `${show(load.p50, "ms")} / ${show(load.p99, "ms")}`,
        anchor: `snarkjs verify median, just before: ${show(round(summarize(anchor.latencies).median, 2), "ms")}`,
      });
    }
  } finally {
    await running?.service.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
  section.notes.push(
    `The service runs in the benchmark process (PGlite, rate limit lifted, pino silent); a second process keeps ` +
      `${LOAD_CONCURRENCY} POST /v1/segments/{id}/proofs requests in flight for ${durationMs / 1000} s over loopback. ` +
      `${holders} distinct holders joined first; the load resends their packages, so each request runs every check ` +
      "and the full Groth16 verification, then gets 409 nullifier_already_joined. Throughput counts 201 and 409 responses. " +
      "The anchor of each row is a sequential single-threaded snarkjs verify run right before the load. " +
      "On this machine the load generator and the service share the same cores.",
  );
}
