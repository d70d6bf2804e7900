// Use cases of segment management: creating, listing and describing segments.
import crypto from "node:crypto";
import { ZksegError } from "../../prover/src/errors.js";
import { issuerKeyHash, requireIssuerPublicKey } from "../../prover/src/issuer.js";
import { requireValidDate, toDateNumber } from "../../prover/src/dates.js";
import { parseSegment } from "../../prover/src/segment/definition.js";
import { encodeSegment, segmentHash } from "../../prover/src/segment/encoding.js";
import { schemaRef } from "../../prover/src/schema.js";
import { badRequest, segmentNotFound } from "../errors.js";
import type { Repository, SegmentRecord, TrustedIssuer } from "../data/repository.js";

export interface CreateSegmentRequest {
  definition: string;
  schema?: string;
  trustedIssuers: [string, string][];
  validFrom?: number;
  validUntil?: number;
}

/** sha256 of the artifacts that proofs for every segment must come from. */
export interface ArtifactDigests {
  wasm: string;
  zkey: string;
  verificationKey: string;
}

/** Public view of a segment, without the owner or the member count. */
export interface PublicSegment {
  id: string;
  definition: string;
  schema: string;
  segmentHash: string;
  scope: string;
  trustedIssuers: TrustedIssuer[];
  artifacts: ArtifactDigests;
  validFrom: number | null;
  validUntil: number | null;
  createdAt: string;
}

/** Maximum number of segments GET /v1/public/segments lists. */
export const MAX_PUBLISHED_SEGMENTS = 100;

/**
 * Checks that [Ax, Ay] is a point of BabyJubJub's prime-order subgroup other
 * than the identity (the SDK's rule) and returns it with its key hash
 * Poseidon(Ax, Ay). A key outside the subgroup would let its owner sign
 * credentials that verify under several key hashes.
 */
async function trustIssuer(key: [string, string], index: number): Promise<TrustedIssuer> {
  const field = `trustedIssuers[${index}]`;
  try {
    const publicKey = await requireIssuerPublicKey(key, field);
    return {
      keyHash: (await issuerKeyHash(publicKey)).toString(),
      publicKey: [publicKey[0].toString(), publicKey[1].toString()],
    };
  } catch (error) {
    // A malformed coordinate keeps its own field path; a well-formed point that is not a key becomes invalid_issuer_key.
    if (!(error instanceof ZksegError) || error.field !== field) throw error;
    throw badRequest("invalid_issuer_key", `${error.message}; send the issuer's public key`, field);
  }
}

function parseWindow(request: CreateSegmentRequest): { validFrom: number | null; validUntil: number | null } {
  const validFrom = request.validFrom === undefined ? null : requireValidDate(request.validFrom, "validFrom");
  const validUntil = request.validUntil === undefined ? null : requireValidDate(request.validUntil, "validUntil");
  if (validFrom !== null && validUntil !== null && validFrom > validUntil) {
    throw badRequest("invalid_window", `validFrom ${validFrom} is after validUntil ${validUntil}`, "validFrom");
  }
  return { validFrom, validUntil };
}

/** Draws a random 248-bit scope, which is below the field modulus and unique per segment with overwhelming probability. */
function randomScope(): string {
  return BigInt(`0x${crypto.randomBytes(31).toString("hex")}`).toString();
}

export class SegmentUseCases {
  constructor(
    private readonly repository: Repository,
    private readonly artifacts: ArtifactDigests,
  ) {}

  async create(marketerId: string, request: CreateSegmentRequest): Promise<PublicSegment> {
    const definition = parseSegment(request.definition, request.schema ?? "retail@1");
    const hash = await segmentHash(encodeSegment(definition));
    const trustedIssuers: TrustedIssuer[] = [];
    for (const [index, key] of request.trustedIssuers.entries()) {
      const issuer = await trustIssuer(key, index);
      if (trustedIssuers.some((known) => known.keyHash === issuer.keyHash)) {
        throw badRequest(
          "duplicate_issuer",
          `trustedIssuers[${index}] repeats an earlier key`,
          `trustedIssuers[${index}]`,
        );
      }
      trustedIssuers.push(issuer);
    }
    const created = await this.repository.insertSegment({
      id: `seg_${crypto.randomBytes(12).toString("hex")}`,
      marketerId,
      definition: request.definition,
      schema: schemaRef(definition.schema),
      segmentHash: hash.toString(),
      scope: randomScope(),
      trustedIssuers,
      ...parseWindow(request),
    });
    return this.toPublic(created);
  }

  async listOwned(marketerId: string): Promise<PublicSegment[]> {
    return (await this.repository.listOwnedSegments(marketerId)).map((segment) => this.toPublic(segment));
  }

  /** Lists the segments customers may join today (UTC), newest first; older ones stay reachable by id. */
  async listPublished(now: Date): Promise<PublicSegment[]> {
    const segments = await this.repository.listOpenSegments(toDateNumber(now), MAX_PUBLISHED_SEGMENTS);
    return segments.map((segment) => this.toPublic(segment));
  }

  async getPublic(segmentId: string): Promise<PublicSegment> {
    const segment = await this.repository.findSegment(segmentId);
    if (!segment) throw segmentNotFound(segmentId);
    return this.toPublic(segment);
  }

  private toPublic(segment: SegmentRecord): PublicSegment {
    return {
      id: segment.id,
      definition: segment.definition,
      schema: segment.schema,
      segmentHash: segment.segmentHash,
      scope: segment.scope,
      trustedIssuers: segment.trustedIssuers,
      artifacts: this.artifacts,
      validFrom: segment.validFrom,
      validUntil: segment.validUntil,
      createdAt: segment.createdAt,
    };
  }
}
