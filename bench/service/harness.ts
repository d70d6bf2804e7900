// Runs the verifier service in this process with a chosen database and worker pool, creates a
// segment with proofs for it, and drives load from a separate process on loopback.
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import { prove, importIdentity, type ProofPackage } from "../../prover/src/index.js";
import type { ServiceConfig } from "../../verifier-service/config.js";
import { createService, type ZksegService } from "../../verifier-service/service.js";
import { BENCH_SEGMENT, type BenchIssuance } from "../fixtures/zkseg.js";
import type { LoadReport, LoadRequest } from "./protocol.js";

const LOADER = fileURLToPath(new URL("./loader.ts", import.meta.url));

/** A database the service can be pointed at: PGlite in a folder, or a PostgreSQL URL. */
export type DatabaseConfig = { kind: "pglite"; dataDir: string } | { kind: "postgres"; databaseUrl: string };

export interface RunningService {
  service: ZksegService;
  url: string;
}

/** Starts the service on a free loopback port; rate limiting is lifted so it does not cap the load. */
export async function startService(database: DatabaseConfig, poolSize: number): Promise<RunningService> {
  const service = await createService({
    host: "127.0.0.1",
    port: 0,
    poolSize,
    rateLimit: 10_000_000,
    // BENCH_SERVICE_LOG_LEVEL=error shows the service's own log when a benchmark request fails.
    logLevel: (process.env.BENCH_SERVICE_LOG_LEVEL as ServiceConfig["logLevel"] | undefined) ?? "silent",
    ...(database.kind === "pglite" ? { dataDir: database.dataDir } : { databaseUrl: database.databaseUrl }),
  });
  return { service, url: await service.start(0) };
}

export interface BenchSegment {
  id: string;
  scope: string;
  apiKey: string;
  /** Valid proof packages of distinct holders for this segment. */
  packages: ProofPackage[];
}

async function postJson(url: string, body: unknown, apiKey?: string): Promise<Record<string, unknown>> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}) },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as Record<string, unknown>;
  if (!response.ok) throw new Error(`POST ${url} failed with HTTP ${response.status}: ${JSON.stringify(json)}`);
  return json;
}

/**
 * Creates a marketer and BENCH_SEGMENT trusting the issuance's issuer, proves `count` holders into
 * it with the SDK, and submits each once so that they are members of the segment.
 */
export async function createBenchSegment(
  running: RunningService,
  issuance: BenchIssuance,
  count: number,
): Promise<BenchSegment> {
  const { apiKey } = await running.service.createApiKey("benchmark");
  const segment = await postJson(
    `${running.url}/v1/segments`,
    { definition: BENCH_SEGMENT, trustedIssuers: [issuance.issuerPublicKey.map(String)] },
    apiKey,
  );
  const id = String(segment.id);
  const scope = String(segment.scope);
  const packages: ProofPackage[] = [];
  for (const [i, holder] of issuance.holders.slice(0, count).entries()) {
    const pkg = await prove(importIdentity(holder.identity), holder.credential, BENCH_SEGMENT, {
      scope,
      signal: `benchmark-handle-${i}`,
      segmentId: id,
    });
    await postJson(`${running.url}/v1/segments/${id}/proofs`, pkg);
    packages.push(pkg);
  }
  return { id, scope, apiKey, packages };
}

/** Runs one load in a child process and returns its report. */
export function runLoad(request: LoadRequest): Promise<LoadReport> {
  return new Promise((resolve, reject) => {
    const child = fork(LOADER, [], { execArgv: ["--import", "tsx"], stdio: "inherit" });
    let report: LoadReport | undefined;
    child.once("message", (message: LoadReport) => (report = message));
    child.once("error", reject);
    child.once("exit", (code) => {
      if (report) resolve(report);
      else reject(new Error(`load generator exited with code ${code} before reporting`));
    });
    child.send(request);
  });
}

/** Loads the proof endpoint with already-joined packages: every request is verified, then rejected with 409. */
export function loadProofs(url: string, segment: BenchSegment, options: { concurrency: number; durationMs: number }) {
  return runLoad({
    url: `${url}/v1/segments/${segment.id}/proofs`,
    method: "POST",
    headers: { "content-type": "application/json" },
    bodies: segment.packages.map((pkg) => JSON.stringify(pkg)),
    concurrency: options.concurrency,
    durationMs: options.durationMs,
    maxRequests: 100_000,
  });
}

/** Sends count queries one after another, as a dashboard does. */
export function loadCounts(url: string, segment: BenchSegment, requests: number) {
  return runLoad({
    url: `${url}/v1/segments/${segment.id}/count`,
    method: "GET",
    headers: { authorization: `Bearer ${segment.apiKey}` },
    bodies: [],
    concurrency: 1,
    durationMs: 60_000,
    maxRequests: requests,
  });
}
