// Turns the segment form's fields into a readable definition and the POST /v1/segments body.
import { parseFieldElement } from "../../../prover/src/field.js";
import { parseSegment, formatSegment } from "../../../prover/src/segment/definition.js";

/** Raw values of the segment form, as typed. */
export interface SegmentFormFields {
  ageMin: string;
  ageMax: string;
  /** Minimum spend over 12 months in cents, or "" for any. */
  spendAtLeast: string;
  /** Minimum annual income in cents, or "" for any. */
  incomeAtLeast: string;
  regionMode: "" | "in" | "not in";
  regionValues: string;
  tierMode: "" | "in" | "not in";
  tierValues: string;
  /** One issuer public key per line, "Ax, Ay" in decimal. */
  issuers: string;
  /** ISO dates from <input type="date">, or "". */
  validFrom: string;
  validUntil: string;
}

/** The body of POST /v1/segments. */
export interface NewSegmentRequest {
  definition: string;
  schema: string;
  trustedIssuers: [string, string][];
  validFrom?: number;
  validUntil?: number;
}

const SCHEMA = "retail@1";

function ageClause(min: string, max: string): string | null {
  if (min === "" && max === "") return null;
  if (max === "") return `age at least ${min}`;
  if (min === "") return `age at most ${max}`;
  return `age ${min} to ${max}`;
}

function setClause(name: string, mode: "" | "in" | "not in", values: string): string | null {
  if (mode === "") return null;
  const codes = values
    .split(",")
    .map((code) => code.trim())
    .filter((code) => code !== "");
  return `${name} ${mode} {${codes.join(", ")}}`;
}

/**
 * Writes the readable definition for the form's conditions, such as "age 25 to 34, spend12m at least 50000",
 * and checks it with the SDK's parser. Throws the parser's ZksegError naming the wrong clause.
 */
export function definitionFromFields(fields: SegmentFormFields): string {
  const clauses = [
    ageClause(fields.ageMin.trim(), fields.ageMax.trim()),
    fields.spendAtLeast ? `spend12m at least ${fields.spendAtLeast}` : null,
    fields.incomeAtLeast ? `income at least ${fields.incomeAtLeast}` : null,
    setClause("region", fields.regionMode, fields.regionValues),
    setClause("loyaltyTier", fields.tierMode, fields.tierValues),
  ].filter((clause): clause is string => clause !== null);
  const text = clauses.join(", ");
  parseSegment(text, SCHEMA);
  return text;
}

/** Parses the issuer lines "Ax, Ay" into decimal pairs; throws naming the line that is wrong. */
export function issuersFromText(text: string): [string, string][] {
  const lines = text
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "");
  if (lines.length === 0) throw new Error('add at least one trusted issuer public key as "Ax, Ay"');
  return lines.map((line, i) => {
    const parts = line.split(/[\s,]+/).filter((part) => part !== "");
    if (parts.length !== 2) throw new Error(`issuer line ${i + 1} must hold two decimal numbers "Ax, Ay"`);
    const [x, y] = parts.map((part, j) => parseFieldElement(part, `issuer line ${i + 1}, ${j === 0 ? "Ax" : "Ay"}`));
    return [x.toString(), y.toString()];
  });
}

function dateNumber(iso: string): number | undefined {
  return iso === "" ? undefined : Number(iso.replaceAll("-", ""));
}

/** Builds the POST /v1/segments body from the form; throws with a message naming the wrong field. */
export function segmentRequestFromFields(fields: SegmentFormFields): NewSegmentRequest {
  const definition = definitionFromFields(fields);
  const request: NewSegmentRequest = {
    definition: formatSegment(parseSegment(definition, SCHEMA)),
    schema: SCHEMA,
    trustedIssuers: issuersFromText(fields.issuers),
  };
  const validFrom = dateNumber(fields.validFrom);
  const validUntil = dateNumber(fields.validUntil);
  if (validFrom !== undefined) request.validFrom = validFrom;
  if (validUntil !== undefined) request.validUntil = validUntil;
  if (validFrom !== undefined && validUntil !== undefined && validFrom > validUntil) {
    throw new Error("valid from must not be after valid until");
  }
  return request;
}
