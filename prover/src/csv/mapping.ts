// Column mappings from a CRM's CSV export onto a credential schema, so an
// issuer can sign credentials for a whole customer file in one command.
import { parse } from "csv-parse/sync";
import { invalidInput } from "../errors.js";
import { registerSchema, type CredentialSchema } from "../schema.js";
import { toDateNumber } from "../dates.js";

/**
 * How one attribute is read from a row:
 * - integer: a whole number column, copied
 * - money: a decimal amount in major units, times `scale` (default 100: cents), rounded to a whole number
 * - ageToBirthDate: an age in years, turned into a birth date that gives
 *   exactly that age on `referenceDate` (see birthDateForAge)
 * - monthsToDate: a tenure in months, turned into the date that many months before `referenceDate`
 * - codes: a category, looked up in `codes`
 * - constant: `value`, for spare slots
 * `clampMin` raises smaller values to it (for example negative balances to 0).
 */
export interface AttributeMapping {
  from?: string;
  transform: "integer" | "money" | "ageToBirthDate" | "monthsToDate" | "codes" | "constant";
  scale?: number;
  clampMin?: number;
  codes?: Record<string, number>;
  value?: number;
}

export interface CsvMapping {
  schema: CredentialSchema;
  delimiter: string;
  /** Column giving each customer's stable id; the row number when absent. */
  idColumn?: string;
  attributes: Record<string, AttributeMapping>;
}

export interface MappedRow {
  id: string;
  /** The raw CSV row, for ground truth computed in the clear. */
  raw: Record<string, string>;
  /** Attribute values by schema slot name, ready for issueCredential. */
  attributes: Record<string, bigint>;
}

const DAY_MS = 86_400_000;
/** Days between the synthetic birthday and the reference date; see birthDateForAge. */
export const BIRTHDAY_OFFSET_DAYS = 182;

/**
 * Returns a YYYYMMDD birth date for someone aged `age` whole years on
 * `referenceDate` whose last birthday was BIRTHDAY_OFFSET_DAYS days earlier.
 * The customer therefore keeps that age for about half a year either side of
 * the reference date, so proofs made a day later still see the same age.
 */
export function birthDateForAge(age: number, referenceDate: Date): number {
  const lastBirthday = new Date(referenceDate.getTime() - BIRTHDAY_OFFSET_DAYS * DAY_MS);
  lastBirthday.setUTCFullYear(lastBirthday.getUTCFullYear() - age);
  return toDateNumber(lastBirthday);
}

function monthsBefore(months: number, referenceDate: Date): number {
  const date = new Date(referenceDate.getTime());
  date.setUTCDate(1);
  date.setUTCMonth(date.getUTCMonth() - months);
  return toDateNumber(date);
}

function readNumber(raw: string | undefined, field: string): number {
  const value = Number(raw);
  if (raw === undefined || raw.trim() === "" || !Number.isFinite(value)) {
    throw invalidInput(field, `"${raw ?? ""}" is not a number`);
  }
  return value;
}

function mapValue(mapping: AttributeMapping, row: Record<string, string>, field: string, referenceDate: Date): bigint {
  if (mapping.transform === "constant") return BigInt(mapping.value ?? 0);
  if (!mapping.from || !(mapping.from in row)) {
    throw invalidInput(field, `column "${mapping.from ?? ""}" is missing from the CSV header`);
  }
  const cell = row[mapping.from];
  let value: number;
  switch (mapping.transform) {
    case "integer":
      value = readNumber(cell, field);
      if (!Number.isInteger(value)) throw invalidInput(field, `"${cell}" is not a whole number`);
      break;
    case "money":
      value = Math.round(readNumber(cell, field) * (mapping.scale ?? 100));
      break;
    case "ageToBirthDate":
      return BigInt(birthDateForAge(readNumber(cell, field), referenceDate));
    case "monthsToDate":
      return BigInt(monthsBefore(readNumber(cell, field), referenceDate));
    case "codes": {
      const code = mapping.codes?.[cell];
      if (code === undefined) {
        throw invalidInput(field, `category "${cell}" has no code; add it to the mapping's "codes"`);
      }
      value = code;
      break;
    }
    default:
      throw invalidInput(field, `unknown transform "${(mapping as { transform: string }).transform}"`);
  }
  if (mapping.clampMin !== undefined && value < mapping.clampMin) value = mapping.clampMin;
  if (value < 0) throw invalidInput(field, `${value} is negative; set "clampMin" in the mapping or fix the data`);
  return BigInt(value);
}

/** Validates a mapping read from JSON and registers its schema. */
export function parseMapping(json: unknown): CsvMapping {
  const mapping = json as CsvMapping;
  if (typeof mapping !== "object" || mapping === null || typeof mapping.attributes !== "object") {
    throw invalidInput("mapping", 'expected an object with "schema", "delimiter" and "attributes"');
  }
  const schema = registerSchema(mapping.schema);
  for (const slot of schema.slots) {
    if (!mapping.attributes[slot.name]) {
      throw invalidInput(
        `mapping.attributes.${slot.name}`,
        `missing; every schema slot needs a mapping (use "constant" for spare slots)`,
      );
    }
  }
  return { ...mapping, schema };
}

/**
 * Reads a CSV export and maps each row onto the schema. Ages and tenures are
 * made relative to `referenceDate` (normally the day of issuance).
 */
export function mapCsv(text: string, mapping: CsvMapping, referenceDate: Date, limit = Infinity): MappedRow[] {
  const rows = parse(text, {
    columns: true,
    delimiter: mapping.delimiter,
    skip_empty_lines: true,
    trim: true,
  }) as Record<string, string>[];
  return rows.slice(0, limit).map((raw, index) => {
    const attributes: Record<string, bigint> = {};
    for (const slot of mapping.schema.slots) {
      attributes[slot.name] = mapValue(
        mapping.attributes[slot.name],
        raw,
        `row ${index + 2} ${slot.name}`,
        referenceDate,
      );
    }
    return { id: mapping.idColumn ? raw[mapping.idColumn] : String(index + 1), raw, attributes };
  });
}
