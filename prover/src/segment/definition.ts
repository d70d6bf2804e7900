// Segment definitions: the readable form marketers write and its parsed shape.
//
//   "age 25 to 34, spend12m at least 50000, region in {4, 9}"
//
// Clauses are separated by commas. Each names an attribute of the schema (or
// `age`, which refers to the birthDate slot) and one condition:
//   A to B | from A to B | between A and B | at least A | at most B | = A | is A
//   in {a, b, ...} | not in {a, b, ...}            (set slots only, up to 8 values)
// Numbers are non-negative integers: dates as YYYYMMDD, money in cents.
import { ZksegError } from "../errors.js";
import { MAX_UINT64 } from "../field.js";
import {
  BIRTH_DATE_SLOT,
  type CredentialSchema,
  getSchema,
  MAX_CODE,
  SET_SIZE,
  SET_SLOTS,
  slotIndex,
} from "../schema.js";
import { isValidDate } from "../dates.js";

/** Largest age band bound verifiers accept; keeps age arithmetic from wrapping. */
export const MAX_AGE = 150;
/** Maximum length of a readable definition, in characters. */
export const MAX_DEFINITION_LENGTH = 2000;

/** A parsed clause. Range bounds are inclusive. */
export type Clause =
  | { kind: "age"; min: number; max: number }
  | { kind: "range"; slot: number; min: bigint; max: bigint }
  | { kind: "set"; slot: number; negated: boolean; values: bigint[] };

/** A segment over one schema: the conjunction of its clauses. */
export interface SegmentDefinition {
  schema: CredentialSchema;
  clauses: Clause[];
}

function segmentError(message: string): ZksegError {
  return new ZksegError("invalid_segment", `invalid segment definition: ${message}`, "definition");
}

function parseInteger(token: string, clause: string): bigint {
  if (!/^(0|[1-9][0-9]*)$/.test(token)) {
    throw segmentError(`"${token}" in "${clause}" is not a non-negative integer (dates as YYYYMMDD, money in cents)`);
  }
  const value = BigInt(token);
  if (value > MAX_UINT64) throw segmentError(`${token} in "${clause}" exceeds 2^64-1`);
  return value;
}

const RANGE_FORMS: [RegExp, (m: RegExpMatchArray, clause: string) => [bigint, bigint]][] = [
  [/^(?:from\s+|between\s+)?(\S+)\s+(?:to|and)\s+(\S+)$/, (m, c) => [parseInteger(m[1], c), parseInteger(m[2], c)]],
  [/^(?:at least|>=)\s*(\S+)$/, (m, c) => [parseInteger(m[1], c), MAX_UINT64]],
  [/^(?:at most|<=)\s*(\S+)$/, (m, c) => [0n, parseInteger(m[1], c)]],
  [/^(?:=|is)\s*(\S+)$/, (m, c) => [parseInteger(m[1], c), parseInteger(m[1], c)]],
];

function splitClauses(text: string): string[] {
  const clauses: string[] = [];
  let depth = 0;
  let current = "";
  for (const char of text) {
    if (char === "{") depth++;
    if (char === "}") depth--;
    if (depth < 0) throw segmentError(`unbalanced "}" in "${text}"`);
    if (char === "," && depth === 0) {
      clauses.push(current.trim());
      current = "";
    } else current += char;
  }
  if (depth !== 0) throw segmentError(`unbalanced "{" in "${text}"`);
  clauses.push(current.trim());
  return clauses;
}

function compareBigints(a: bigint, b: bigint): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}

/** Finds the slot a clause names; the error lists `age` too, since definitions may use it. */
function clauseSlot(schema: CredentialSchema, name: string): number {
  const index = schema.slots.findIndex((slot) => slot.name === name);
  if (index < 0) {
    const names = ["age", ...schema.slots.map((slot) => slot.name)].join(", ");
    throw segmentError(`"${name}" is not an attribute of ${schema.name}@${schema.version}; use one of ${names}`);
  }
  return index;
}

function parseClause(schema: CredentialSchema, clause: string): Clause {
  const match = /^([A-Za-z][A-Za-z0-9]*)\s+(.+)$/.exec(clause);
  if (!match) throw segmentError(`cannot read "${clause}": expected an attribute name and a condition`);
  const [, name, condition] = match;
  const set = /^(not\s+)?in\s*\{([^}]*)\}$/i.exec(condition);
  if (set) {
    if (name === "age") throw segmentError(`"${clause}": age takes a range, not a set`);
    const slot = clauseSlot(schema, name);
    if (!SET_SLOTS.includes(slot)) {
      const allowed = SET_SLOTS.map((i) => schema.slots[i].name).join(" and ");
      throw segmentError(`"${clause}": set predicates are only possible on ${allowed}`);
    }
    const tokens = set[2].split(",").map((token) => token.trim());
    if (tokens.length === 1 && tokens[0] === "") throw segmentError(`"${clause}": the set is empty`);
    const values = [...new Set(tokens.map((token) => parseInteger(token, clause)))].sort(compareBigints);
    if (values.length > SET_SIZE) {
      throw segmentError(`"${clause}" lists ${values.length} values; at most ${SET_SIZE} fit`);
    }
    const tooLarge = values.find((value) => schema.slots[slot].type === "code" && value > MAX_CODE);
    if (tooLarge !== undefined) {
      throw segmentError(
        `"${clause}": ${tooLarge} is above the largest code ${MAX_CODE}, so no credential can hold it`,
      );
    }
    return { kind: "set", slot, negated: Boolean(set[1]), values };
  }
  const normalized = condition.toLowerCase().replace(/\s+/g, " ");
  for (const [pattern, bounds] of RANGE_FORMS) {
    const range = pattern.exec(normalized);
    if (!range) continue;
    const [min, max] = bounds(range, clause);
    if (min > max) throw segmentError(`"${clause}" is empty: ${min} is above ${max}`);
    if (name === "age") {
      const upper = max === MAX_UINT64 ? BigInt(MAX_AGE) : max;
      if (upper > BigInt(MAX_AGE)) throw segmentError(`"${clause}": ages must be between 0 and ${MAX_AGE}`);
      slotIndex(schema, BIRTH_DATE_SLOT, "definition");
      return { kind: "age", min: Number(min), max: Number(upper) };
    }
    const slot = clauseSlot(schema, name);
    if (schema.slots[slot].type === "date") {
      for (const bound of [min, max]) {
        if (bound !== 0n && bound !== MAX_UINT64 && !isValidDate(bound)) {
          throw segmentError(`"${clause}": ${bound} is not a calendar date written as YYYYMMDD`);
        }
      }
    }
    return { kind: "range", slot, min, max };
  }
  throw segmentError(
    `cannot read the condition "${condition}" in "${clause}"; use "A to B", "at least A", "at most B", "= A", "in {a, b}" or "not in {a, b}"`,
  );
}

/**
 * Parses a readable segment definition over a schema (default retail@1).
 * Throws ZksegError("invalid_segment") naming the clause that is wrong.
 */
export function parseSegment(text: string, schemaReference = "retail@1"): SegmentDefinition {
  if (typeof text !== "string" || text.trim() === "")
    throw segmentError('it is empty; write clauses such as "age 25 to 34"');
  if (text.length > MAX_DEFINITION_LENGTH) {
    throw segmentError(`it is ${text.length} characters long; at most ${MAX_DEFINITION_LENGTH} are accepted`);
  }
  const schema = getSchema(schemaReference);
  const clauses = splitClauses(text).map((clause) => {
    if (clause === "") throw segmentError(`empty clause in "${text}" (two commas in a row?)`);
    return parseClause(schema, clause);
  });
  const constrained = new Set<string>();
  for (const clause of clauses) {
    const slot = clause.kind === "age" ? slotIndex(schema, BIRTH_DATE_SLOT, "definition") : clause.slot;
    const key = `${slot}:${clause.kind === "set" ? "set" : "range"}`;
    if (constrained.has(key)) {
      throw segmentError(
        `${schema.slots[slot].name} has two ${clause.kind === "set" ? "set" : "range"} conditions; merge them into one`,
      );
    }
    constrained.add(key);
  }
  return { schema, clauses };
}

/** Writes an inclusive range in the shortest form that parses back to it. */
function formatRange(min: bigint, max: bigint, top: bigint): string {
  if (min === max) return `= ${min}`;
  if (max === top) return `at least ${min}`;
  if (min === 0n) return `at most ${max}`;
  return `${min} to ${max}`;
}

/** Writes a definition back in canonical readable form; parseSegment(formatSegment(d)) equals d. */
export function formatSegment(definition: SegmentDefinition): string {
  return definition.clauses
    .map((clause) => {
      if (clause.kind === "age") return `age ${formatRange(BigInt(clause.min), BigInt(clause.max), BigInt(MAX_AGE))}`;
      const name = definition.schema.slots[clause.slot].name;
      if (clause.kind === "set") return `${name} ${clause.negated ? "not in" : "in"} {${clause.values.join(", ")}}`;
      return `${name} ${formatRange(clause.min, clause.max, MAX_UINT64)}`;
    })
    .join(", ");
}
