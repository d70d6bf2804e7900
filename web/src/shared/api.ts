// Same-origin client of the verifier service's /v1 API, shared by both pages.

/** An error response of the verifier service: HTTP status plus its { error: { code, message, field } } body. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field?: string;
  /** The parsed response body, such as the original receipt of a 409. */
  readonly body: unknown;

  constructor(status: number, code: string, message: string, field: string | undefined, body: unknown) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.field = field;
    this.body = body;
  }
}

/** Options of one API request. */
export interface RequestOptions {
  method?: "GET" | "POST";
  /** Sent as JSON. */
  body?: unknown;
  /** Marketer API key, sent as a Bearer token. */
  apiKey?: string;
}

function errorFromBody(status: number, body: unknown): ApiError {
  const error = (body as { error?: { code?: unknown; message?: unknown; field?: unknown } } | null)?.error;
  const code = typeof error?.code === "string" ? error.code : `http_${status}`;
  const message = typeof error?.message === "string" ? error.message : `the service returned HTTP ${status}`;
  const field = typeof error?.field === "string" ? error.field : undefined;
  return new ApiError(status, code, message, field, body);
}

/**
 * Sends a request to the service at `path` (relative to the site root, such as "/v1/segments")
 * and returns the parsed JSON body. Throws ApiError for any status outside 200-299.
 */
export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (options.body !== undefined) headers["content-type"] = "application/json";
  if (options.apiKey) headers.authorization = `Bearer ${options.apiKey}`;
  let response: Response;
  try {
    response = await fetch(path, {
      method: options.method ?? "GET",
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: "same-origin",
    });
  } catch (error) {
    throw new ApiError(
      0,
      "network_error",
      `the service could not be reached (${(error as Error).message})`,
      undefined,
      null,
    );
  }
  const text = await response.text();
  let body: unknown = null;
  if (text !== "") {
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
  }
  if (!response.ok) throw errorFromBody(response.status, body);
  return body as T;
}

/** Public description of a segment, as GET /v1/segments/:id returns it. */
export interface PublicSegment {
  id: string;
  definition: string;
  schema: string;
  segmentHash: string;
  scope: string;
  trustedIssuers: { publicKey: [string, string]; keyHash: string }[];
  /** First and last accepted proof dates as YYYYMMDD, or null for no limit. */
  validFrom: number | null;
  validUntil: number | null;
}
