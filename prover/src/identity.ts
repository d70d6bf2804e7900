// A customer's identity: one secret below the BN254 scalar field. Credentials
// bind its Poseidon commitment, and proofs derive nullifiers from it.
import { invalidInput } from "./errors.js";
import { SNARK_SCALAR_FIELD } from "./field.js";
import { poseidon } from "./hash.js";
import { decodeSecret, encodeSecret, INSPECT, randomBelow, redacted } from "./secret.js";

/** Prefix of exported identities; the digit is the format version. */
export const IDENTITY_PREFIX = "zkseg-id1:";
const SECRET_HEX_LENGTH = 64;

const secrets = new WeakMap<Identity, bigint>();

/**
 * A holder's secret identity. The secret is kept out of every enumerable
 * property, and toString, toJSON and util.inspect print a redacted text, so
 * logging or serializing an Identity does not leak it. Use exportIdentity to
 * back it up.
 */
export class Identity {
  /** Use createIdentity or importIdentity. */
  constructor(secret: bigint) {
    if (typeof secret !== "bigint" || secret <= 0n || secret >= SNARK_SCALAR_FIELD) {
      throw invalidInput("identity", "the secret must be an integer in [1, r); use createIdentity()");
    }
    secrets.set(this, secret);
    Object.freeze(this);
  }

  /** Returns a redacted text, never the secret. */
  toString(): string {
    return redacted("zkseg Identity");
  }

  /** Returns a redacted text so JSON.stringify never writes the secret. */
  toJSON(): string {
    return this.toString();
  }

  /** Returns the redacted text for Node's util.inspect and console.log. */
  [INSPECT](): string {
    return this.toString();
  }
}

/** Returns the identity's secret for witness building; not part of the public API. */
export function identitySecret(identity: Identity): bigint {
  const secret = identity instanceof Identity ? secrets.get(identity) : undefined;
  if (secret === undefined)
    throw invalidInput("identity", "expected an Identity from createIdentity or importIdentity");
  return secret;
}

/** Creates an identity with a uniformly random secret in [1, r) from crypto.getRandomValues. */
export function createIdentity(): Identity {
  return new Identity(randomBelow(SNARK_SCALAR_FIELD));
}

/** Exports the identity as "zkseg-id1:<64 hex secret><8 hex checksum>"; store it like a password. */
export function exportIdentity(identity: Identity): string {
  return encodeSecret(IDENTITY_PREFIX, identitySecret(identity).toString(16).padStart(SECRET_HEX_LENGTH, "0"));
}

/**
 * Imports an identity written by exportIdentity. Rejects another prefix,
 * uppercase or missing digits, a wrong checksum and secrets outside [1, r).
 */
export function importIdentity(text: string): Identity {
  const secret = BigInt(`0x${decodeSecret(text, IDENTITY_PREFIX, SECRET_HEX_LENGTH, "identity")}`);
  if (secret === 0n || secret >= SNARK_SCALAR_FIELD) {
    throw invalidInput("identity", "the secret is not in [1, r); this string was not written by exportIdentity");
  }
  return new Identity(secret);
}

/** Computes the holder commitment Poseidon(secret) that issuers sign into credentials. */
export async function holderCommitment(identity: Identity): Promise<bigint> {
  return poseidon([identitySecret(identity)]);
}
