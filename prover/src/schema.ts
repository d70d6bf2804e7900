// Credential schemas: a named, versioned mapping of the circuit's 8 attribute slots.
import { invalidInput, ZksegError } from "./errors.js";
import { MAX_UINT64 } from "./field.js";
import { hashToField } from "./hash.js";
import { isValidDate } from "./dates.js";

/** Number of attribute slots in the circuit. */
export const NUM_SLOTS = 8;
/** Slots that can carry IN / NOT IN predicates (the circuit's firstSetSlot = 4, two set slots). */
export const SET_SLOTS: readonly number[] = [4, 5];
/** Values per set predicate. */
export const SET_SIZE = 8;
/** Largest code value; codes are small non-negative integers. */
export const MAX_CODE = 2n ** 32n - 1n;

/**
 * Slot types:
 * - date: YYYYMMDD calendar day
 * - money: non-negative integer in minor units (cents)
 * - code: small non-negative integer (region, tier, job); set predicates apply
 * - integer: any unsigned 64-bit integer
 */
export type SlotType = "date" | "money" | "code" | "integer";

export interface SchemaSlot {
  name: string;
  type: SlotType;
  description: string;
}

export interface CredentialSchema {
  name: string;
  version: number;
  slots: readonly SchemaSlot[];
}

/** Name of the date slot that `age` predicates refer to. */
export const BIRTH_DATE_SLOT = "birthDate";

const NAME = /^[A-Za-z][A-Za-z0-9]{0,31}$/;

/** Default retail schema: the attributes a shop's CRM records about a customer. */
export const RETAIL_SCHEMA: CredentialSchema = defineSchema({
  name: "retail",
  version: 1,
  slots: [
    { name: "birthDate", type: "date", description: "date of birth" },
    { name: "spend12m", type: "money", description: "spend over the trailing 12 months, in cents" },
    { name: "income", type: "money", description: "annual income, in cents" },
    { name: "customerSince", type: "date", description: "first purchase or sign-up date" },
    { name: "region", type: "code", description: "region code" },
    { name: "loyaltyTier", type: "code", description: "loyalty tier code" },
    { name: "spare6", type: "integer", description: "unused" },
    { name: "spare7", type: "integer", description: "unused" },
  ],
});

/** Validates a schema definition and returns it frozen. */
export function defineSchema(schema: CredentialSchema): CredentialSchema {
  if (!NAME.test(schema.name)) {
    throw invalidInput("schema.name", `"${schema.name}" must be 1-32 letters or digits, starting with a letter`);
  }
  if (!Number.isSafeInteger(schema.version) || schema.version < 1) {
    throw invalidInput("schema.version", `${schema.version} must be a positive whole number`);
  }
  if (schema.slots.length !== NUM_SLOTS) {
    throw invalidInput("schema.slots", `has ${schema.slots.length} slots; the circuit has exactly ${NUM_SLOTS}`);
  }
  const seen = new Set<string>();
  schema.slots.forEach((slot, index) => {
    if (!NAME.test(slot.name) || slot.name === "age") {
      throw invalidInput(`schema.slots[${index}].name`, `"${slot.name}" must be 1-32 letters or digits and not "age"`);
    }
    if (seen.has(slot.name)) throw invalidInput(`schema.slots[${index}].name`, `"${slot.name}" is used twice`);
    seen.add(slot.name);
    if (!["date", "money", "code", "integer"].includes(slot.type)) {
      throw invalidInput(`schema.slots[${index}].type`, `"${slot.type}" must be date, money, code or integer`);
    }
  });
  return Object.freeze({ ...schema, slots: Object.freeze(schema.slots.map((slot) => Object.freeze({ ...slot }))) });
}

/** Returns the schema's reference "name@version", as credentials and segments write it. */
export function schemaRef(schema: CredentialSchema): string {
  return `${schema.name}@${schema.version}`;
}

/** Returns the field element that credentials sign and segment hashes bind: keccak256("zkseg-schema:name@version") >> 8. */
export function schemaId(schema: CredentialSchema): bigint {
  return hashToField(`zkseg-schema:${schemaRef(schema)}`);
}

const registry = new Map<string, CredentialSchema>([[schemaRef(RETAIL_SCHEMA), RETAIL_SCHEMA]]);

/** Makes a custom schema known to parseSegment and parseCredential in this process. */
export function registerSchema(schema: CredentialSchema): CredentialSchema {
  const defined = defineSchema(schema);
  const existing = registry.get(schemaRef(defined));
  if (existing) {
    if (JSON.stringify(existing) !== JSON.stringify(defined)) {
      throw invalidInput("schema", `${schemaRef(defined)} is already registered with other slots; bump the version`);
    }
    // Callers compare schemas by identity, so a repeated registration returns the first object.
    return existing;
  }
  registry.set(schemaRef(defined), defined);
  return defined;
}

/** Looks a schema up by "name@version". */
export function getSchema(ref: string): CredentialSchema {
  const schema = registry.get(ref);
  if (!schema) {
    throw new ZksegError(
      "invalid_input",
      `unknown schema "${ref}": known schemas are ${[...registry.keys()].join(", ")}; register custom ones with registerSchema()`,
      "schema",
    );
  }
  return schema;
}

export function slotIndex(schema: CredentialSchema, name: string, field: string): number {
  const index = schema.slots.findIndex((slot) => slot.name === name);
  if (index < 0) {
    const names = schema.slots.map((slot) => slot.name).join(", ");
    throw invalidInput(field, `"${name}" is not an attribute of ${schemaRef(schema)}; expected one of ${names}`);
  }
  return index;
}

/** Checks that an attribute value fits its slot type; returns the value. */
export function validateAttributeValue(slot: SchemaSlot, value: bigint, field: string): bigint {
  if (value < 0n || value > MAX_UINT64) {
    throw invalidInput(field, `${value} is outside 0..2^64-1`);
  }
  if (slot.type === "date" && !isValidDate(value)) {
    throw invalidInput(field, `${value} is not a calendar date written as YYYYMMDD (e.g. 19900515)`);
  }
  if (slot.type === "code" && value > MAX_CODE) {
    throw invalidInput(field, `code ${value} exceeds ${MAX_CODE}`);
  }
  return value;
}

/**
 * Converts a caller-supplied attribute (decimal string, safe non-negative JS
 * integer or bigint) to a bigint. Floats, numbers above 2^53, negatives, hex
 * and empty strings are rejected before any proving.
 */
export function coerceAttributeValue(slot: SchemaSlot, raw: unknown, field: string): bigint {
  let value: bigint;
  if (typeof raw === "bigint") value = raw;
  else if (typeof raw === "number") {
    if (!Number.isSafeInteger(raw)) {
      const hint = slot.type === "money" ? "; money is an integer number of cents" : "";
      throw invalidInput(
        field,
        `${raw} is not a whole number within 2^53; pass large values as decimal strings${hint}`,
      );
    }
    value = BigInt(raw);
  } else if (typeof raw === "string") {
    if (!/^(0|[1-9][0-9]*)$/.test(raw)) {
      throw invalidInput(field, `"${raw}" is not a canonical decimal integer (digits only, no sign, no leading zeros)`);
    }
    value = BigInt(raw);
  } else {
    throw invalidInput(field, `expected a decimal string or a whole number, got ${raw === null ? "null" : typeof raw}`);
  }
  return validateAttributeValue(slot, value, field);
}
