// Poseidon (as in circomlib) and the keccak-based hashes shared with Solidity.
import { buildPoseidon } from "circomlibjs";
import { keccak256, toUtf8Bytes } from "ethers";

type PoseidonFunction = Awaited<ReturnType<typeof buildPoseidon>>;
let poseidonInstance: Promise<PoseidonFunction> | undefined;

/** Computes circomlib's Poseidon hash of 1 to 16 field elements. */
export async function poseidon(inputs: readonly bigint[]): Promise<bigint> {
  poseidonInstance ??= buildPoseidon();
  const instance = await poseidonInstance;
  return instance.F.toObject(instance(inputs as bigint[])) as bigint;
}

/**
 * Hashes a UTF-8 string to a field element as keccak256(bytes) >> 8.
 * Dropping the low byte keeps 248 bits, so the value is below the BN254
 * scalar field and Solidity computes the same with one shift.
 */
export function hashToField(text: string): bigint {
  return BigInt(keccak256(toUtf8Bytes(text))) >> 8n;
}
