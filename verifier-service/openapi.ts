// The OpenAPI 3.1 document of the service. It is the source of truth for the
// routes: http/router.ts registers one Express route per operation here, applies
// bearer authentication where `security` asks for it, and validates request
// bodies against these schemas with Ajv. Served as-is at GET /openapi.json.

const DECIMAL = "^(0|[1-9][0-9]*)$";

const errorBody = {
  type: "object",
  required: ["error"],
  properties: {
    error: {
      type: "object",
      required: ["code", "message"],
      properties: {
        code: { type: "string", description: "Stable machine-readable reason" },
        message: { type: "string" },
        field: { type: "string", description: "Path of the offending field, such as publicSignals[3]" },
      },
    },
  },
} as const;

const dateNumber = {
  type: "integer",
  minimum: 19000101,
  maximum: 99991231,
  description: "Calendar day as a YYYYMMDD integer, UTC",
} as const;

const issuerKey = {
  type: "array",
  minItems: 2,
  maxItems: 2,
  items: { type: "string", pattern: DECIMAL, maxLength: 78 },
  description: "BabyJubJub public key [Ax, Ay] as decimal strings",
} as const;

const createSegmentBody = {
  type: "object",
  additionalProperties: false,
  required: ["definition", "trustedIssuers"],
  properties: {
    definition: {
      type: "string",
      minLength: 1,
      maxLength: 2000,
      description: 'Such as "age 25 to 34, region in {4, 9}"',
    },
    schema: { type: "string", minLength: 1, maxLength: 64, default: "retail@1" },
    trustedIssuers: { type: "array", minItems: 1, maxItems: 16, items: issuerKey },
    validFrom: dateNumber,
    validUntil: dateNumber,
  },
} as const;

const segment = {
  type: "object",
  properties: {
    id: { type: "string" },
    definition: { type: "string" },
    schema: { type: "string" },
    segmentHash: { type: "string", pattern: DECIMAL },
    scope: { type: "string", pattern: DECIMAL },
    trustedIssuers: {
      type: "array",
      items: {
        type: "object",
        properties: { keyHash: { type: "string", description: "Poseidon(Ax, Ay)" }, publicKey: issuerKey },
      },
    },
    artifacts: {
      type: "object",
      description: "sha256 of the circuit artifacts a prover must use",
      properties: { wasm: { type: "string" }, zkey: { type: "string" }, verificationKey: { type: "string" } },
    },
    validFrom: { ...dateNumber, type: ["integer", "null"] },
    validUntil: { ...dateNumber, type: ["integer", "null"] },
    createdAt: { type: "string", format: "date-time" },
  },
} as const;

const fieldElement = { type: "string", pattern: DECIMAL, description: "Decimal field element below r" } as const;
const coordinate = { type: "string", pattern: DECIMAL } as const;
const pair = { type: "array", minItems: 2, maxItems: 2, items: coordinate } as const;
const g1 = { type: "array", minItems: 3, maxItems: 3, items: coordinate } as const;

const proofPackage = {
  type: "object",
  description:
    "zkseg-proof/1 package. Parsed by the SDK's parseProofPackage, which also rejects values at or above the field modulus.",
  required: ["version", "segmentId", "scope", "signal", "proof", "publicSignals"],
  additionalProperties: false,
  properties: {
    version: { const: "zkseg-proof/1" },
    segmentId: { type: "string" },
    scope: fieldElement,
    signal: { type: "string", minLength: 1, maxLength: 256, description: "Targeting handle" },
    proof: {
      type: "object",
      required: ["pi_a", "pi_b", "pi_c", "protocol", "curve"],
      additionalProperties: false,
      properties: {
        pi_a: g1,
        pi_b: { type: "array", minItems: 3, maxItems: 3, items: pair },
        pi_c: g1,
        protocol: { const: "groth16" },
        curve: { const: "bn128" },
      },
    },
    publicSignals: {
      type: "array",
      minItems: 6,
      maxItems: 6,
      items: fieldElement,
      description: "nullifier, segmentHash, issuerKeyHash, scope, signalHash, date",
    },
  },
} as const;

const receipt = {
  type: "object",
  properties: { receiptId: { type: "string" }, nullifier: fieldElement },
} as const;

const json = (schema: object, description: string) => ({ description, content: { "application/json": { schema } } });
const errorResponse = (description: string) => json(errorBody, description);
const idParameter = { name: "id", in: "path", required: true, schema: { type: "string" } } as const;
const bearer = [{ apiKey: [] }];

export const openapiDocument = {
  openapi: "3.1.0",
  info: {
    title: "zkseg verifier service",
    version: "1.0.0",
    description: "Verifies zero-knowledge segment membership proofs and counts segment members.",
  },
  components: {
    securitySchemes: { apiKey: { type: "http", scheme: "bearer", description: "Marketer API key" } },
  },
  paths: {
    "/v1/segments": {
      post: {
        operationId: "createSegment",
        summary: "Create a segment",
        security: bearer,
        requestBody: { required: true, content: { "application/json": { schema: createSegmentBody } } },
        responses: {
          "201": json(segment, "Created"),
          "400": errorResponse("Invalid definition, schema or issuer key"),
          "401": errorResponse("Missing or unknown API key"),
        },
      },
      get: {
        operationId: "listSegments",
        summary: "List the caller's segments",
        security: bearer,
        responses: {
          "200": json({ type: "object", properties: { segments: { type: "array", items: segment } } }, "OK"),
        },
      },
    },
    "/v1/public/segments": {
      get: {
        operationId: "listPublishedSegments",
        summary: "Segments customers may join: validity window not ended, newest first, at most 100",
        responses: {
          "200": json({ type: "object", properties: { segments: { type: "array", items: segment } } }, "OK"),
        },
      },
    },
    "/v1/segments/{id}": {
      get: {
        operationId: "getSegment",
        summary: "Public segment details a prover needs",
        parameters: [idParameter],
        responses: { "200": json(segment, "OK"), "404": errorResponse("Unknown segment") },
      },
    },
    "/v1/segments/{id}/proofs": {
      post: {
        operationId: "submitProof",
        summary: "Verify a proof package and record the join",
        parameters: [idParameter],
        "x-body-parser": "parseProofPackage",
        requestBody: { required: true, content: { "application/json": { schema: proofPackage } } },
        responses: {
          "201": json(receipt, "Joined"),
          "400": errorResponse("Malformed package or non-canonical field element"),
          "404": errorResponse("Unknown segment"),
          "409": json(
            {
              ...errorBody,
              properties: { ...errorBody.properties, ...receipt.properties, joinedAt: { type: "string" } },
            },
            "Nullifier already joined; carries the original receipt",
          ),
          "413": errorResponse("Body larger than the limit"),
          "422": errorResponse(
            "Rejected: segment_id_mismatch, wrong_segment_hash, untrusted_issuer, scope_mismatch, date_outside_window, segment_not_active, signal_hash_mismatch, invalid_proof",
          ),
          "503": errorResponse("Verification queue full; see Retry-After"),
        },
      },
    },
    "/v1/segments/{id}/count": {
      get: {
        operationId: "getCount",
        summary: "Member count, withheld below the k-anonymity threshold",
        security: bearer,
        parameters: [idParameter],
        responses: {
          "200": json(
            {
              type: "object",
              properties: { count: { type: ["integer", "null"] }, fewerThan: { type: "integer" } },
            },
            "OK",
          ),
          "404": errorResponse("Unknown segment or owned by another marketer"),
        },
      },
    },
    "/v1/segments/{id}/audience": {
      get: {
        operationId: "getAudience",
        summary: "Handles of verified members, oldest first, cursor-paginated",
        security: bearer,
        parameters: [
          idParameter,
          { name: "limit", in: "query", schema: { type: "integer", minimum: 1, maximum: 1000, default: 100 } },
          { name: "cursor", in: "query", schema: { type: "string" } },
        ],
        responses: {
          "200": json(
            {
              type: "object",
              properties: {
                members: {
                  type: "array",
                  items: {
                    type: "object",
                    properties: {
                      handle: { type: "string" },
                      receiptId: { type: "string" },
                      joinedAt: { type: "string" },
                    },
                  },
                },
                nextCursor: { type: ["string", "null"] },
                fewerThan: { type: "integer" },
              },
            },
            "OK",
          ),
          "404": errorResponse("Unknown segment or owned by another marketer"),
        },
      },
    },
    "/v1/segments/{id}/joins": {
      get: {
        operationId: "getJoinsPerDay",
        summary: "Joins per UTC day, for a dashboard chart",
        security: bearer,
        parameters: [idParameter],
        responses: {
          "200": json(
            {
              type: "object",
              properties: {
                days: {
                  type: "array",
                  items: {
                    type: "object",
                    properties: {
                      day: { type: "string" },
                      count: { type: ["integer", "null"] },
                      fewerThan: { type: "integer" },
                    },
                  },
                },
              },
            },
            "OK",
          ),
          "404": errorResponse("Unknown segment or owned by another marketer"),
        },
      },
    },
    "/healthz": {
      get: {
        operationId: "getHealth",
        summary: "Liveness and database check",
        responses: { "200": json({ type: "object" }, "Healthy"), "503": errorResponse("Database unreachable") },
      },
    },
    "/metrics": {
      get: {
        operationId: "getMetrics",
        summary: "Prometheus metrics",
        responses: { "200": { description: "Prometheus text format", content: { "text/plain": {} } } },
      },
    },
    "/openapi.json": {
      get: {
        operationId: "getOpenApi",
        summary: "This document",
        responses: { "200": json({ type: "object" }, "OpenAPI 3.1 document") },
      },
    },
  },
} as const;

/** One operation of the document, as the router reads it. */
export interface OperationSpec {
  operationId: string;
  security?: readonly object[];
  requestBody?: { content: { "application/json": { schema: object } } };
  "x-body-parser"?: string;
}
