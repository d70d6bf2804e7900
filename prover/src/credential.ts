// Credentials ("zkseg-credential/1"): an issuer's EdDSA-Poseidon signature over
// Poseidon(schemaId, holderCommitment, attributes[0..7], expiresAt).
import { ZksegError } from "./errors.js";
import { BABYJUB_SUBGROUP_ORDER, parseDecimal, parseFieldElement, parseUint64 } from "./field.js";
import { poseidon } from "./hash.js";
import { requireValidDate } from "./dates.js";
import {
  coerceAttributeValue,
  type CredentialSchema,
  getSchema,
  schemaId,
  schemaRef,
  validateAttributeValue,
} from "./schema.js";
import { getEddsa, type IssuerKey, issuerPrivateKey, type IssuerPublicKey, requireIssuerPublicKey } from "./issuer.js";

/** Version tag of the credential format. */
export const CREDENTIAL_VERSION = "zkseg-credential/1";

/** A credential as JSON: every number is a decimal string, attributes are keyed by slot name. */
export interface CredentialDocument {
  version: typeof CREDENTIAL_VERSION;
  schema: string;
  issuer: { publicKey: [string, string] };
  holderCommitment: string;
  attributes: Record<string, string>;
  expiresAt: string;
  signature: { R8: [string, string]; S: string };
}

/** A parsed, signature-checked credential with values as bigints and attributes in slot order. */
export interface Credential {
  schema: CredentialSchema;
  issuerPublicKey: IssuerPublicKey;
  holderCommitment: bigint;
  /** Attribute values in the schema's slot order. */
  attributes: readonly bigint[];
  /** Last valid day, YYYYMMDD. */
  expiresAt: number;
  signature: { R8: readonly [bigint, bigint]; S: bigint };
}

/** Attribute values accepted by issueCredential: decimal strings, safe JS integers or bigints. */
export type AttributeInput = string | number | bigint;

/** Options of issueCredential. */
export interface IssueOptions {
  /** Schema reference "name@version"; default "retail@1". */
  schema?: string;
  /** Last valid day as YYYYMMDD. */
  expiresAt: number;
}

/** Converts a field check's invalid_input error into an invalid_credential error on the same field path. */
function toCredentialError(error: unknown): unknown {
  if (error instanceof ZksegError && error.code === "invalid_input") {
    return new ZksegError("invalid_credential", `invalid credential: ${error.message}`, error.field);
  }
  return error;
}

function asCredentialError<T>(check: () => T): T {
  try {
    return check();
  } catch (error) {
    throw toCredentialError(error);
  }
}

function credentialError(field: string, message: string): ZksegError {
  return new ZksegError("invalid_credential", `invalid credential: ${field} ${message}`, field);
}

/** Computes the signed message Poseidon(schemaId, holderCommitment, attributes, expiresAt). */
export async function credentialHash(credential: Omit<Credential, "signature" | "issuerPublicKey">): Promise<bigint> {
  return poseidon([
    schemaId(credential.schema),
    credential.holderCommitment,
    ...credential.attributes,
    BigInt(credential.expiresAt),
  ]);
}

/** Writes a credential in its JSON document form. */
export function toCredentialDocument(credential: Credential): CredentialDocument {
  const attributes: Record<string, string> = {};
  credential.schema.slots.forEach((slot, i) => (attributes[slot.name] = credential.attributes[i].toString()));
  return {
    version: CREDENTIAL_VERSION,
    schema: schemaRef(credential.schema),
    issuer: { publicKey: [credential.issuerPublicKey[0].toString(), credential.issuerPublicKey[1].toString()] },
    holderCommitment: credential.holderCommitment.toString(),
    attributes,
    expiresAt: credential.expiresAt.toString(),
    signature: {
      R8: [credential.signature.R8[0].toString(), credential.signature.R8[1].toString()],
      S: credential.signature.S.toString(),
    },
  };
}

/**
 * Issues a credential to the holder of `holderCommitment`. Every slot of the
 * schema must be given by name, and each value is checked against its slot
 * type (dates as YYYYMMDD, money in cents, codes below 2^32).
 */
export async function issueCredential(
  issuerKey: IssuerKey,
  holderCommitment: bigint | string,
  attributes: Readonly<Record<string, AttributeInput>>,
  options: IssueOptions,
): Promise<CredentialDocument> {
  const schema = getSchema(options.schema ?? "retail@1");
  const commitment = parseFieldElement(holderCommitment.toString(), "holderCommitment");
  const expiresAt = requireValidDate(options.expiresAt, "expiresAt");
  for (const name of Object.keys(attributes)) {
    if (!schema.slots.some((slot) => slot.name === name)) {
      const names = schema.slots.map((slot) => slot.name).join(", ");
      throw new ZksegError(
        "invalid_input",
        `invalid attributes.${name}: not an attribute of ${schemaRef(schema)}; expected ${names}`,
        `attributes.${name}`,
      );
    }
  }
  const values = schema.slots.map((slot) => {
    const field = `attributes.${slot.name}`;
    if (!Object.hasOwn(attributes, slot.name)) {
      throw new ZksegError("invalid_input", `invalid ${field}: missing; give every slot, 0 for unused ones`, field);
    }
    return coerceAttributeValue(slot, attributes[slot.name], field);
  });
  const unsigned = { schema, holderCommitment: commitment, attributes: values, expiresAt };
  const eddsa = await getEddsa();
  const signature = eddsa.signPoseidon(issuerPrivateKey(issuerKey), eddsa.F.e(await credentialHash(unsigned)));
  return toCredentialDocument({
    ...unsigned,
    issuerPublicKey: issuerKey.publicKey,
    signature: { R8: [eddsa.F.toObject(signature.R8[0]), eddsa.F.toObject(signature.R8[1])], S: signature.S },
  });
}

function requireExactKeys(value: unknown, field: string, keys: readonly string[]): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw credentialError(field, `must be a JSON object with keys ${keys.join(", ")}`);
  }
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!keys.includes(key))
      throw credentialError(`${field}.${key}`.replace(/^\./, ""), "is not a known field; remove it");
  }
  for (const key of keys) {
    if (!Object.hasOwn(record, key)) throw credentialError(`${field}.${key}`.replace(/^\./, ""), "is missing");
  }
  return record;
}

function requirePair(value: unknown, field: string): [unknown, unknown] {
  if (!Array.isArray(value) || value.length !== 2)
    throw credentialError(field, "must be an array of two decimal strings");
  return [value[0], value[1]];
}

function parseJson(input: unknown): unknown {
  if (typeof input !== "string") return input;
  try {
    return JSON.parse(input);
  } catch (error) {
    throw credentialError("document", `is not valid JSON (${(error as Error).message})`);
  }
}

/** Parses the fields of a credential document without checking the signature. */
async function parseFields(input: unknown): Promise<Credential> {
  const record = requireExactKeys(parseJson(input), "", [
    "version",
    "schema",
    "issuer",
    "holderCommitment",
    "attributes",
    "expiresAt",
    "signature",
  ]);
  if (record.version !== CREDENTIAL_VERSION) {
    throw credentialError("version", `must be "${CREDENTIAL_VERSION}"; upgrade the SDK to read newer credentials`);
  }
  if (typeof record.schema !== "string") throw credentialError("schema", 'must be a string such as "retail@1"');
  const schema = asCredentialError(() => getSchema(record.schema as string));
  const issuer = requireExactKeys(record.issuer, "issuer", ["publicKey"]);
  const keyPair = requirePair(issuer.publicKey, "issuer.publicKey");
  const issuerPublicKey = await requireIssuerPublicKey(keyPair, "issuer.publicKey").catch((error: unknown) => {
    throw toCredentialError(error);
  });
  const holderCommitment = asCredentialError(() => parseFieldElement(record.holderCommitment, "holderCommitment"));
  const attributeRecord = requireExactKeys(
    record.attributes,
    "attributes",
    schema.slots.map((slot) => slot.name),
  );
  const attributes = schema.slots.map((slot) =>
    asCredentialError(() => {
      const field = `attributes.${slot.name}`;
      return validateAttributeValue(slot, parseUint64(attributeRecord[slot.name], field), field);
    }),
  );
  const expiresAt = asCredentialError(() => requireValidDate(parseUint64(record.expiresAt, "expiresAt"), "expiresAt"));
  const signatureRecord = requireExactKeys(record.signature, "signature", ["R8", "S"]);
  const r8Pair = requirePair(signatureRecord.R8, "signature.R8");
  const [r8x, r8y] = asCredentialError(() => r8Pair.map((value, i) => parseFieldElement(value, `signature.R8[${i}]`)));
  const S = asCredentialError(() => parseDecimal(signatureRecord.S, "signature.S", BABYJUB_SUBGROUP_ORDER - 1n));
  return { schema, issuerPublicKey, holderCommitment, attributes, expiresAt, signature: { R8: [r8x, r8y], S } };
}

/** Checks the issuer's EdDSA-Poseidon signature over the credential hash (S < l, R8 on the curve). */
export async function verifyCredential(credential: Credential): Promise<boolean> {
  if (credential.signature.S >= BABYJUB_SUBGROUP_ORDER) return false;
  const eddsa = await getEddsa();
  const F = eddsa.F;
  const message = F.e(await credentialHash(credential));
  const signature = {
    R8: [F.e(credential.signature.R8[0]), F.e(credential.signature.R8[1])],
    S: credential.signature.S,
  };
  const publicKey: [Uint8Array, Uint8Array] = [F.e(credential.issuerPublicKey[0]), F.e(credential.issuerPublicKey[1])];
  return eddsa.verifyPoseidon(message, signature as { R8: [Uint8Array, Uint8Array]; S: bigint }, publicKey);
}

/**
 * Parses a credential document (JSON text or decoded object) and checks its
 * signature. Rejects unknown versions, missing or extra fields, JSON numbers,
 * negative, oversized or non-canonical values, invalid dates, unknown schemas,
 * issuer keys outside the prime-order subgroup and bad signatures (S >= l too).
 *
 * @throws ZksegError with code "invalid_credential" and the field path, such as `attributes.birthDate`.
 */
export async function parseCredential(input: unknown): Promise<Credential> {
  const credential = await parseFields(input);
  if (!(await verifyCredential(credential))) {
    throw credentialError(
      "signature",
      "does not verify for this issuer key and these values; the credential was altered or signed by another key, ask the issuer to reissue it",
    );
  }
  return credential;
}
