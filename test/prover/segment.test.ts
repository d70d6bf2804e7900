// Segment compilation and age boundaries, checked in TypeScript and in the circuit's witness.
import assert from "node:assert/strict";
import {
  compileSegment,
  effectiveBounds,
  encodeSegment,
  explainMismatch,
  holderCommitment,
  issueCredential,
  parseCredential,
  parseSegment,
  segmentHash,
} from "../../prover/src/index.js";
import { calculateWitness } from "../../prover/src/prove.js";
import { identitySecret } from "../../prover/src/identity.js";
import { hashToField } from "../../prover/src/hash.js";
import { buildCircuitInput } from "../../prover/src/witness.js";
import { ATTRIBUTES, getFixture } from "./fixtures.js";

describe("compileSegment", () => {
  it("parses, encodes and hashes", async () => {
    const text = "spend12m at least 50000,  AGE 25 to 34, region in {9, 4, 9}";
    const compiled = await compileSegment(text.replace("AGE", "age"));
    const definition = parseSegment(text.replace("AGE", "age"));
    assert.deepEqual(compiled.definition, definition);
    assert.deepEqual(compiled.encoding, encodeSegment(definition));
    assert.equal(compiled.segmentHash, await segmentHash(encodeSegment(definition)));
    assert.equal(compiled.text, "spend12m at least 50000, age 25 to 34, region in {4, 9}");
  });

  it("keeps the hash of its canonical text", async () => {
    const compiled = await compileSegment("age 25 to 34, spend12m at least 50000");
    const again = await compileSegment(compiled.text);
    assert.equal(again.segmentHash, compiled.segmentHash);
    assert.equal(again.text, compiled.text);
  });

  it("rejects bad definitions", async () => {
    await assert.rejects(compileSegment("age 25 to"), { code: "invalid_segment", field: "definition" });
    await assert.rejects(compileSegment("shoeSize at least 40"), { field: "definition" });
    await assert.rejects(compileSegment("age 25 to 34", "retail@7"), { field: "schema" });
    await assert.rejects(compileSegment("region in {4, 4294967296}"), {
      code: "invalid_segment",
      message: /4294967296 is above the largest code 4294967295/,
    });
  });
});

/** Age edge cases: segment, proof date, birth date, expected membership. */
const AGE_CASES: [string, string, number, number, boolean][] = [
  ["25th birthday on proof date", "age 25 to 34", 20260615, 20010615, true],
  ["25th birthday the day after", "age 25 to 34", 20260615, 20010616, false],
  ["25th birthday the day before", "age 25 to 34", 20260615, 20010614, true],
  ["35th birthday on proof date", "age 25 to 34", 20260615, 19910615, false],
  ["35th birthday the day after", "age 25 to 34", 20260615, 19910616, true],
  ["35th birthday the day before", "age 25 to 34", 20260615, 19910614, false],
  ["29 Feb birth, non-leap 28 Feb", "age 25 to 34", 20250228, 20000229, false],
  ["29 Feb birth, non-leap 1 Mar", "age 25 to 34", 20250301, 20000229, true],
  ["29 Feb birth, leap 28 Feb", "age 20 to 34", 20200228, 20000229, false],
  ["29 Feb birth, leap 29 Feb", "age 20 to 34", 20200229, 20000229, true],
  ["29 Feb birth, leap 1 Mar", "age 20 to 34", 20200301, 20000229, true],
  ["29 Feb proof date, upper edge", "age 20 to 34", 20240229, 19890301, true],
];

describe("age boundaries", () => {
  for (const [name, text, date, birthDate, member] of AGE_CASES) {
    it(name, async () => {
      const segment = await compileSegment(text);
      const { lo, hi } = effectiveBounds(segment.encoding, date);
      assert.equal(BigInt(birthDate) >= lo[0] && BigInt(birthDate) <= hi[0], member);
      const attributes = Object.values({ ...ATTRIBUTES, birthDate: String(birthDate) }).map(BigInt);
      const reasons = explainMismatch(segment.definition, segment.encoding, attributes, date);
      assert.equal(reasons.length === 0, member, reasons.join("; "));

      const { identity, issuerKey } = await getFixture();
      const document = await issueCredential(
        issuerKey,
        await holderCommitment(identity),
        { ...ATTRIBUTES, birthDate: String(birthDate) },
        { expiresAt: 20271231 },
      );
      const credential = await parseCredential(document);
      const input = buildCircuitInput(
        {
          ...credential,
          holderSecret: identitySecret(identity),
          schemaId: segment.encoding.schemaId,
          expiresAt: BigInt(credential.expiresAt),
        },
        segment.encoding,
        { scope: 1n, signalHash: hashToField("age-edge"), date: BigInt(date) },
      );
      const witness = calculateWitness(input, {});
      if (member) await witness;
      else await assert.rejects(witness, { code: "invalid_proof", message: /Assert Failed/ });
    });
  }
});
