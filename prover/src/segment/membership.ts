// Checks attributes against a segment in the clear, on the customer's device,
// so a customer outside a segment learns why before any proving starts.
import { effectiveBounds, type SegmentEncoding } from "./encoding.js";
import type { SegmentDefinition } from "./definition.js";
import { SET_SLOTS } from "../schema.js";

/**
 * Lists the reasons the attributes (in slot order) fail the segment on `date`,
 * such as "spend12m is below 50000"; an empty list means the customer is a member.
 * The reasons name attributes and the segment's bounds, never the attribute value.
 */
export function explainMismatch(
  definition: SegmentDefinition,
  encoding: SegmentEncoding,
  attributes: readonly bigint[],
  date: number,
): string[] {
  const reasons: string[] = [];
  const { lo, hi } = effectiveBounds(encoding, date);
  attributes.forEach((value, i) => {
    const name = definition.schema.slots[i].name;
    const age = encoding.ageMode[i] === 1n;
    if (value < lo[i]) {
      reasons.push(age ? `age is above ${encoding.hi[i]}` : `${name} is below ${lo[i]}`);
    }
    if (value > hi[i]) {
      reasons.push(age ? `age is below ${encoding.lo[i]}` : `${name} is above ${hi[i]}`);
    }
  });
  SET_SLOTS.forEach((slot, k) => {
    const name = definition.schema.slots[slot].name;
    const member = encoding.setValues[k].includes(attributes[slot]);
    if (encoding.inSet[k] === 1n && !member)
      reasons.push(`${name} is not in {${[...new Set(encoding.setValues[k])].join(", ")}}`);
    if (encoding.notInSet[k] === 1n && member) reasons.push(`${name} is in the excluded set`);
  });
  return reasons;
}
