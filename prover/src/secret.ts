// Random scalars and the portable, checksummed text form of secret keys.
import { sha256, toUtf8Bytes } from "ethers";
import { invalidInput } from "./errors.js";

/** Hex characters of the checksum appended to exported secrets: 4 bytes of sha256. */
const CHECKSUM_HEX_LENGTH = 8;

/**
 * Draws a uniform random integer in [1, bound) from crypto.getRandomValues.
 * Masking to the bit length of `bound` and redrawing values at or above it
 * (rejection sampling) avoids the bias of reducing modulo `bound`.
 */
export function randomBelow(bound: bigint): bigint {
  const bits = bound.toString(2).length;
  const bytes = new Uint8Array(Math.ceil(bits / 8));
  const mask = (1n << BigInt(bits)) - 1n;
  for (;;) {
    crypto.getRandomValues(bytes);
    const value = BigInt(`0x${bytesToHex(bytes)}`) & mask;
    if (value !== 0n && value < bound) return value;
  }
}

/** Lowercase hex of `bytes`, two characters a byte. */
export function bytesToHex(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

function checksum(prefix: string, hex: string): string {
  return sha256(toUtf8Bytes(`${prefix}${hex}`)).slice(2, 2 + CHECKSUM_HEX_LENGTH);
}

/** Encodes `payloadHex` as "<prefix><payloadHex><8 hex checksum>". */
export function encodeSecret(prefix: string, payloadHex: string): string {
  return `${prefix}${payloadHex}${checksum(prefix, payloadHex)}`;
}

/**
 * Decodes a string written by encodeSecret and returns the payload hex.
 * Accepts only the exact prefix, lowercase hex of the exact length and a
 * matching checksum. Messages never echo the input because it is a secret.
 */
export function decodeSecret(text: unknown, prefix: string, payloadHexLength: number, field: string): string {
  const example = `${prefix}<${payloadHexLength + CHECKSUM_HEX_LENGTH} lowercase hex digits>`;
  if (typeof text !== "string") throw invalidInput(field, `expected a string of the form ${example}`);
  if (!text.startsWith(prefix)) throw invalidInput(field, `must start with "${prefix}"; expected ${example}`);
  const body = text.slice(prefix.length);
  if (body.length !== payloadHexLength + CHECKSUM_HEX_LENGTH || !/^[0-9a-f]+$/.test(body)) {
    throw invalidInput(field, `has ${body.length} characters after the prefix or non-hex ones; expected ${example}`);
  }
  const payload = body.slice(0, payloadHexLength);
  if (body.slice(payloadHexLength) !== checksum(prefix, payload)) {
    throw invalidInput(field, "checksum does not match; the string was mistyped or truncated, copy it again");
  }
  return payload;
}

/** Text that toString, toJSON and util.inspect show for objects that hold a secret. */
export function redacted(kind: string): string {
  return `[${kind}, secret redacted]`;
}

/** Key under which Node's util.inspect looks up a custom formatter. */
export const INSPECT = Symbol.for("nodejs.util.inspect.custom");
