// Field and curve constants, and strict parsing of field elements.
import { invalidInput } from "./errors.js";

/** BN254 scalar field order r: every public signal and circuit input is below it. */
export const SNARK_SCALAR_FIELD = 21888242871839275222246405745257275088548364400416034343698204186575808495617n;

/** Order l of BabyJubJub's prime-order subgroup; EdDSA requires S < l. */
export const BABYJUB_SUBGROUP_ORDER = 2736030358979909402780800718157159386076813972158567259200215660948447373041n;

/** Attributes and bounds are unsigned 64-bit integers. */
export const MAX_UINT64 = 2n ** 64n - 1n;

const DECIMAL = /^(0|[1-9][0-9]*)$/;

/**
 * Parses a canonical decimal string into a bigint in [0, max].
 * Rejects JS numbers, floats, signs, hex, leading zeros and empty strings, so
 * that one value has exactly one encoding and nothing loses precision.
 */
export function parseDecimal(value: unknown, field: string, max: bigint): bigint {
  if (typeof value !== "string") {
    const kind = typeof value === "number" ? "a JSON number" : typeof value;
    throw invalidInput(field, `expected a decimal string, got ${kind}; write the value in quotes, e.g. "42"`);
  }
  if (!DECIMAL.test(value)) {
    const shown = value.length > 80 ? `${value.slice(0, 80)}...` : value;
    throw invalidInput(field, `"${shown}" is not a canonical decimal integer (digits only, no sign, no leading zeros)`);
  }
  const parsed = BigInt(value);
  if (parsed > max) {
    throw invalidInput(field, `${value} exceeds the maximum ${max}`);
  }
  return parsed;
}

/** Parses a canonical field element: a decimal string below SNARK_SCALAR_FIELD. */
export function parseFieldElement(value: unknown, field: string): bigint {
  return parseDecimal(value, field, SNARK_SCALAR_FIELD - 1n);
}

/** Parses an unsigned 64-bit integer given as a decimal string. */
export function parseUint64(value: unknown, field: string): bigint {
  return parseDecimal(value, field, MAX_UINT64);
}
