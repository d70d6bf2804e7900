// The central error handler: every error becomes `{ error: { code, message, field? } }`.
// Client mistakes get a 4xx; only unexpected errors get a 500, logged with the request id.
import type { NextFunction, Request, Response } from "express";
import type { Logger } from "pino";
import { ZksegError } from "../../prover/src/errors.js";
import { ServiceError } from "../errors.js";

interface BodyParserError extends Error {
  type?: string;
  status?: number;
  limit?: number;
}

/** Maps body-parser's errors (bad JSON, body too large) to service errors. */
function fromBodyParser(error: BodyParserError): ServiceError | undefined {
  switch (error.type) {
    case "entity.parse.failed":
      return new ServiceError(400, "malformed_json", "request body is not valid JSON", { field: "body" });
    case "entity.too.large":
      return new ServiceError(413, "payload_too_large", `request body exceeds ${error.limit} bytes`);
    case "encoding.unsupported":
    case "charset.unsupported":
      return new ServiceError(415, "unsupported_encoding", "send the JSON body as UTF-8 without content encoding");
    default:
      if (typeof error.status === "number" && error.status >= 400 && error.status < 500) {
        return new ServiceError(error.status, "bad_request", "the request could not be read");
      }
      return undefined;
  }
}

function toServiceError(error: unknown): ServiceError | undefined {
  if (error instanceof ServiceError) return error;
  // SDK input errors (definition, schema, issuer key, date): the client sent them.
  if (error instanceof ZksegError) return new ServiceError(400, error.code, error.message, { field: error.field });
  if (error instanceof Error) return fromBodyParser(error as BodyParserError);
  return undefined;
}

export function errorHandler(logger: Logger) {
  return (error: unknown, _req: Request, res: Response, next: NextFunction): void => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const requestId = res.locals.requestId as string;
    const known = toServiceError(error);
    if (!known) {
      logger.error({ event: "unexpected_error", requestId, err: error }, "request failed");
      res.status(500).json({ error: { code: "internal_error", message: `internal error; request id ${requestId}` } });
      return;
    }
    if (known.status >= 500) logger.error({ event: "service_error", requestId, code: known.code }, known.message);
    if (known.retryAfterSeconds !== undefined) res.setHeader("Retry-After", String(known.retryAfterSeconds));
    const body: Record<string, unknown> = { error: { code: known.code, message: known.message, field: known.field } };
    res.status(known.status).json({ ...body, ...known.details });
  };
}
