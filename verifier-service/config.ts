// Service configuration from environment variables and command-line flags,
// validated once at start so a bad value stops the process with a clear message.
import os from "node:os";
import type { DestinationStream, Level } from "pino";

export interface ServiceConfig {
  /** TCP port for `start()` when none is given; 0 picks a free port. */
  port: number;
  /** Host address to listen on. */
  host: string;
  /** PGlite data directory, used when databaseUrl is not set. */
  dataDir: string;
  /** PostgreSQL connection string; several instances may share the database. */
  databaseUrl?: string;
  /** Smallest member count a marketer may see; below it counts and audiences are withheld. */
  kAnonymity: number;
  /** Requests per client IP per rate-limit window. */
  rateLimit: number;
  /** Length of the rate-limit window, in milliseconds. */
  rateLimitWindowMs: number;
  /** Worker threads that verify proofs. */
  poolSize: number;
  /** Verifications that may wait for a worker; beyond it requests get 503 with Retry-After. */
  maxQueue: number;
  /** Largest accepted JSON body, in bytes. */
  bodyLimitBytes: number;
  /** Deepest accepted JSON nesting of objects and arrays. */
  maxJsonDepth: number;
  /** Value of Express's `trust proxy` setting: hops of reverse proxies in front of the service. */
  trustProxy: number;
  /** Maximum wait for in-flight requests at shutdown, in milliseconds. */
  shutdownTimeoutMs: number;
  /**
   * JSON files of custom credential schemas (or CSV mappings, whose "schema" is used) to accept
   * besides the built-in retail@1.
   */
  schemaFiles: string[];
  logLevel: Level | "silent";
  /** Where pino writes; standard output when unset. */
  logDestination?: DestinationStream;
}

/** A configuration value that failed validation. */
export class ConfigError extends Error {
  constructor(setting: string, value: string, expected: string) {
    super(`invalid configuration ${setting}=${JSON.stringify(value)}: expected ${expected}`);
    this.name = "ConfigError";
  }
}

export function defaultConfig(): ServiceConfig {
  return {
    port: 8080,
    host: "127.0.0.1",
    dataDir: "./zkseg-data",
    kAnonymity: 10,
    rateLimit: 600,
    rateLimitWindowMs: 60_000,
    poolSize: Math.max(1, os.availableParallelism() - 1),
    maxQueue: 256,
    bodyLimitBytes: 64 * 1024,
    maxJsonDepth: 16,
    trustProxy: 0,
    shutdownTimeoutMs: 10_000,
    schemaFiles: [],
    logLevel: "info",
  };
}

interface Setting {
  key: keyof ServiceConfig;
  env: string;
  flag: string;
  parse: (value: string, name: string) => unknown;
}

function integer(min: number, max: number) {
  return (value: string, name: string): number => {
    const parsed = Number(value);
    if (!/^[0-9]+$/.test(value) || parsed < min || parsed > max) {
      throw new ConfigError(name, value, `an integer from ${min} to ${max}`);
    }
    return parsed;
  };
}

function nonEmpty(value: string, name: string): string {
  if (value.trim() === "") throw new ConfigError(name, value, "a non-empty value");
  return value;
}

function databaseUrl(value: string, name: string): string {
  if (!/^postgres(ql)?:\/\//.test(value)) {
    throw new ConfigError(name, "(hidden)", "a postgres:// or postgresql:// connection URL");
  }
  return value;
}

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"];

const SETTINGS: readonly Setting[] = [
  { key: "port", env: "PORT", flag: "--port", parse: integer(0, 65535) },
  { key: "host", env: "ZKSEG_HOST", flag: "--host", parse: nonEmpty },
  { key: "dataDir", env: "ZKSEG_DATA_DIR", flag: "--data-dir", parse: nonEmpty },
  { key: "databaseUrl", env: "DATABASE_URL", flag: "--database-url", parse: databaseUrl },
  { key: "kAnonymity", env: "ZKSEG_K_ANONYMITY", flag: "--k-anonymity", parse: integer(1, 1_000_000) },
  { key: "rateLimit", env: "ZKSEG_RATE_LIMIT", flag: "--rate-limit", parse: integer(1, 10_000_000) },
  {
    key: "rateLimitWindowMs",
    env: "ZKSEG_RATE_LIMIT_WINDOW_MS",
    flag: "--rate-limit-window-ms",
    parse: integer(1000, 86_400_000),
  },
  { key: "poolSize", env: "ZKSEG_POOL_SIZE", flag: "--pool-size", parse: integer(1, 256) },
  { key: "maxQueue", env: "ZKSEG_MAX_QUEUE", flag: "--max-queue", parse: integer(1, 1_000_000) },
  { key: "trustProxy", env: "ZKSEG_TRUST_PROXY", flag: "--trust-proxy", parse: integer(0, 16) },
  {
    key: "shutdownTimeoutMs",
    env: "ZKSEG_SHUTDOWN_TIMEOUT_MS",
    flag: "--shutdown-timeout-ms",
    parse: integer(0, 600_000),
  },
  {
    key: "schemaFiles",
    env: "ZKSEG_SCHEMA_FILES",
    flag: "--schema-files",
    parse: (value, name) =>
      nonEmpty(value, name)
        .split(",")
        .map((file) => file.trim()),
  },
  {
    key: "logLevel",
    env: "ZKSEG_LOG_LEVEL",
    flag: "--log-level",
    parse: (value, name) => {
      if (!LOG_LEVELS.includes(value)) throw new ConfigError(name, value, `one of ${LOG_LEVELS.join(", ")}`);
      return value;
    },
  },
];

/** Lists the flags and variables for `--help`. */
export function describeSettings(): string {
  return SETTINGS.map((setting) => `  ${setting.flag.padEnd(24)} ${setting.env}`).join("\n");
}

/**
 * Builds the configuration from defaults, then environment variables, then
 * flags (`--port 9000` or `--port=9000`). Throws ConfigError on an unknown
 * flag or an invalid value.
 */
export function loadConfig(env: NodeJS.ProcessEnv, argv: readonly string[]): ServiceConfig {
  const config = defaultConfig() as unknown as Record<string, unknown>;
  for (const setting of SETTINGS) {
    const value = env[setting.env];
    if (value !== undefined && value !== "") config[setting.key] = setting.parse(value, setting.env);
  }
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    const setting = SETTINGS.find((candidate) => candidate.flag === flag);
    if (!setting) throw new ConfigError("flag", argv[i], `one of ${SETTINGS.map((s) => s.flag).join(", ")}`);
    const value = inline ?? argv[++i];
    if (value === undefined) throw new ConfigError(flag, "", "a value after the flag");
    config[setting.key] = setting.parse(value, flag);
  }
  return config as unknown as ServiceConfig;
}
