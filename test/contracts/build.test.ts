// The contract build and the static checks on the generated verifier.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { ARTIFACTS } from "../../circuits/setup/paths.js";
import { isBuildCurrent, loadArtifact } from "../../contracts/build.js";
import { findVerifierProblems } from "../../contracts/verifier-check.js";

describe("generated verifier check", function () {
  const source = readFileSync(ARTIFACTS.solidityVerifier, "utf8");

  it("passes the committed verifier", function () {
    assert.deepEqual(findVerifierProblems(source), []);
  });

  it("rejects checkField against q", function () {
    const mutated = source.replace("iszero(lt(v, r))", "iszero(lt(v, q))");
    assert.notEqual(mutated, source);
    assert.deepEqual(findVerifierProblems(mutated), [
      "checkField compares signals against `q`, expected the scalar field `r`",
    ]);
  });

  it("rejects wrong r constant", function () {
    const mutated = source.replace(
      /(uint256 constant r\s*=\s*)\d+/,
      "$121888242871839275222246405745257275088696311157297823662689037894645226208583",
    );
    assert.match(
      findVerifierProblems(mutated)[0],
      /^constant r is 2188824287183927522224640574525727508869631115729782366268903789464522620858/,
    );
  });

  it("rejects five public signals", function () {
    const mutated = source.replace("uint[6] calldata _pubSignals", "uint[5] calldata _pubSignals");
    assert.deepEqual(findVerifierProblems(mutated), ["verifyProof reads 5 public signals, expected 6"]);
  });

  it("rejects a missing range check", function () {
    const mutated = source.replace("checkField(calldataload(add(_pubSignals, 160)))", "");
    assert.deepEqual(findVerifierProblems(mutated), [
      "checkField is applied at calldata offsets [0, 32, 64, 96, 128], expected [0, 32, 64, 96, 128, 160]",
    ]);
  });
});

describe("contract build", function () {
  it("writes current artifacts", function () {
    const registry = loadArtifact("SegmentRegistry");
    assert.equal(isBuildCurrent(), true);
    assert.match(registry.bytecode, /^0x[0-9a-f]+$/);
    assert.ok(registry.abi.some((entry) => (entry as { name?: string }).name === "submit"));
    assert.equal(registry.solcVersion.split("+")[0], "0.8.37");
  });
});
