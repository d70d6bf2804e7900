// Segment membership at the edges of every predicate kind: ranges on money,
// date and code slots, age bands around birthdays, and IN / NOT IN sets.
import assert from "node:assert/strict";
import { parseSegment } from "../../prover/src/segment/definition.js";
import { effectiveBounds, encodeSegment } from "../../prover/src/segment/encoding.js";
import { explainMismatch } from "../../prover/src/segment/membership.js";
import { MAX_DATE } from "../../prover/src/dates.js";
import { RETAIL_SCHEMA } from "../../prover/src/schema.js";
import {
  buildFixture,
  type CircuitHarness,
  expectRejected,
  expectSatisfied,
  FIXTURE_ATTRIBUTES,
  FIXTURE_DATE,
  loadCircuitHarness,
  withAttribute,
} from "../helpers/circuit.js";

const BIRTH_DATE = 0;

function rangeFailure(slot: number) {
  return { template: /InRange64/, signal: new RegExp(`^main\\.InRange64_\\d+_\\d+\\[${slot}\\]\\.`) };
}

describe("circuit membership", function () {
  let circuit: CircuitHarness;

  before(async function () {
    circuit = await loadCircuitHarness();
  });

  describe("range edges", function () {
    // The attribute stays the fixture's and the bounds move around it, so one
    // signed credential serves every case: attribute = lo - 1 means lo = attribute + 1.
    const slots = [
      { name: "spend12m (money)", slot: 1 },
      { name: "customerSince (date)", slot: 3 },
      { name: "region (code)", slot: 4 },
    ];
    for (const { name, slot } of slots) {
      const value = FIXTURE_ATTRIBUTES[slot];
      const edges = [
        { edge: "lo - 1", lo: value + 1n, hi: value + 5n, member: false },
        { edge: "lo", lo: value, hi: value + 5n, member: true },
        { edge: "hi", lo: value - 5n, hi: value, member: true },
        { edge: "hi + 1", lo: value - 5n, hi: value - 1n, member: false },
      ];
      for (const { edge, lo, hi, member } of edges) {
        it(`${name} at ${edge}`, async function () {
          const definition = `${RETAIL_SCHEMA.slots[slot].name} from ${lo} to ${hi}`;
          const { input, encoding } = await buildFixture({ segment: definition });
          const reasons = explainMismatch(parseSegment(definition), encoding, FIXTURE_ATTRIBUTES, FIXTURE_DATE);
          assert.equal(reasons.length === 0, member, `SDK disagrees: ${reasons.join("; ")}`);
          if (member) await expectSatisfied(circuit, input);
          else await expectRejected(circuit, input, rangeFailure(slot));
        });
      }
    }

    it("all-open segment", async function () {
      const encoding = encodeSegment({ schema: RETAIL_SCHEMA, clauses: [] });
      const { input } = await buildFixture({ segment: encoding });
      await expectSatisfied(circuit, input);
    });
  });

  describe("age edges", function () {
    // Two holders, born 15 June 2000 and 29 February 2000, proven on different
    // dates. Each case names the calendar fact it tests; `member` is that fact,
    // and the SDK's effectiveBounds must agree with it before the circuit is asked.
    const cases = [
      { name: "25th birthday on proof date", band: [25, 34], birth: 20000615, date: 20250615, member: true },
      { name: "day before 25th birthday", band: [25, 34], birth: 20000615, date: 20250614, member: false },
      { name: "day after 25th birthday", band: [25, 34], birth: 20000615, date: 20250616, member: true },
      { name: "day before 25th, band to 24", band: [15, 24], birth: 20000615, date: 20250614, member: true },
      { name: "25th birthday, band to 24", band: [15, 24], birth: 20000615, date: 20250615, member: false },
      { name: "29 Feb birth, 28 Feb non-leap", band: [25, 34], birth: 20000229, date: 20250228, member: false },
      { name: "29 Feb birth, 1 Mar non-leap", band: [25, 34], birth: 20000229, date: 20250301, member: true },
      { name: "29 Feb birth, 29 Feb leap", band: [24, 30], birth: 20000229, date: 20240229, member: true },
      { name: "29 Feb birth, 28 Feb leap", band: [24, 30], birth: 20000229, date: 20240228, member: false },
      { name: "aged 50, band 25 to 34", band: [25, 34], birth: 20000615, date: 20500615, member: false },
      { name: "newborn, band 0 to 0", band: [0, 0], birth: 20000615, date: 20000615, member: true },
    ];
    for (const { name, band, birth, date, member } of cases) {
      it(name, async function () {
        const definition = `age ${band[0]} to ${band[1]}`;
        const { input, encoding } = await buildFixture({
          attributes: withAttribute(BIRTH_DATE, BigInt(birth)),
          expiresAt: BigInt(MAX_DATE),
          segment: definition,
          date,
        });
        const bounds = effectiveBounds(encoding, date);
        const inBounds = bounds.lo[BIRTH_DATE] <= BigInt(birth) && BigInt(birth) <= bounds.hi[BIRTH_DATE];
        assert.equal(inBounds, member, "effectiveBounds disagrees with the calendar");

        if (!member) {
          await expectRejected(circuit, input, rangeFailure(BIRTH_DATE));
          return;
        }
        const witness = await expectSatisfied(circuit, input);
        // --O2 merges EffectiveBounds' outputs into InRange64's lo and hi inputs.
        const effectiveLo = witness[circuit.signalIndex(/^main\.InRange64_\d+_\d+\[0\]\.lo$/)];
        const effectiveHi = witness[circuit.signalIndex(/^main\.InRange64_\d+_\d+\[0\]\.hi$/)];
        assert.equal(effectiveLo, bounds.lo[BIRTH_DATE]);
        assert.equal(effectiveHi, bounds.hi[BIRTH_DATE]);
      });
    }
  });

  describe("set predicates", function () {
    // The fixture holder has region 9 (set slot 0) and loyaltyTier 2 (set slot 1).
    const cases = [
      { definition: "region in {9}", member: true },
      { definition: "region in {4}", member: false },
      { definition: "region in {1, 9, 12}", member: true },
      { definition: "region in {1, 8, 12}", member: false },
      { definition: "region in {1, 2, 3, 4, 5, 6, 7, 9}", member: true },
      { definition: "region in {1, 2, 3, 4, 5, 6, 7, 8}", member: false },
      { definition: "region not in {9}", member: false },
      { definition: "region not in {4}", member: true },
      { definition: "region not in {1, 9, 12}", member: false },
      { definition: "region not in {1, 8, 12}", member: true },
      { definition: "region not in {1, 2, 3, 4, 5, 6, 7, 9}", member: false },
      { definition: "region not in {1, 2, 3, 4, 5, 6, 7, 8}", member: true },
      { definition: "loyaltyTier in {1, 2, 3}", member: true },
      { definition: "loyaltyTier not in {2}", member: false },
      { definition: "region in {4, 9}, loyaltyTier not in {0, 1}", member: true },
    ];
    for (const { definition, member } of cases) {
      it(definition, async function () {
        const { input, encoding } = await buildFixture({ segment: definition });
        const reasons = explainMismatch(parseSegment(definition), encoding, FIXTURE_ATTRIBUTES, FIXTURE_DATE);
        assert.equal(reasons.length === 0, member, `SDK disagrees: ${reasons.join("; ")}`);
        if (member) await expectSatisfied(circuit, input);
        else await expectRejected(circuit, input, { template: /SetPredicate/, signal: /^main\.SetPredicate_/ });
      });
    }

    it("padding admits no zero", async function () {
      // Padding repeats the largest member, so attribute 0 stays outside {4, 9}.
      const { input, encoding } = await buildFixture({ attributes: withAttribute(4, 0n), segment: "region in {4, 9}" });
      assert.deepEqual(encoding.setValues[0], [4n, 9n, 9n, 9n, 9n, 9n, 9n, 9n]);
      await expectRejected(circuit, input, { template: /SetPredicate/, signal: /^main\.SetPredicate_/ });
    });
  });
});
