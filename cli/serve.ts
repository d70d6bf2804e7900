// `zkseg serve` and `zkseg create-api-key` delegate to the verifier service's command line.
import { ConfigError, describeSettings, loadConfig } from "../verifier-service/config.js";
import { createApiKey, serve } from "../verifier-service/main.js";

export async function main(argv: string[]): Promise<void> {
  if (argv[0] === "--help" || argv[0] === "-h") {
    console.log(
      `usage: zkseg serve [options]\n       zkseg serve create-api-key NAME [options]\n\noptions (flag, or environment variable):\n${describeSettings()}`,
    );
    return;
  }
  try {
    if (argv[0] === "create-api-key") {
      const name = argv[1];
      if (name === "--help" || name === "-h") {
        console.log(
          `usage: zkseg create-api-key NAME [--data-dir DIR | --database-url URL]\n\nCreates a marketer and prints its API key once. With the embedded database, stop the service first.`,
        );
        return;
      }
      if (!name || name.startsWith("--")) throw new Error("missing NAME: run zkseg create-api-key NAME");
      await createApiKey(name, loadConfig(process.env, argv.slice(2)));
      return;
    }
    await serve(loadConfig(process.env, argv));
  } catch (error) {
    // Bad settings are usage errors: exit code 2, as for an unknown flag.
    if (error instanceof ConfigError) throw Object.assign(new Error(error.message), { exitCode: 2 });
    throw error;
  }
  // Keep running until serve's signal handler exits the process.
  await new Promise<never>(() => undefined);
}
