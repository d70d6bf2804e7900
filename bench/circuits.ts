// Circuit size: zkseg's committed artifacts next to Semaphore v4 (depth 20) and EdDSA-Poseidon alone.
import { readFile, stat } from "node:fs/promises";
import { ARTIFACTS } from "../circuits/setup/paths.js";
import { show, type Recorder } from "./context.js";
import { anchorZkey, compileAnchor } from "./semaphore/build.js";
import { ratio } from "./stats.js";

/** Published constraint count of Semaphore v4 at depth 20, for comparison with the recompiled anchor. */
export const SEMAPHORE_PUBLISHED_CONSTRAINTS = 6431;

export async function measureCircuits(recorder: Recorder): Promise<void> {
  const { log } = recorder.options;
  const section = recorder.section("Circuit size");
  const manifest = JSON.parse(await readFile(ARTIFACTS.manifest, "utf8")) as { constraints: number };
  recorder.set("constraints", manifest.constraints);
  recorder.set("zkeyBytes", (await stat(ARTIFACTS.zkey)).size);
  recorder.set("wasmBytes", (await stat(ARTIFACTS.wasm)).size);

  log("compiling the Semaphore v4 depth-20 anchor with circom2 --O2");
  const semaphore = await compileAnchor("semaphore_20");
  recorder.set("semaphoreConstraints", semaphore.constraints);
  const semaphoreZkey = await anchorZkey(semaphore, log);
  recorder.shared.semaphore = { wasmPath: semaphore.wasmPath, zkeyPath: semaphoreZkey };
  recorder.set("semaphoreZkeyBytes", (await stat(semaphoreZkey)).size);
  recorder.set("semaphoreWasmBytes", (await stat(semaphore.wasmPath)).size);

  log("compiling circomlib's EdDSAPoseidonVerifier alone");
  const eddsa = await compileAnchor("eddsa_poseidon_verifier");
  recorder.set("eddsaVerifierConstraints", eddsa.constraints);

  const constraintRatio = ratio(manifest.constraints, semaphore.constraints);
  recorder.set("constraintsRatio", constraintRatio);
  const v = recorder.values;
  section.rows.push(
    {
      figure: "R1CS constraints (circom2 --O2)",
      zkseg: show(v.constraints, ""),
      anchor: `Semaphore v4 depth 20: ${show(v.semaphoreConstraints, "")} (published: ${show(SEMAPHORE_PUBLISHED_CONSTRAINTS, "")})`,
      ratio: constraintRatio,
    },
    {
      figure: "of which EdDSA-Poseidon signature check",
      zkseg: `${show(v.eddsaVerifierConstraints, "")} (circomlib EdDSAPoseidonVerifier compiled alone)`,
    },
    {
      figure: "proving key (.zkey)",
      zkseg: show(v.zkeyBytes, "bytes"),
      anchor: `Semaphore: ${show(v.semaphoreZkeyBytes, "bytes")}`,
      ratio: ratio(v.zkeyBytes, v.semaphoreZkeyBytes),
    },
    {
      figure: "witness generator (.wasm)",
      zkseg: show(v.wasmBytes, "bytes"),
      anchor: `Semaphore: ${show(v.semaphoreWasmBytes, "bytes")}`,
      ratio: ratio(v.wasmBytes, v.semaphoreWasmBytes),
    },
  );
  section.notes.push(
    "zkseg's count comes from circuits/artifacts/manifest.json. The Semaphore anchor is bench/semaphore/semaphore.circom, " +
      "assembled from the published Semaphore v4 design (circomlib BabyPbk and Poseidon, @zk-kit/circuits 0.4.0 " +
      "BinaryMerkleRoot) and compiled here with the same circom2 and --O2. Its count can differ from the published one " +
      "by the compiler version's simplification.",
  );
}
