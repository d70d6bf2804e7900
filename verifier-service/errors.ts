// The service's one error class. Use cases throw it; the central error handler
// in http/errorHandler.ts turns it into `{ error: { code, message, field? } }`.

/** An error with the HTTP status and the stable code a client sees. */
export class ServiceError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field?: string;
  /** Extra top-level members of the response body, such as the original receipt of a duplicate. */
  readonly details?: Record<string, unknown>;
  /** Seconds a client should wait before retrying (503 and 429). */
  readonly retryAfterSeconds?: number;

  constructor(
    status: number,
    code: string,
    message: string,
    options: { field?: string; details?: Record<string, unknown>; retryAfterSeconds?: number } = {},
  ) {
    super(message);
    this.name = "ServiceError";
    this.status = status;
    this.code = code;
    this.field = options.field;
    this.details = options.details;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

/** 400: the request is malformed; `field` names the offending path. */
export function badRequest(code: string, message: string, field?: string): ServiceError {
  return new ServiceError(400, code, message, { field });
}

/** 404 for a segment that does not exist or belongs to another marketer, so ids of others stay hidden. */
export function segmentNotFound(segmentId: string): ServiceError {
  return new ServiceError(404, "segment_not_found", `segment ${segmentId} not found; check the id`, {
    field: "id",
  });
}
