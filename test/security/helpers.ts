// Helpers shared by the security tests: segments, member counts and error
// assertions against a verifier service started by test/service/helpers.ts.
import assert from "node:assert/strict";
import { DEFINITION, issuerPublicKey } from "../service/fixtures.js";
import { request, type JsonResponse } from "../service/helpers.js";

/** The public fields of a created segment that the tests use. */
export interface SegmentInfo {
  id: string;
  scope: string;
}

/** Creates a segment of DEFINITION trusting fixture issuer 0 and returns its id and scope. */
export async function createSegment(url: string, apiKey: string, definition = DEFINITION): Promise<SegmentInfo> {
  const response = await request(`${url}/v1/segments`, {
    apiKey,
    body: { definition, trustedIssuers: [await issuerPublicKey(0)] },
  });
  assert.equal(response.status, 201, JSON.stringify(response.body));
  return { id: response.body.id, scope: response.body.scope };
}

/**
 * Reads a segment's member count. The tests run the service with k = 1, so
 * the only withheld count is 0, which this returns as 0.
 */
export async function memberCount(url: string, segmentId: string, apiKey: string): Promise<number> {
  const response = await request(`${url}/v1/segments/${segmentId}/count`, { apiKey });
  assert.equal(response.status, 200, JSON.stringify(response.body));
  if (response.body.count === null) {
    assert.equal(response.body.fewerThan, 1, "the security tests expect a service with k-anonymity 1");
    return 0;
  }
  return response.body.count as number;
}

/** Asserts an error response's status, code and, when given, field. */
export function assertError(response: JsonResponse, status: number, code: string, field?: string): void {
  assert.equal(response.status, status, JSON.stringify(response.body));
  assert.equal(response.body.error.code, code, JSON.stringify(response.body));
  if (field !== undefined) assert.equal(response.body.error.field, field, JSON.stringify(response.body));
}

/** Parses captured pino lines and returns those of one event. */
export function logEvents(lines: readonly string[], event: string): Record<string, unknown>[] {
  return lines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((entry) => entry.event === event);
}
