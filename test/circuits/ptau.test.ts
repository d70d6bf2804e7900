// The Powers of Tau header check that guards `zkseg setup ceremony --ptau FILE`.
import assert from "node:assert/strict";
import { ARTIFACTS } from "../../circuits/setup/paths.js";
import { readPtauInfo, requireUsablePtau } from "../../circuits/setup/ptau.js";

describe("ptau header check", () => {
  it("reads the committed ptau", async () => {
    assert.deepEqual(await readPtauInfo(ARTIFACTS.ptau), { power: 13, prepared: true });
  });

  it("accepts it for the circuit", async () => {
    // 7,995 constraints + 6 public signals + 1.
    assert.equal((await requireUsablePtau(ARTIFACTS.ptau, 8002)).power, 13);
  });

  it("rejects a ptau too small", async () => {
    await assert.rejects(
      requireUsablePtau(ARTIFACTS.ptau, 8193),
      /has 2\^13 rows but the circuit needs 8193.*power 14/,
    );
  });

  it("rejects a file of another kind", async () => {
    await assert.rejects(readPtauInfo(ARTIFACTS.zkey), /is not a Powers of Tau file/);
  });
});
