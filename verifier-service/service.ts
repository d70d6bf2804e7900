// createService wires configuration, database, worker pool, metrics and the
// HTTP app, and returns start/stop so the CLI, tests and the campaign share it.
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import type { AddressInfo } from "node:net";
import type express from "express";
import type { Logger } from "pino";
import { ARTIFACTS } from "../circuits/setup/paths.js";
import { defaultConfig, type ServiceConfig } from "./config.js";
import { registerSchema, type CredentialSchema } from "../prover/src/schema.js";
import { openPglite, openPostgres, type SqlDriver } from "./data/driver.js";
import { migrate } from "./data/migrations.js";
import { Repository } from "./data/repository.js";
import { issueApiKey } from "./apiKeys.js";
import { createLogger } from "./logger.js";
import { createMetrics } from "./metrics.js";
import { VerifierPool } from "./verification/pool.js";
import { SegmentUseCases, type ArtifactDigests } from "./usecases/segments.js";
import { ProofUseCases } from "./usecases/proofs.js";
import { AudienceUseCases } from "./usecases/audience.js";
import { createApp, InFlightRequests } from "./http/app.js";

export interface ZksegService {
  app: express.Express;
  config: ServiceConfig;
  logger: Logger;
  /** Listens on `port` (default config.port; 0 picks a free one) and returns the base URL. */
  start(port?: number): Promise<string>;
  /** Stops accepting connections, finishes in-flight requests, then closes the pool and the database. */
  stop(): Promise<void>;
  /** Number of API requests whose handler is running, for tests of graceful shutdown. */
  inFlightRequests(): number;
  /** Creates a marketer and returns its API key, for tests and embedding; the CLI uses createApiKey. */
  createApiKey(name: string): Promise<{ marketerId: string; apiKey: string }>;
}

function readArtifactDigests(): ArtifactDigests {
  const manifest = JSON.parse(fs.readFileSync(ARTIFACTS.manifest, "utf8")) as {
    artifacts: Record<keyof ArtifactDigests, { sha256: string }>;
  };
  return {
    wasm: manifest.artifacts.wasm.sha256,
    zkey: manifest.artifacts.zkey.sha256,
    verificationKey: manifest.artifacts.verificationKey.sha256,
  };
}

/**
 * Fails start-up when the verification key differs from the manifest, because
 * every proof would then be judged against a key the setup did not publish.
 */
export function requireManifestVerificationKey(expectedSha256: string, file: string = ARTIFACTS.verificationKey): void {
  const actual = crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex");
  if (actual !== expectedSha256) {
    throw new Error(
      `verification key ${file} has sha256 ${actual}, but circuits/artifacts/manifest.json ` +
        `lists ${expectedSha256}; restore the file from the repository or rerun npm run setup`,
    );
  }
}

/** Registers the custom credential schemas named in the configuration. */
export function registerSchemaFiles(files: readonly string[]): void {
  for (const file of files) {
    let json: { schema?: CredentialSchema } & Partial<CredentialSchema>;
    try {
      json = JSON.parse(fs.readFileSync(file, "utf8")) as typeof json;
    } catch (error) {
      throw new Error(`cannot read schema file ${file}: ${(error as Error).message}`);
    }
    registerSchema(json.schema ?? (json as CredentialSchema));
  }
}

/** Opens the configured database and applies pending migrations. */
export async function openDatabase(config: ServiceConfig, logger: Logger): Promise<SqlDriver> {
  const db = config.databaseUrl ? await openPostgres(config.databaseUrl) : await openPglite(config.dataDir);
  try {
    const applied = await migrate(db);
    const where = db.kind === "postgres" ? "PostgreSQL" : path.resolve(config.dataDir);
    logger.info({ event: "migrated", database: db.kind, applied }, `database ready at ${where}`);
    return db;
  } catch (error) {
    await db.close();
    throw error;
  }
}

export async function createService(overrides: Partial<ServiceConfig> = {}): Promise<ZksegService> {
  const config: ServiceConfig = { ...defaultConfig(), ...overrides };
  const logger = createLogger(config);
  const digests = readArtifactDigests();
  requireManifestVerificationKey(digests.verificationKey);
  registerSchemaFiles(config.schemaFiles);
  const db = await openDatabase(config, logger);
  const repository = new Repository(db);
  const pool = new VerifierPool(ARTIFACTS.verificationKey, { size: config.poolSize, maxQueue: config.maxQueue });
  const metrics = createMetrics(() => pool.queueDepth);
  const inFlight = new InFlightRequests();
  const app = createApp(
    config,
    logger,
    repository,
    {
      segments: new SegmentUseCases(repository, digests),
      proofs: new ProofUseCases(repository, pool, metrics, logger),
      audience: new AudienceUseCases(repository, config.kAnonymity),
      db,
      metrics: metrics.registry,
    },
    inFlight,
  );
  let server: http.Server | undefined;
  let stopped: Promise<void> | undefined;

  async function start(port = config.port): Promise<string> {
    if (server) throw new Error("service already started; call stop() first");
    const listening = http.createServer(app);
    server = listening;
    await new Promise<void>((resolve, reject) => {
      listening.once("error", reject);
      listening.listen(port, config.host, () => resolve());
    });
    const address = listening.address() as AddressInfo;
    const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
    const url = `http://${host}:${address.port}`;
    logger.info({ event: "started", url, database: db.kind, poolSize: config.poolSize }, "verifier service started");
    return url;
  }

  async function closeServer(listening: http.Server): Promise<void> {
    const closed = new Promise<void>((resolve) => listening.close(() => resolve()));
    listening.closeIdleConnections();
    const deadline = setTimeout(() => {
      logger.warn({ event: "shutdown_timeout" }, "closing connections that outlived the shutdown timeout");
      listening.closeAllConnections();
    }, config.shutdownTimeoutMs);
    await closed;
    clearTimeout(deadline);
  }

  async function stop(): Promise<void> {
    stopped ??= (async () => {
      logger.info({ event: "stopping" }, "verifier service stopping");
      if (server) await closeServer(server);
      await inFlight.drain();
      await pool.close();
      await db.close();
      logger.info({ event: "stopped" }, "verifier service stopped");
    })();
    return stopped;
  }

  async function createApiKey(name: string) {
    const { marketer, apiKey } = await issueApiKey(repository, name);
    logger.info({ event: "api_key_created", marketerId: marketer.id }, "marketer API key created");
    return { marketerId: marketer.id, apiKey };
  }

  return { app, config, logger, start, stop, createApiKey, inFlightRequests: () => inFlight.size };
}
