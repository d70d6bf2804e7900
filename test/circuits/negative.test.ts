// Inputs a cheating holder could try: forged or malleated signatures, bad
// issuer keys, expired credentials and attributes outside 64 bits.
import assert from "node:assert/strict";
import { BABYJUB_SUBGROUP_ORDER, MAX_UINT64, SNARK_SCALAR_FIELD } from "../../prover/src/field.js";
import { getEddsa } from "../../prover/src/issuer.js";
import type { CircuitInput } from "../../prover/src/witness.js";
import {
  buildFixture,
  type CircuitHarness,
  expectRejected,
  expectSatisfied,
  FIXTURE_DATE,
  loadCircuitHarness,
  withAttribute,
} from "../helpers/circuit.js";

// With --O2 the equality S * B8 = R8 + 8hA is checked on addRight's output coordinates.
const SIGNATURE_CHECK = { template: /ForceEqualIfEnabled|EdDSAPoseidonVerifier/, signal: /\.addRight\.[xy]out$/ };

/** Lists, per violated constraint, the names of the signals it touches. */
async function violatedConstraints(circuit: CircuitHarness, input: CircuitInput): Promise<string[][]> {
  const witness = await circuit.calculateWitnessIgnoringAsserts(input);
  return circuit.unsatisfiedConstraints(witness).map((constraint) => circuit.constraintSignals(constraint));
}

/** Returns R8 = S * Base8, which satisfies S * B8 = R8 + 8hA whenever 8A is the identity. */
async function forgedSignature(S: bigint): Promise<{ R8x: bigint; R8y: bigint; S: bigint }> {
  const { babyJub, F } = await getEddsa();
  const R8 = babyJub.mulPointEscalar(babyJub.Base8, S);
  return { R8x: F.toObject(R8[0]), R8y: F.toObject(R8[1]), S };
}

describe("circuit negatives", function () {
  let circuit: CircuitHarness;

  before(async function () {
    circuit = await loadCircuitHarness();
  });

  describe("signature", function () {
    it("tampered attribute", async function () {
      const { input } = await buildFixture();
      // Still inside "spend12m at least 50000", so only the signature can reject it.
      input.attributes = withAttribute(1, 60001n);
      await expectRejected(circuit, input, SIGNATURE_CHECK);
    });

    it("wrong issuer key", async function () {
      const { input } = await buildFixture();
      const other = (await buildFixture({ issuer: 1 })).input;
      input.Ax = other.Ax;
      input.Ay = other.Ay;
      await expectRejected(circuit, input, SIGNATURE_CHECK);
    });

    it("malleated S + l", async function () {
      const { input } = await buildFixture();
      input.S = (input.S as bigint) + BABYJUB_SUBGROUP_ORDER;
      await expectRejected(circuit, input, { template: /EdDSAPoseidonVerifier/, signal: /\.compConstant\./ });
      // S + l gives the same point S * B8, so only the S < l check rejects it.
      for (const signals of await violatedConstraints(circuit, input)) {
        assert.ok(
          signals.some((name) => /\.compConstant\./.test(name)),
          `unexpected violation: ${signals.join(", ")}`,
        );
      }
    });
  });

  describe("issuer key", function () {
    const smallOrderKeys = [
      { name: "identity (0, 1)", Ax: 0n, Ay: 1n },
      { name: "order-2 point (0, r - 1)", Ax: 0n, Ay: SNARK_SCALAR_FIELD - 1n },
    ];
    for (const key of smallOrderKeys) {
      it(`${key.name} with forged signature`, async function () {
        // 8A is the identity, so R8 = S * B8 satisfies the verification
        // equation for every message: only the small-order check rejects it.
        const { input } = await buildFixture();
        Object.assign(input, { Ax: key.Ax, Ay: key.Ay }, await forgedSignature(123456789n));
        await expectRejected(circuit, input, { template: /EdDSAPoseidonVerifier/, signal: /\.isZero\./ });
        for (const signals of await violatedConstraints(circuit, input)) {
          assert.ok(
            signals.some((name) => /\.isZero\./.test(name)),
            `unexpected violation: ${signals.join(", ")}`,
          );
        }
      });
    }

    it("off-curve key", async function () {
      const { input } = await buildFixture();
      input.Ay = (input.Ay as bigint) + 1n;
      await expectRejected(circuit, input, { template: /BabyCheck/, signal: /\.BabyCheck_\d+_\d+\.x2$/ });
      await expectBabyCheckFailure(circuit, input, input.Ax as bigint);
    });

    it("off-curve R8", async function () {
      const { input } = await buildFixture();
      input.R8y = (input.R8y as bigint) + 1n;
      await expectRejected(circuit, input, { template: /BabyCheck/, signal: /\.BabyCheck_\d+_\d+\.x2$/ });
      await expectBabyCheckFailure(circuit, input, input.R8x as bigint);
    });
  });

  describe("expiry", function () {
    it("expiresAt = date passes", async function () {
      const { input } = await buildFixture({ expiresAt: BigInt(FIXTURE_DATE) });
      await expectSatisfied(circuit, input);
    });

    it("expiresAt = date - 1 fails", async function () {
      const { input } = await buildFixture({ expiresAt: BigInt(FIXTURE_DATE - 1) });
      await expectRejected(circuit, input, { template: /Num2Bits/, signal: /^main\.Num2Bits_\d+_\d+\.out/ });
    });
  });

  describe("64-bit attributes", function () {
    // spare6 (slot 6) carries no predicate in the fixture segment: only [0, 2^64 - 1] applies.
    it("2^64 - 1 in open slot passes", async function () {
      const { input } = await buildFixture({ attributes: withAttribute(6, MAX_UINT64) });
      await expectSatisfied(circuit, input);
    });

    it("2^64 in open slot fails", async function () {
      const { input } = await buildFixture({ attributes: withAttribute(6, MAX_UINT64 + 1n) });
      await expectRejected(circuit, input, { template: /InRange64/, signal: /^main\.InRange64_\d+_\d+\[6\]\./ });
    });

    // r - 1 is "-1" in the field: it must not slip under any upper bound.
    const negativeCases = [
      { segment: "spend12m at least 0", slot: 1 },
      { segment: "spend12m at most 100", slot: 1 },
      { segment: "spend12m from 50000 to 99999", slot: 1 },
      { segment: "region in {4, 9}", slot: 4 },
      { segment: "region not in {4, 9}", slot: 4 },
      { segment: "age 0 to 150", slot: 0 },
    ];
    for (const { segment, slot } of negativeCases) {
      it(`r - 1 fails ${segment}`, async function () {
        const { input } = await buildFixture({ attributes: withAttribute(slot, SNARK_SCALAR_FIELD - 1n), segment });
        const signal = new RegExp(`^main\\.InRange64_\\d+_\\d+\\[${slot}\\]\\.`);
        await expectRejected(circuit, input, { template: /InRange64/, signal });
      });
    }
  });
});

/** Asserts that the on-curve check of the point whose x coordinate is `x` is violated. */
async function expectBabyCheckFailure(circuit: CircuitHarness, input: CircuitInput, x: bigint): Promise<void> {
  const witness = await circuit.calculateWitnessIgnoringAsserts(input);
  const failed = circuit.unsatisfiedConstraints(witness).flatMap((c) => circuit.constraintSignals(c));
  const checks = failed.filter((name) => /\.BabyCheck_\d+_\d+\.x2$/.test(name));
  assert.ok(checks.length > 0, `no BabyCheck violated: ${failed.slice(0, 8).join(", ")}`);
  // BabyCheck computes x2 = x * x, which identifies the point of the violated check.
  const squares = checks.map((name) => witness[circuit.signalIndex(name)]);
  assert.ok(squares.includes((x * x) % SNARK_SCALAR_FIELD), "the violated BabyCheck is not the one of this point");
}
