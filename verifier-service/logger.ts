// pino JSON logs. Callers pass ids, reasons and timings only: request bodies,
// handles, attributes and secrets never reach a log line.
import { pino, type Logger } from "pino";
import type { ServiceConfig } from "./config.js";

export function createLogger(config: Pick<ServiceConfig, "logLevel" | "logDestination">): Logger {
  const options = {
    name: "zkseg-verifier",
    level: config.logLevel,
    // A stray object with an Authorization header or a body must not leak through an error log.
    // Database errors carry the statement's parameters (handles) in err.params, and ethers errors the input in err.value.
    redact: {
      paths: ["req.headers.authorization", "body", "*.body", "apiKey", "*.apiKey", "err.params", "err.value"],
      censor: "[redacted]",
    },
  };
  return config.logDestination ? pino(options, config.logDestination) : pino(options);
}
