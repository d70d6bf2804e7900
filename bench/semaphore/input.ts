// Valid inputs for the Semaphore v4 anchor circuit, computed the way the Semaphore SDK does.
import { randomBytes } from "node:crypto";
import { buildBabyjub } from "circomlibjs";
import { BABYJUB_SUBGROUP_ORDER, SNARK_SCALAR_FIELD } from "../../prover/src/field.js";
import { poseidon } from "../../prover/src/hash.js";

/** Tree depth of the anchor: 2^20 (about one million) members, the common Semaphore deployment size. */
export const SEMAPHORE_DEPTH = 20;

function randomBelow(bound: bigint): bigint {
  return BigInt("0x" + randomBytes(32).toString("hex")) % bound;
}

/**
 * Builds a full-depth membership witness for a random identity at a random leaf index. Siblings are
 * random field elements: a Groth16 prover's work does not depend on what the other leaves are.
 */
export async function semaphoreInput(depth = SEMAPHORE_DEPTH): Promise<Record<string, bigint | bigint[]>> {
  const babyJub = await buildBabyjub();
  const F = babyJub.F;
  const secret = randomBelow(BABYJUB_SUBGROUP_ORDER);
  const publicKey = babyJub.mulPointEscalar(babyJub.Base8, secret);
  let node = await poseidon([F.toObject(publicKey[0]), F.toObject(publicKey[1])]);
  const leafIndex = randomBelow(2n ** BigInt(depth));
  const indices: bigint[] = [];
  const siblings: bigint[] = [];
  for (let level = 0; level < depth; level++) {
    const bit = (leafIndex >> BigInt(level)) & 1n;
    const sibling = randomBelow(SNARK_SCALAR_FIELD);
    indices.push(bit);
    siblings.push(sibling);
    node = bit === 0n ? await poseidon([node, sibling]) : await poseidon([sibling, node]);
  }
  return {
    secret,
    merkleProofLength: BigInt(depth),
    merkleProofIndices: indices,
    merkleProofSiblings: siblings,
    message: randomBelow(SNARK_SCALAR_FIELD),
    scope: randomBelow(SNARK_SCALAR_FIELD),
  };
}
