// Checks, on the customer's device, whether a loaded credential can join a published segment,
// and explains why not without ever printing an attribute value.
import type { Credential } from "../../../prover/src/credential.js";
import { fromDateNumber } from "../../../prover/src/dates.js";
import { schemaRef } from "../../../prover/src/schema.js";
import type { CompiledSegment } from "../../../prover/src/segment/compile.js";
import { explainMismatch } from "../../../prover/src/segment/membership.js";

/** Outcome of the eligibility check: the blocking reason kind and its explanations, empty for a member. */
export interface Eligibility {
  kind: "member" | "expired" | "untrusted_issuer" | "wrong_holder" | "wrong_schema" | "not_in_segment" | "closed";
  reasons: string[];
}

/** Segment facts the check needs beyond the compiled definition. */
export interface SegmentTerms {
  compiled: CompiledSegment;
  trustedIssuers: readonly (readonly [string, string])[];
  /** First and last accepted proof dates as YYYYMMDD, when the segment has them. */
  validFrom?: number;
  validUntil?: number;
}

/** Writes a YYYYMMDD number as an ISO date such as 2027-12-31. */
export function isoDate(date: number): string {
  return fromDateNumber(date).toISOString().slice(0, 10);
}

/**
 * Checks the credential against a segment on `date` (YYYYMMDD, UTC), in the order a customer can act on:
 * holder, schema, expiry, the segment's validity window, issuer trust, then the segment's conditions.
 */
export function checkEligibility(
  credential: Credential,
  identityCommitment: bigint | null,
  terms: SegmentTerms,
  date: number,
): Eligibility {
  if (identityCommitment !== null && identityCommitment !== credential.holderCommitment) {
    return {
      kind: "wrong_holder",
      reasons: ["this credential was issued to another identity; import the identity it was issued to"],
    };
  }
  if (credential.schema !== terms.compiled.definition.schema) {
    return {
      kind: "wrong_schema",
      reasons: [`this segment needs a ${schemaRef(terms.compiled.definition.schema)} credential`],
    };
  }
  if (credential.expiresAt < date) {
    return {
      kind: "expired",
      reasons: [`your credential expired on ${isoDate(credential.expiresAt)}; ask your issuer for a new one`],
    };
  }
  if (terms.validFrom !== undefined && date < terms.validFrom) {
    return { kind: "closed", reasons: [`this segment opens on ${isoDate(terms.validFrom)}`] };
  }
  if (terms.validUntil !== undefined && date > terms.validUntil) {
    return { kind: "closed", reasons: [`this segment closed on ${isoDate(terms.validUntil)}`] };
  }
  const [x, y] = credential.issuerPublicKey;
  const trusted = terms.trustedIssuers.some(([ax, ay]) => ax === x.toString() && ay === y.toString());
  if (!trusted) {
    return {
      kind: "untrusted_issuer",
      reasons: ["this segment does not trust the issuer of your credential"],
    };
  }
  const reasons = explainMismatch(terms.compiled.definition, terms.compiled.encoding, credential.attributes, date);
  return reasons.length === 0 ? { kind: "member", reasons } : { kind: "not_in_segment", reasons };
}
