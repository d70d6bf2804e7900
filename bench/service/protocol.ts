// Messages between the service benchmark and its load generator process.

export interface LoadRequest {
  /** A loopback URL of the service under test. */
  url: string;
  method: "GET" | "POST";
  headers: Record<string, string>;
  /** Request bodies, sent round-robin; empty for GET. */
  bodies: string[];
  concurrency: number;
  durationMs: number;
  /** Upper bound on requests, so a fast service cannot make the run unbounded. */
  maxRequests: number;
}

export interface LoadReport {
  latenciesMs: number[];
  /** Response count per HTTP status code. */
  statuses: Record<string, number>;
  elapsedMs: number;
  /** Requests that failed without an HTTP response. */
  errors: number;
  firstError?: string;
}
