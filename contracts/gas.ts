// Gas of the on-chain verification, measured on a local anvil chain:
//   npx tsx contracts/gas.ts
import { fileURLToPath } from "node:url";
import { JsonRpcProvider, type Contract, type Signer } from "ethers";
import { startAnvil } from "./anvil.js";
import {
  deployContract,
  deployRegistry,
  submitProofPackage,
  type SubmitArguments,
  toSubmitArguments,
} from "./deploy.js";
import { createSampleHolder, createSampleIssuer, noonOf, proveSample, SAMPLE_DEFINITION } from "./sample.js";

/** Proof date of the measurement; the chain's clock is set to noon UTC of this day. */
export const GAS_SAMPLE_DATE = 20300615;

/** Merkle tree depth passed to Semaphore's verifier; its verification keys cover depths 1 to 32. */
export const SEMAPHORE_TREE_DEPTH = 20;

/** Gas figures of one measurement run. */
export interface GasReport {
  /** Receipt gasUsed of an accepted submit into a segment that already has members. */
  submitGas: bigint;
  /** Receipt gasUsed of the first accepted submit into a segment. */
  submitGasFirstMember: bigint;
  /** eth_estimateGas of a transaction that calls verifyProof and reverts unless it returns true. */
  verifierGas: bigint;
  /** Gas spent inside the Groth16Verifier.verifyProof call alone (gasleft() before and after). */
  verifierCallGas: bigint;
  /**
   * Gas spent inside Semaphore v4's SemaphoreVerifier.verifyProof call, measured like
   * verifierCallGas with a rejected proof of valid curve points, which costs the same as an
   * accepted one because the precompiles charge by input size.
   */
  semaphoreGas: bigint;
}

/** Measures gas of verifyProof for a valid proof through VerifierGasProbe, which requires true. */
export async function measureVerifierGas(
  probe: Contract,
  args: SubmitArguments,
): Promise<{ verifierGas: bigint; verifierCallGas: bigint }> {
  const verifierGas = await probe.verifyOrRevert.estimateGas(args.pA, args.pB, args.pC, args.publicSignals);
  const verifierCallGas = (await probe.verifyOrRevert(args.pA, args.pB, args.pC, args.publicSignals)) as bigint;
  return { verifierGas, verifierCallGas };
}

/**
 * Deploys Semaphore v4's verifier and measures one verifyProof call. The proof points
 * come from a zkseg proof: they are valid curve points, so every precompile runs in full
 * and the pairing check returns false. Throws if the proof is unexpectedly accepted.
 */
export async function measureSemaphoreGas(signer: Signer, args: SubmitArguments): Promise<bigint> {
  const verifier = await deployContract("SemaphoreVerifier", signer);
  const probe = await deployContract("SemaphoreGasProbe", signer, [await verifier.getAddress()]);
  const signals = args.publicSignals.slice(0, 4);
  const [verified, gasUsed] = (await probe.measure(args.pA, args.pB, args.pC, signals, SEMAPHORE_TREE_DEPTH)) as [
    boolean,
    bigint,
  ];
  if (verified)
    throw new Error("Semaphore's verifier accepted a zkseg proof; the gas anchor is not measuring a pairing");
  return gasUsed;
}

/**
 * Starts anvil, deploys the registry, proves two sample members and submits both,
 * then measures the bare verifier and Semaphore's verifier. Takes a few seconds
 * for the two proofs; anvil is stopped before it returns.
 */
export async function measureGas(): Promise<GasReport> {
  const timestamp = noonOf(GAS_SAMPLE_DATE);
  const anvil = await startAnvil({ genesisTimestamp: timestamp - 3600 });
  const provider = new JsonRpcProvider(anvil.rpcUrl, undefined, { cacheTimeout: -1 });
  try {
    const signer = await provider.getSigner(0);
    const { registry } = await deployRegistry(signer);
    const issuer = await createSampleIssuer();
    await (await registry.trustIssuer(issuer.keyHash)).wait();
    const validUntil = timestamp + 30 * 86400;
    await (await registry.createSegment(issuer.segment.segmentHash, SAMPLE_DEFINITION, 0, validUntil)).wait();
    const segmentId = 1n;
    const scope = (await registry.scopeOf(segmentId)) as bigint;

    const holders = [await createSampleHolder(issuer), await createSampleHolder(issuer)];
    const packages = [];
    for (const [i, holder] of holders.entries()) {
      packages.push(await proveSample(issuer, holder, { scope, segmentId, handle: `gas-${i}`, date: GAS_SAMPLE_DATE }));
    }
    await provider.send("evm_mine", [timestamp]);
    const first = await submitProofPackage(registry, segmentId, packages[0]);
    const later = await submitProofPackage(registry, segmentId, packages[1]);

    const args = toSubmitArguments(packages[0]);
    const probe = await deployContract("VerifierGasProbe", signer, [await registry.VERIFIER()]);
    const { verifierGas, verifierCallGas } = await measureVerifierGas(probe, args);
    const semaphoreGas = await measureSemaphoreGas(signer, args);
    return {
      submitGas: later.gasUsed,
      submitGasFirstMember: first.gasUsed,
      verifierGas,
      verifierCallGas,
      semaphoreGas,
    };
  } finally {
    provider.destroy();
    await anvil.stop();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const report = await measureGas();
  for (const [name, value] of Object.entries(report)) console.log(`${name.padEnd(22)} ${value}`);
  const curve = (globalThis as { curve_bn128?: { terminate(): Promise<void> } }).curve_bn128;
  if (curve) await curve.terminate();
}
