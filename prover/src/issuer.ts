// Issuer keys: EdDSA-Poseidon on BabyJubJub, as circomlibjs implements it.
import { buildEddsa, type Eddsa } from "circomlibjs";
import { invalidInput } from "./errors.js";
import { parseFieldElement } from "./field.js";
import { poseidon } from "./hash.js";
import { bytesToHex, decodeSecret, encodeSecret, INSPECT, redacted } from "./secret.js";

/** Prefix of exported issuer private keys; the digit is the format version. */
export const ISSUER_KEY_PREFIX = "zkseg-issuer1:";
const PRIVATE_KEY_BYTES = 32;

/** An issuer public key: the affine BabyJubJub point (Ax, Ay). */
export type IssuerPublicKey = readonly [bigint, bigint];

let eddsaInstance: Promise<Eddsa> | undefined;

/** Returns the process-wide circomlibjs EdDSA instance, built once. */
export function getEddsa(): Promise<Eddsa> {
  eddsaInstance ??= buildEddsa();
  return eddsaInstance;
}

const privateKeys = new WeakMap<IssuerKey, Uint8Array>();

/**
 * An issuer's signing key. The 32-byte private key stays out of every
 * enumerable property, and toString, toJSON and util.inspect print a redacted
 * text; `publicKey` is safe to publish.
 */
export class IssuerKey {
  readonly publicKey: IssuerPublicKey;

  /** Use generateIssuerKey or importIssuerKey. */
  constructor(privateKey: Uint8Array, publicKey: IssuerPublicKey) {
    privateKeys.set(this, Uint8Array.from(privateKey));
    this.publicKey = Object.freeze([publicKey[0], publicKey[1]]) as IssuerPublicKey;
    Object.freeze(this);
  }

  /** Returns a redacted text, never the private key. */
  toString(): string {
    return redacted(`zkseg IssuerKey (${this.publicKey[0]}, ${this.publicKey[1]})`);
  }

  /** Returns the redacted text so JSON.stringify never writes the private key. */
  toJSON(): string {
    return this.toString();
  }

  /** Returns the redacted text for Node's util.inspect and console.log. */
  [INSPECT](): string {
    return this.toString();
  }
}

/** Returns a copy of the issuer's private key for signing; not part of the public API. */
export function issuerPrivateKey(key: IssuerKey): Uint8Array {
  const privateKey = key instanceof IssuerKey ? privateKeys.get(key) : undefined;
  if (!privateKey) throw invalidInput("issuerKey", "expected an IssuerKey from generateIssuerKey or importIssuerKey");
  return Uint8Array.from(privateKey);
}

async function keyFromPrivate(privateKey: Uint8Array): Promise<IssuerKey> {
  const eddsa = await getEddsa();
  const point = eddsa.prv2pub(privateKey);
  return new IssuerKey(privateKey, [eddsa.F.toObject(point[0]), eddsa.F.toObject(point[1])]);
}

/** Generates an issuer key from 32 bytes of crypto.getRandomValues. */
export async function generateIssuerKey(): Promise<IssuerKey> {
  return keyFromPrivate(crypto.getRandomValues(new Uint8Array(PRIVATE_KEY_BYTES)));
}

/** Exports the private key as "zkseg-issuer1:<64 hex><8 hex checksum>"; keep it in a secret store. */
export function exportIssuerKey(key: IssuerKey): string {
  return encodeSecret(ISSUER_KEY_PREFIX, bytesToHex(issuerPrivateKey(key)));
}

/** Imports a key written by exportIssuerKey, rejecting another prefix, bad hex and a wrong checksum. */
export async function importIssuerKey(text: string): Promise<IssuerKey> {
  const hex = decodeSecret(text, ISSUER_KEY_PREFIX, PRIVATE_KEY_BYTES * 2, "issuerKey");
  const bytes = Uint8Array.from(hex.match(/../g) ?? [], (pair) => parseInt(pair, 16));
  return keyFromPrivate(bytes);
}

/**
 * Checks that a public key is a canonical point of BabyJubJub's prime-order
 * subgroup other than the identity, and returns it as bigints. Points off the
 * curve, of small order (cofactor 8) or outside the subgroup would let a
 * forged key pass EdDSA verification for messages it never signed.
 */
export async function requireIssuerPublicKey(
  publicKey: readonly unknown[],
  field = "publicKey",
): Promise<IssuerPublicKey> {
  if (!Array.isArray(publicKey) || publicKey.length !== 2) {
    throw invalidInput(field, "expected [Ax, Ay], two decimal field elements");
  }
  const [x, y] = publicKey.map((coordinate, i) =>
    typeof coordinate === "bigint"
      ? parseFieldElement(coordinate.toString(), `${field}[${i}]`)
      : parseFieldElement(coordinate, `${field}[${i}]`),
  );
  const { babyJub } = await getEddsa();
  const point: [Uint8Array, Uint8Array] = [babyJub.F.e(x), babyJub.F.e(y)];
  if (!babyJub.inCurve(point)) throw invalidInput(field, "the point is not on BabyJubJub; check the key's source");
  if (x === 0n && y === 1n) throw invalidInput(field, "the point is the curve's identity (order 1), not a key");
  if (!babyJub.inSubgroup(point)) {
    throw invalidInput(field, "the point is outside the prime-order subgroup (small or mixed order); reject this key");
  }
  return [x, y];
}

/** Computes issuerKeyHash = Poseidon(Ax, Ay) after checking the key with requireIssuerPublicKey. */
export async function issuerKeyHash(publicKey: readonly (bigint | string)[]): Promise<bigint> {
  const [x, y] = await requireIssuerPublicKey(publicKey);
  return poseidon([x, y]);
}
