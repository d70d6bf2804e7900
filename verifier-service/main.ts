// Command line of the verifier service:
//   tsx verifier-service/main.ts serve [--port 8080] [--data-dir ./zkseg-data] ...
//   tsx verifier-service/main.ts create-api-key NAME [--data-dir ...]
import { pathToFileURL } from "node:url";
import { ConfigError, describeSettings, loadConfig, type ServiceConfig } from "./config.js";
import { createService } from "./service.js";
import { openDatabase } from "./service.js";
import { createLogger } from "./logger.js";
import { Repository } from "./data/repository.js";
import { issueApiKey } from "./apiKeys.js";

const USAGE = `usage:
  zkseg serve [options]              run the verifier service
  zkseg create-api-key NAME [options] create a marketer and print its API key once

options (flag, or environment variable):
${describeSettings()}`;

/** Runs the service until SIGTERM or SIGINT, then shuts down gracefully. */
export async function serve(config: ServiceConfig): Promise<void> {
  const service = await createService(config);
  await service.start();
  const shutdown = (signal: string) => {
    service.logger.info({ event: "signal", signal }, `received ${signal}`);
    service.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        service.logger.error({ event: "shutdown_failed", err: error }, "shutdown failed");
        process.exit(1);
      },
    );
  };
  process.once("SIGTERM", shutdown);
  process.once("SIGINT", shutdown);
}

/**
 * Creates a marketer and prints its API key once to standard output. With the
 * embedded database, run it while the service is stopped: one process at a time
 * may open a data directory.
 */
export async function createApiKey(
  name: string,
  config: ServiceConfig = loadConfig(process.env, []),
): Promise<{ marketerId: string; apiKey: string }> {
  const logger = createLogger({ ...config, logLevel: "warn" });
  const db = await openDatabase(config, logger);
  try {
    const { marketer, apiKey } = await issueApiKey(new Repository(db), name);
    process.stdout.write(`API key for ${marketer.name} (${marketer.id}); it is shown only this once:\n${apiKey}\n`);
    return { marketerId: marketer.id, apiKey };
  } finally {
    await db.close();
  }
}

async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === "serve") {
      await serve(loadConfig(process.env, rest));
      return -1;
    }
    if (command === "create-api-key" && rest.length > 0 && !rest[0].startsWith("--")) {
      await createApiKey(rest[0], loadConfig(process.env, rest.slice(1)));
      return 0;
    }
    process.stderr.write(`${USAGE}\n`);
    return command === "--help" || command === "help" ? 0 : 2;
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n${USAGE}\n`);
      return 2;
    }
    process.stderr.write(`zkseg: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  main(process.argv.slice(2)).then((code) => {
    if (code >= 0) process.exit(code);
  });
}
