// Assembles the circuit's input signals from a credential, a segment and the
// public context. Every name matches a signal of circuits/segment.circom.
import type { SegmentEncoding } from "./segment/encoding.js";

/** The credential's values as the circuit consumes them, all as field elements. */
export interface CredentialSecrets {
  holderSecret: bigint;
  schemaId: bigint;
  attributes: readonly bigint[];
  expiresAt: bigint;
  issuerPublicKey: readonly [bigint, bigint];
  signature: { R8: readonly [bigint, bigint]; S: bigint };
}

/** Public inputs chosen by the verifier (scope, date) and the customer (signalHash). */
export interface PublicContext {
  scope: bigint;
  signalHash: bigint;
  date: bigint;
}

/** Circuit input signals, keyed by signal name. */
export type CircuitInput = Record<string, bigint | bigint[] | bigint[][]>;

/** Builds the full input of SegmentMembership(8, 2, 8, 4). */
export function buildCircuitInput(
  credential: CredentialSecrets,
  segment: SegmentEncoding,
  context: PublicContext,
): CircuitInput {
  return {
    holderSecret: credential.holderSecret,
    schemaId: credential.schemaId,
    attributes: [...credential.attributes],
    expiresAt: credential.expiresAt,
    Ax: credential.issuerPublicKey[0],
    Ay: credential.issuerPublicKey[1],
    S: credential.signature.S,
    R8x: credential.signature.R8[0],
    R8y: credential.signature.R8[1],
    lo: segment.lo,
    hi: segment.hi,
    ageMode: segment.ageMode,
    inSet: segment.inSet,
    notInSet: segment.notInSet,
    setValues: segment.setValues,
    scope: context.scope,
    signalHash: context.signalHash,
    date: context.date,
  };
}

/** Public signal positions, in the order snarkjs emits them. */
export const PUBLIC_SIGNAL_INDEX = {
  nullifier: 0,
  segmentHash: 1,
  issuerKeyHash: 2,
  scope: 3,
  signalHash: 4,
  date: 5,
} as const;

export const PUBLIC_SIGNAL_COUNT = 6;
