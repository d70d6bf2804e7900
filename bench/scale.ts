// Scale: count-query latency and proof throughput with 10^4, 10^5 and 10^6 stored members,
// inserted straight into the service's database (PGlite and PostgreSQL).
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { openPglite, openPostgres, type SqlDriver } from "../verifier-service/data/driver.js";
import { startPostgres, type TestDatabase } from "../test/service/postgres.js";
import { show, type Recorder, type ReportSection } from "./context.js";
import { issueBenchHolders, todayDateNumber, type BenchIssuance } from "./fixtures/zkseg.js";
import { BENCH_BUILD_DIR } from "./semaphore/build.js";
import {
  createBenchSegment,
  loadCounts,
  loadProofs,
  startService,
  type BenchSegment,
  type DatabaseConfig,
  type RunningService,
} from "./service/harness.js";
import { ANCHOR_MS, LOAD_CONCURRENCY, summarizeLoad } from "./service/throughput.js";
import { ratio, round, summarize } from "./stats.js";
import { verifyRepeatedly } from "./verification/snarkjs.js";

/** Rows per INSERT ... SELECT generate_series, to bound one transaction's memory in PGlite. */
const INSERT_CHUNK = 100_000;

/** Names the member counts in result keys: 10^4 is "1e4". */
function exponentName(members: number): string {
  return `1e${Math.round(Math.log10(members))}`;
}

function openDriver(database: DatabaseConfig): Promise<SqlDriver> {
  return database.kind === "pglite" ? openPglite(database.dataDir) : openPostgres(database.databaseUrl);
}

/**
 * Inserts synthetic joins numbered [from, to) into the segment and raises its member_count to
 * match, as if that many holders had joined. Their nullifiers ("bench-<n>") cannot collide with
 * real ones, which are decimal field elements.
 */
async function insertMembers(database: DatabaseConfig, segmentId: string, from: number, to: number): Promise<void> {
  const db = await openDriver(database);
  try {
    for (let start = from; start < to; start += INSERT_CHUNK) {
      const end = Math.min(start + INSERT_CHUNK, to) - 1;
      await db.transaction(async (tx) => {
        await tx.query(
          `INSERT INTO joins (receipt_id, segment_id, nullifier, signal_hash, handle, proof_date)
           SELECT 'rcpt_bench_' || g, $1, 'bench-' || g, '0', 'bench-handle-' || g, $2
           FROM generate_series($3::bigint, $4::bigint) AS g`,
          [segmentId, todayDateNumber(), start, end],
        );
        await tx.query("UPDATE segments SET member_count = member_count + $2 WHERE id = $1", [
          segmentId,
          end - start + 1,
        ]);
      });
    }
  } finally {
    await db.close();
  }
}

async function fetchCount(running: RunningService, segment: BenchSegment): Promise<number> {
  const response = await fetch(`${running.url}/v1/segments/${segment.id}/count`, {
    headers: { authorization: `Bearer ${segment.apiKey}` },
  });
  const body = (await response.json()) as { count: number | null };
  if (!response.ok || body.count === null) {
    throw new Error(`GET count of segment ${segment.id} failed with HTTP ${response.status}: ${JSON.stringify(body)}`);
  }
  return body.count;
}

/** Grows one segment through the member levels on one database and measures each level. */
async function measureDatabase(
  recorder: Recorder,
  section: ReportSection,
  label: string,
  database: DatabaseConfig,
  issuance: BenchIssuance,
  levels: number[],
): Promise<void> {
  const { quick, log } = recorder.options;
  const cores = os.availableParallelism();
  let running: RunningService | undefined = await startService(database, cores);
  try {
    const segment = await createBenchSegment(running, issuance, issuance.holders.length);
    let members = segment.packages.length;
    for (const level of levels) {
      await running.service.stop();
      running = undefined;
      const started = Date.now();
      await insertMembers(database, segment.id, members, level);
      log(`  ${label}: inserted ${level - members} members in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      members = level;
      running = await startService(database, cores);
      const stored = await fetchCount(running, segment);
      if (stored !== level)
        throw new Error(`${label} segment counts ${stored} members after inserts, expected ${level}`);

      const counts = summarize((await loadCounts(running.url, segment, quick ? 20 : 200)).latenciesMs);
      const anchor = await verifyRepeatedly(segment.packages[0], {
        durationMs: ANCHOR_MS[quick ? "quick" : "full"],
        maxCalls: 10_000,
      });
      const proofs = summarizeLoad(
        await loadProofs(running.url, segment, { concurrency: LOAD_CONCURRENCY, durationMs: quick ? 2_000 : 10_000 }),
      );
      const name = exponentName(level);
      const key = label === "PostgreSQL" ? "Postgres" : "Pglite";
      recorder.set(`countQueryMsAt${name}${key}`, round(counts.median, 2));
      recorder.set(`countQueryP99MsAt${name}${key}`, round(counts.p99, 2));
      recorder.set(`serviceProofsPerSecondAt${name}${key}`, proofs.perSecond);
      log(`  ${label} at ${name}: count median ${counts.median.toFixed(2)} ms, ${proofs.perSecond} proofs/s`);
      section.rows.push(
        {
          figure: `count query median / p99, ${level.toLocaleString("en-US")} members, ${label}`,
          zkseg: `${show(round(counts.median, 2), "ms")} / ${show(round(counts.p99, 2), "ms")}`,
          target: "< 10 ms at 10^6",
        },
        {
          figure: `proofs verified per second, ${level.toLocaleString("en-US")} members, ${label}`,
          zkseg: show(proofs.perSecond, "proofs/s"),
          anchor: `snarkjs verify, one thread, just before: ${show(anchor.perSecond, "proofs/s")}`,
          ratio: ratio(proofs.perSecond, anchor.perSecond),
        },
      );
      if (proofs.other.length > 0)
        section.notes.push(`${label} at ${name}: unexpected responses ${proofs.other.join(", ")}.`);
    }
  } finally {
    await running?.service.stop();
  }
}

export async function measureScale(recorder: Recorder): Promise<void> {
  const { quick, log } = recorder.options;
  const section = recorder.section("Scale");
  const levels = quick ? [10_000] : [10_000, 100_000, 1_000_000];
  const issuance = await issueBenchHolders(quick ? 1 : 2);
  await mkdir(BENCH_BUILD_DIR, { recursive: true });
  const dataDir = await mkdtemp(path.join(BENCH_BUILD_DIR, "scale-"));
  try {
    await measureDatabase(recorder, section, "PGlite", { kind: "pglite", dataDir }, issuance, levels);
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
  if (quick) {
    section.notes.push("Quick mode measures PGlite at 10^4 members only.");
  } else {
    let postgres: TestDatabase | undefined;
    try {
      postgres = await startPostgres();
      log("  PostgreSQL ready");
      const database = { kind: "postgres" as const, databaseUrl: postgres.url };
      await measureDatabase(recorder, section, "PostgreSQL", database, issuance, levels);
    } catch (error) {
      const reason = (error as Error).message.split("\n")[0];
      for (const level of levels) recorder.missing(`countQueryMsAt${exponentName(level)}Postgres`, reason);
      section.notes.push(`PostgreSQL not measured: ${reason}`);
    } finally {
      await postgres?.stop();
    }
  }
  // The target applies to the slower of the two databases.
  const atMillion = ["Pglite", "Postgres"]
    .map((key) => recorder.values[`countQueryMsAt1e6${key}`])
    .filter((value): value is number => typeof value === "number");
  if (atMillion.length > 0) recorder.set("countQueryMsAt1e6", Math.max(...atMillion));
  else recorder.missing("countQueryMsAt1e6", quick ? "quick mode stops at 10^4 members" : "no database reached 10^6");
  section.notes.push(
    "Members are inserted with INSERT ... SELECT generate_series straight into the joins table, and member_count is " +
      "raised to match, while the service is stopped (PGlite is single-process). The count query is GET " +
      "/v1/segments/{id}/count with the marketer's API key, sent one after another from a second process; it reads " +
      "the segment's stored member_count. Proof throughput uses the same load as above against the grown segment. " +
      "countQueryMsAt1e6 is the slower median of the two databases.",
  );
}
