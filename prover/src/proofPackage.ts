// The proof package ("zkseg-proof/1"): strict parsing and the public-signal
// checks every verifier makes before it runs the pairing check. Pure functions
// without artifacts, so the SDK and the verifier service share one rule set.
import { ZksegError } from "./errors.js";
import { SNARK_SCALAR_FIELD } from "./field.js";
import { hashToField } from "./hash.js";
import { isValidDate } from "./dates.js";
import { PUBLIC_SIGNAL_COUNT, PUBLIC_SIGNAL_INDEX } from "./witness.js";

/** Version tag of the proof package format. */
export const PROOF_PACKAGE_VERSION = "zkseg-proof/1";

/** BN254 base field order q: every coordinate of a proof point is below it. */
export const BN254_BASE_FIELD = 21888242871839275222246405745257275088696311157297823662689037894645226208583n;

/** Maximum length of the targeting handle (`signal`), in UTF-16 code units. */
export const MAX_SIGNAL_LENGTH = 256;

/** Segment ids: 1-128 letters, digits, `.`, `_`, `:` or `-`, starting with a letter or digit. */
export const SEGMENT_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

/** Reasons a verifier rejects a proof package, stable across versions. */
export const REJECTION_REASONS = [
  "malformed_package",
  "non_canonical_field_element",
  "segment_id_mismatch",
  "wrong_segment_hash",
  "untrusted_issuer",
  "scope_mismatch",
  "date_outside_window",
  "signal_hash_mismatch",
  "invalid_proof",
] as const;

/** Machine-readable reason of a rejected proof package. */
export type RejectionReason = (typeof REJECTION_REASONS)[number];

/** A Groth16 proof as snarkjs emits it: coordinates as decimal strings, the last (projective z) fixed to 1. */
export interface Groth16ProofJson {
  pi_a: [string, string, string];
  pi_b: [[string, string], [string, string], [string, string]];
  pi_c: [string, string, string];
  protocol: "groth16";
  curve: "bn128";
}

/** The proof package that the SDK returns and verifiers accept. */
export interface ProofPackage {
  version: typeof PROOF_PACKAGE_VERSION;
  segmentId: string;
  /** Verifier-chosen scope as a decimal field element; equals publicSignals[3]. */
  scope: string;
  /** Targeting handle; publicSignals[4] must equal hashToField(signal). */
  signal: string;
  proof: Groth16ProofJson;
  /** nullifier, segmentHash, issuerKeyHash, scope, signalHash, date as decimal strings. */
  publicSignals: [string, string, string, string, string, string];
}

/** The ZksegError thrown by parseProofPackage, carrying the rejection reason for the verifier's response. */
export class ProofPackageError extends ZksegError {
  readonly reason: RejectionReason;

  constructor(reason: RejectionReason, message: string, field: string) {
    super("invalid_proof", message, field);
    this.name = "ProofPackageError";
    this.reason = reason;
  }
}

/**
 * Accepted proof dates, inclusive YYYYMMDD. Verifiers usually accept today
 * and yesterday in UTC so a proof made just before midnight still passes.
 */
export interface DateWindow {
  earliest: number;
  latest: number;
}

/** Public values a verifier expects of a package for one segment. */
export interface ExpectedContext {
  segmentHash: bigint | string;
  scope: bigint | string;
  /** The one accepted proof date; give either `date` or `dateWindow`. */
  date?: number;
  dateWindow?: DateWindow;
  /** Poseidon(Ax, Ay) of every issuer whose credentials count. */
  trustedIssuerKeyHashes: readonly (bigint | string)[];
  /** When set, the package's segmentId must equal it. */
  segmentId?: string;
}

/** Outcome of checkPublicSignals. */
export type PublicSignalCheck = { ok: true } | { ok: false; reason: RejectionReason; message: string };

const DECIMAL = /^(0|[1-9][0-9]*)$/;
const PACKAGE_KEYS = ["version", "segmentId", "scope", "signal", "proof", "publicSignals"];
const PROOF_KEYS = ["pi_a", "pi_b", "pi_c", "protocol", "curve"];

function malformed(field: string, message: string): ProofPackageError {
  return new ProofPackageError("malformed_package", `malformed proof package: ${field} ${message}`, field);
}

function requireRecord(value: unknown, field: string, keys: readonly string[]): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw malformed(field, `must be a JSON object with keys ${keys.join(", ")}`);
  }
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!keys.includes(key)) throw malformed(`${field}.${key}`, `is not a known field; remove it`);
  }
  for (const key of keys) {
    if (!Object.hasOwn(record, key)) throw malformed(`${field}.${key}`, "is missing");
  }
  return record;
}

function requireArray(value: unknown, field: string, length: number): unknown[] {
  if (!Array.isArray(value) || value.length !== length) {
    throw malformed(field, `must be an array of exactly ${length} elements`);
  }
  return value;
}

/** Checks a canonical decimal below `bound`; a value at or above it is a non-canonical encoding. */
function requireCanonical(value: unknown, field: string, bound: bigint, boundName: string): string {
  if (typeof value !== "string") {
    let kind: string = typeof value;
    if (typeof value === "number") kind = "a JSON number";
    if (value === null) kind = "null";
    throw malformed(field, `must be a decimal string, got ${kind}; write numbers in quotes`);
  }
  if (!DECIMAL.test(value)) {
    throw malformed(field, "must be a canonical decimal integer (digits only, no sign, no leading zeros)");
  }
  if (BigInt(value) >= bound) {
    throw new ProofPackageError(
      "non_canonical_field_element",
      `non-canonical field element: ${field} is not below ${boundName}; reduce it modulo ${boundName}`,
      field,
    );
  }
  return value;
}

function parsePoint(value: unknown, field: string, last: readonly string[]): string[] {
  const coordinates = requireArray(value, field, 3);
  const parsed = [0, 1].map((i) => requireCanonical(coordinates[i], `${field}[${i}]`, BN254_BASE_FIELD, "q"));
  if (coordinates[2] !== last[0]) throw malformed(`${field}[2]`, `must be "${last[0]}" (affine point)`);
  return [...parsed, last[0]];
}

function parseG2Point(value: unknown, field: string): [string, string][] {
  const pairs = requireArray(value, field, 3);
  const parsed = [0, 1].map((i) => {
    const pair = requireArray(pairs[i], `${field}[${i}]`, 2);
    return [0, 1].map((j) => requireCanonical(pair[j], `${field}[${i}][${j}]`, BN254_BASE_FIELD, "q")) as [
      string,
      string,
    ];
  });
  const last = requireArray(pairs[2], `${field}[2]`, 2);
  if (last[0] !== "1" || last[1] !== "0") throw malformed(`${field}[2]`, 'must be ["1", "0"] (affine point)');
  return [...parsed, ["1", "0"]];
}

function parseProof(value: unknown): Groth16ProofJson {
  const proof = requireRecord(value, "proof", PROOF_KEYS);
  if (proof.protocol !== "groth16") throw malformed("proof.protocol", 'must be "groth16"');
  if (proof.curve !== "bn128") throw malformed("proof.curve", 'must be "bn128"');
  return {
    pi_a: parsePoint(proof.pi_a, "proof.pi_a", ["1"]) as Groth16ProofJson["pi_a"],
    pi_b: parseG2Point(proof.pi_b, "proof.pi_b") as Groth16ProofJson["pi_b"],
    pi_c: parsePoint(proof.pi_c, "proof.pi_c", ["1"]) as Groth16ProofJson["pi_c"],
    protocol: "groth16",
    curve: "bn128",
  };
}

/**
 * Control characters and unpaired UTF-16 surrogates. PostgreSQL text cannot
 * store U+0000, newlines split log lines and CSV rows, and a lone surrogate has
 * no UTF-8 encoding, so hashToField would throw on it.
 */
const FORBIDDEN_SIGNAL_CHARACTERS = /[\p{Cc}\p{Cs}]/u;

/** Tells whether `value` is an acceptable targeting handle: 1 to MAX_SIGNAL_LENGTH characters, none forbidden. */
export function isValidSignal(value: unknown): value is string {
  return (
    typeof value === "string" &&
    value.length > 0 &&
    value.length <= MAX_SIGNAL_LENGTH &&
    !FORBIDDEN_SIGNAL_CHARACTERS.test(value)
  );
}

function parseSignal(value: unknown): string {
  if (!isValidSignal(value)) {
    throw malformed(
      "signal",
      `must be a string of 1 to ${MAX_SIGNAL_LENGTH} characters without control characters or unpaired surrogates`,
    );
  }
  return value;
}

/**
 * Parses an untrusted proof package (a decoded JSON value) into a fresh,
 * strictly shaped copy. Requires exactly the documented keys, exact array
 * lengths, canonical decimal strings, public signals below r and proof
 * coordinates below q, so that one proof has one accepted encoding.
 *
 * @throws ProofPackageError (a ZksegError with code "invalid_proof") whose
 *   `reason` is "malformed_package" or "non_canonical_field_element" and whose
 *   `field` is the offending path, such as `publicSignals[3]`.
 */
export function parseProofPackage(value: unknown): ProofPackage {
  const record = requireRecord(value, "package", PACKAGE_KEYS);
  if (record.version !== PROOF_PACKAGE_VERSION) {
    throw malformed("version", `must be "${PROOF_PACKAGE_VERSION}"; upgrade the SDK or the verifier`);
  }
  if (typeof record.segmentId !== "string" || !SEGMENT_ID_PATTERN.test(record.segmentId)) {
    throw malformed("segmentId", "must be 1-128 letters, digits, '.', '_', ':' or '-'");
  }
  const signals = requireArray(record.publicSignals, "publicSignals", PUBLIC_SIGNAL_COUNT);
  return {
    version: PROOF_PACKAGE_VERSION,
    segmentId: record.segmentId,
    scope: requireCanonical(record.scope, "scope", SNARK_SCALAR_FIELD, "r"),
    signal: parseSignal(record.signal),
    proof: parseProof(record.proof),
    publicSignals: signals.map((signal, i) =>
      requireCanonical(signal, `publicSignals[${i}]`, SNARK_SCALAR_FIELD, "r"),
    ) as ProofPackage["publicSignals"],
  };
}

function toBigInt(value: bigint | string, field: string): bigint {
  if (typeof value === "bigint") return value;
  if (!DECIMAL.test(value)) throw new ZksegError("invalid_input", `invalid ${field}: "${value}" is not decimal`, field);
  return BigInt(value);
}

function rejection(reason: RejectionReason, message: string): PublicSignalCheck {
  return { ok: false, reason, message };
}

function acceptedWindow(expected: ExpectedContext): DateWindow {
  if (expected.dateWindow !== undefined) return expected.dateWindow;
  if (expected.date !== undefined) return { earliest: expected.date, latest: expected.date };
  throw new ZksegError("invalid_input", "invalid expected: give either date or dateWindow", "expected.date");
}

/**
 * Compares a parsed package's public signals with what the verifier expects:
 * segment id, segment hash, trusted issuer, scope (both the package field and
 * publicSignals[3]), proof date within the window, and signalHash equal to
 * hashToField(signal). It does not check the Groth16 proof itself.
 */
export function checkPublicSignals(pkg: ProofPackage, expected: ExpectedContext): PublicSignalCheck {
  const signals = pkg.publicSignals.map((signal) => BigInt(signal));
  const window = acceptedWindow(expected);
  if (expected.segmentId !== undefined && pkg.segmentId !== expected.segmentId) {
    return rejection("segment_id_mismatch", `segmentId "${pkg.segmentId}" is not "${expected.segmentId}"`);
  }
  if (signals[PUBLIC_SIGNAL_INDEX.segmentHash] !== toBigInt(expected.segmentHash, "expected.segmentHash")) {
    return rejection("wrong_segment_hash", "publicSignals[1] is not the segment's hash; prove against this segment");
  }
  const trusted = expected.trustedIssuerKeyHashes.map((hash, i) => toBigInt(hash, `trustedIssuerKeyHashes[${i}]`));
  if (!trusted.includes(signals[PUBLIC_SIGNAL_INDEX.issuerKeyHash])) {
    return rejection("untrusted_issuer", "publicSignals[2] is not the key hash of a trusted issuer");
  }
  const scope = toBigInt(expected.scope, "expected.scope");
  if (BigInt(pkg.scope) !== scope || signals[PUBLIC_SIGNAL_INDEX.scope] !== scope) {
    return rejection("scope_mismatch", "scope or publicSignals[3] is not this segment's scope");
  }
  const date = signals[PUBLIC_SIGNAL_INDEX.date];
  if (!isValidDate(date) || date < BigInt(window.earliest) || date > BigInt(window.latest)) {
    return rejection(
      "date_outside_window",
      `publicSignals[5] = ${date} is not a date in ${window.earliest}..${window.latest}; prove again with today's date`,
    );
  }
  if (signals[PUBLIC_SIGNAL_INDEX.signalHash] !== hashToField(pkg.signal)) {
    return rejection("signal_hash_mismatch", "publicSignals[4] is not hashToField(signal)");
  }
  return { ok: true };
}
