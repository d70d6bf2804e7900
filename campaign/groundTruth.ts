// Ground truth for the campaign: segment membership counted in the clear,
// with code written independently of the circuit encoding (calendar ages,
// plain comparisons), so a bug in either side shows up as a count mismatch.
import type { SegmentDefinition } from "../prover/src/segment/definition.js";
import { BIRTH_DATE_SLOT } from "../prover/src/schema.js";

/** Whole years between a YYYYMMDD birth date and a YYYYMMDD day, as a birthday calendar counts them. */
export function calendarAge(birthDate: number, on: number): number {
  const years = Math.floor(on / 10000) - Math.floor(birthDate / 10000);
  return on % 10000 < birthDate % 10000 ? years - 1 : years;
}

/** Tells whether attributes (by slot name) satisfy every clause of the segment on `date`. */
export function isMember(definition: SegmentDefinition, attributes: Record<string, bigint>, date: number): boolean {
  const names = definition.schema.slots.map((slot) => slot.name);
  return definition.clauses.every((clause) => {
    if (clause.kind === "age") {
      const age = calendarAge(Number(attributes[BIRTH_DATE_SLOT]), date);
      return age >= clause.min && age <= clause.max;
    }
    const value = attributes[names[clause.slot]];
    if (clause.kind === "range") return value >= clause.min && value <= clause.max;
    return clause.values.includes(value) !== clause.negated;
  });
}
