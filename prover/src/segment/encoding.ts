// The circuit's slot encoding of a segment and the segmentHash over it.
// The SDK, the verifier service and the campaign all call these functions,
// so every party computes the same hash from the same definition.
import { MAX_UINT64 } from "../field.js";
import { poseidon } from "../hash.js";
import { BIRTH_DATE_SLOT, NUM_SLOTS, SET_SIZE, SET_SLOTS, schemaId, slotIndex } from "../schema.js";
import { ageBandToBirthDates } from "../dates.js";
import type { SegmentDefinition } from "./definition.js";

/**
 * Private circuit inputs that describe a segment. Per slot i:
 *   ageMode[i] = 0  lo[i] <= attribute <= hi[i]
 *   ageMode[i] = 1  lo[i] <= age in whole years on the proof date <= hi[i]
 * Per set slot k (attribute slot SET_SLOTS[k]):
 *   inSet[k] = 1    attribute is one of setValues[k]
 *   notInSet[k] = 1 attribute is none of setValues[k]
 * Sets are sorted, without repeats, and padded by repeating their largest
 * value; unused set slots hold zeros.
 */
export interface SegmentEncoding {
  schemaId: bigint;
  lo: bigint[];
  hi: bigint[];
  ageMode: bigint[];
  inSet: bigint[];
  notInSet: bigint[];
  setValues: bigint[][];
}

/** Compiles a parsed definition into the circuit's slot encoding. */
export function encodeSegment(definition: SegmentDefinition): SegmentEncoding {
  const encoding: SegmentEncoding = {
    schemaId: schemaId(definition.schema),
    lo: Array<bigint>(NUM_SLOTS).fill(0n),
    hi: Array<bigint>(NUM_SLOTS).fill(MAX_UINT64),
    ageMode: Array<bigint>(NUM_SLOTS).fill(0n),
    inSet: SET_SLOTS.map(() => 0n),
    notInSet: SET_SLOTS.map(() => 0n),
    setValues: SET_SLOTS.map(() => Array<bigint>(SET_SIZE).fill(0n)),
  };
  for (const clause of definition.clauses) {
    if (clause.kind === "age") {
      const slot = slotIndex(definition.schema, BIRTH_DATE_SLOT, "definition");
      encoding.ageMode[slot] = 1n;
      encoding.lo[slot] = BigInt(clause.min);
      encoding.hi[slot] = BigInt(clause.max);
    } else if (clause.kind === "range") {
      encoding.lo[clause.slot] = clause.min;
      encoding.hi[clause.slot] = clause.max;
    } else {
      const k = SET_SLOTS.indexOf(clause.slot);
      const padded = [...clause.values];
      while (padded.length < SET_SIZE) padded.push(padded[padded.length - 1]);
      encoding.setValues[k] = padded;
      if (clause.negated) encoding.notInSet[k] = 1n;
      else encoding.inSet[k] = 1n;
    }
  }
  return encoding;
}

/** Packs the boolean mode flags exactly as circuits/lib/segment_hash.circom does. */
export function packFlags(encoding: SegmentEncoding): bigint {
  let flags = 0n;
  encoding.ageMode.forEach((bit, i) => (flags += bit << BigInt(i)));
  encoding.inSet.forEach((bit, k) => (flags += bit << BigInt(NUM_SLOTS + k)));
  encoding.notInSet.forEach((bit, k) => (flags += bit << BigInt(NUM_SLOTS + SET_SLOTS.length + k)));
  return flags;
}

/**
 * Computes segmentHash = Poseidon(schemaId, flags, Poseidon(lo, hi), Poseidon(setValues)).
 * It does not depend on any date, so a segment keeps one hash for its whole life.
 */
export async function segmentHash(encoding: SegmentEncoding): Promise<bigint> {
  const boundsHash = await poseidon([...encoding.lo, ...encoding.hi]);
  const setsHash = await poseidon(encoding.setValues.flat());
  return poseidon([encoding.schemaId, packFlags(encoding), boundsHash, setsHash]);
}

/**
 * Returns the absolute bounds each slot enforces on the proof date (YYYYMMDD):
 * age bands become birth-date bounds, other slots pass through.
 */
export function effectiveBounds(encoding: SegmentEncoding, date: number): { lo: bigint[]; hi: bigint[] } {
  const lo = [...encoding.lo];
  const hi = [...encoding.hi];
  encoding.ageMode.forEach((mode, i) => {
    if (mode !== 1n) return;
    const { earliest, latest } = ageBandToBirthDates(Number(encoding.lo[i]), Number(encoding.hi[i]), date);
    lo[i] = BigInt(earliest);
    hi[i] = BigInt(latest);
  });
  return { lo, hi };
}
