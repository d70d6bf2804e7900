// Batch Groth16 verification: one multi-pairing for many proofs, falling back to
// single verification so that exactly the invalid proofs are rejected. Every
// case is compared with snarkjs.groth16.verify on the same inputs.
import assert from "node:assert/strict";
import fs from "node:fs";
import * as snarkjs from "snarkjs";
import { ARTIFACTS } from "../../circuits/setup/paths.js";
import { SNARK_SCALAR_FIELD } from "../../prover/src/field.js";
import {
  prepareVerificationKey,
  randomWeights,
  verifyBatch,
  type BatchItem,
  type PreparedVerificationKey,
} from "../../verifier-service/verification/batch.mjs";
import { VerifierPool } from "../../verifier-service/verification/pool.js";
import { proofPackage, type ProofPackage } from "./fixtures.js";

interface Curve {
  terminate(): Promise<void>;
}

const verificationKey = JSON.parse(fs.readFileSync(ARTIFACTS.verificationKey, "utf8"));
const getCurve = snarkjs.curves.getCurveFromName as (name: string, options: object) => Promise<Curve>;

function item(pkg: ProofPackage): BatchItem {
  return { proof: pkg.proof, publicSignals: [...pkg.publicSignals] };
}

async function snarkjsVerify({ proof, publicSignals }: BatchItem): Promise<{ valid: boolean }> {
  const valid = await snarkjs.groth16.verify(verificationKey, [...publicSignals], proof as snarkjs.Groth16Proof);
  return { valid };
}

/** Adds one to public signal `index`, keeping it below r. */
function tamperSignal(pkg: ProofPackage, index: number): ProofPackage {
  pkg.publicSignals[index] = (BigInt(pkg.publicSignals[index]) + 1n).toString();
  return pkg;
}

describe("batch verification", () => {
  let curve: Curve;
  let prepared: PreparedVerificationKey;
  let valid: ProofPackage[];

  async function fresh(holder: number): Promise<ProofPackage> {
    return proofPackage({ segmentId: "seg_batch", scope: 424242n, signal: "batch", holder });
  }

  async function expectSameAsSnarkjs(items: BatchItem[], expected: boolean[]): Promise<boolean> {
    const { results, batchEquationHeld } = await verifyBatch(curve, prepared, items, snarkjsVerify);
    assert.deepEqual(
      results.map((result) => result.valid),
      expected,
    );
    const reference = await Promise.all(items.map(snarkjsVerify));
    assert.deepEqual(
      reference.map((result) => result.valid),
      expected,
    );
    return batchEquationHeld;
  }

  before(async () => {
    curve = await getCurve("bn128", { singleThread: true });
    prepared = prepareVerificationKey(curve, verificationKey);
    // One proof at a time: concurrent first calls would each build a multi-threaded snarkjs curve, and
    // only the last one is terminated by the root hook, so the others would keep mocha from exiting.
    valid = [];
    for (const holder of [0, 1, 2]) valid.push(await fresh(holder));
  });

  after(async () => {
    await curve.terminate();
  });

  it("valid proofs pass the batch equation", async () => {
    const held = await expectSameAsSnarkjs(valid.map(item), [true, true, true]);
    assert.equal(held, true);
  });

  it("tampered public signal rejects only that proof", async () => {
    const items = [valid[0], tamperSignal(await fresh(1), 4), valid[2]].map(item);
    const held = await expectSameAsSnarkjs(items, [true, false, true]);
    assert.equal(held, false);
  });

  it("swapped A and C rejects only that proof", async () => {
    const swapped = await fresh(2);
    [swapped.proof.pi_a, swapped.proof.pi_c] = [swapped.proof.pi_c, swapped.proof.pi_a];
    const held = await expectSameAsSnarkjs([valid[0], valid[1], swapped].map(item), [true, true, false]);
    assert.equal(held, false);
  });

  it("point off the curve skips the batch", async () => {
    const offCurve = await fresh(0);
    offCurve.proof.pi_a[1] = (BigInt(offCurve.proof.pi_a[1]) + 1n).toString();
    const held = await expectSameAsSnarkjs([offCurve, valid[1], valid[2]].map(item), [false, true, true]);
    assert.equal(held, true);
  });

  it("signal equal to r skips the batch", async () => {
    const outOfField = await fresh(1);
    outOfField.publicSignals[3] = SNARK_SCALAR_FIELD.toString();
    const held = await expectSameAsSnarkjs([valid[0], outOfField, valid[2]].map(item), [true, false, true]);
    assert.equal(held, true);
  });

  it("weights differ between calls", async () => {
    const drawn: bigint[][] = [];
    const recordWeights = (count: number) => {
      const weights = randomWeights(count);
      drawn.push(weights);
      return weights;
    };
    for (let call = 0; call < 2; call++) {
      const { batchEquationHeld } = await verifyBatch(curve, prepared, valid.map(item), snarkjsVerify, recordWeights);
      assert.equal(batchEquationHeld, true);
    }
    assert.equal(drawn.length, 2);
    assert.equal(drawn[0].length, 3);
    assert.notDeepEqual(drawn[0], drawn[1]);
    assert.equal(new Set(drawn[0]).size, 3);
  });

  it("randomWeights are nonzero 128-bit", () => {
    const weights = randomWeights(64);
    assert.equal(weights.length, 64);
    for (const weight of weights) {
      assert.ok(weight > 0n, `weight ${weight}`);
      assert.ok(weight < 1n << 128n, `weight ${weight}`);
    }
  });

  it("pool resolves each caller of a batch", async () => {
    const pool = new VerifierPool(ARTIFACTS.verificationKey, { size: 1, maxQueue: 64 });
    try {
      const tampered = tamperSignal(await fresh(0), 5);
      const packages = [valid[0], valid[1], tampered, valid[2], valid[0], tampered];
      const results = await Promise.all(packages.map((pkg) => pool.verify(pkg.proof, pkg.publicSignals)));
      assert.deepEqual(
        results.map((result) => result.valid),
        [true, true, false, true, true, false],
      );
    } finally {
      await pool.close();
    }
  });
});
