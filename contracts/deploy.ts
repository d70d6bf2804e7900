// Deploys the Groth16 verifier and the SegmentRegistry with ethers v6, and
// submits proof packages to a deployed registry.
//   npx tsx contracts/deploy.ts --rpc http://127.0.0.1:8545 --private-key 0x...
import { parseArgs } from "node:util";
import { fileURLToPath } from "node:url";
import {
  Contract,
  ContractFactory,
  JsonRpcProvider,
  Wallet,
  type ContractRunner,
  type ContractTransactionReceipt,
  type Signer,
} from "ethers";
import { parseProofPackage } from "../prover/src/proofPackage.js";
import { type ContractName, loadArtifact } from "./build.js";
import { waitForReceipt } from "./receipts.js";

/** The deployed pair of contracts. */
export interface DeployedRegistry {
  registry: Contract;
  verifier: Contract;
  registryAddress: string;
  verifierAddress: string;
}

export interface DeployOptions {
  /** Account that manages trusted issuers; default the deploying signer. */
  owner?: string;
  /** Reuse an already deployed Groth16Verifier instead of deploying one. */
  verifierAddress?: string;
}

/** Arguments of SegmentRegistry.submit, minus the segment id. */
export interface SubmitArguments {
  pA: [bigint, bigint];
  pB: [[bigint, bigint], [bigint, bigint]];
  pC: [bigint, bigint];
  publicSignals: [bigint, bigint, bigint, bigint, bigint, bigint];
  handle: string;
}

/** Deploys a compiled contract (compiling first when needed) and waits for it to be mined. */
export async function deployContract(name: ContractName, signer: Signer, args: unknown[] = []): Promise<Contract> {
  const artifact = loadArtifact(name);
  const factory = new ContractFactory(artifact.abi as never[], artifact.bytecode, signer);
  const contract = await factory.deploy(...args);
  const deployment = contract.deploymentTransaction();
  if (deployment) await waitForReceipt(deployment);
  return contract as Contract;
}

/** Returns a SegmentRegistry handle at `address`. */
export function registryAt(address: string, runner: ContractRunner): Contract {
  return new Contract(address, loadArtifact("SegmentRegistry").abi as never[], runner);
}

/** Deploys Groth16Verifier (unless options.verifierAddress is given) and a SegmentRegistry using it. */
export async function deployRegistry(signer: Signer, options: DeployOptions = {}): Promise<DeployedRegistry> {
  const verifier =
    options.verifierAddress === undefined
      ? await deployContract("Groth16Verifier", signer)
      : new Contract(options.verifierAddress, loadArtifact("Groth16Verifier").abi as never[], signer);
  const verifierAddress = await verifier.getAddress();
  const owner = options.owner ?? (await signer.getAddress());
  const registry = await deployContract("SegmentRegistry", signer, [verifierAddress, owner]);
  return { registry, verifier, registryAddress: await registry.getAddress(), verifierAddress };
}

/**
 * Converts a "zkseg-proof/1" package into submit's arguments. snarkjs writes
 * each G2 coordinate of pi_b as [c0, c1] and the EVM pairing precompile reads
 * [c1, c0], so both pairs are swapped. The projective z coordinates are
 * dropped after parseProofPackage has checked that they are 1.
 */
export function toSubmitArguments(pkg: unknown): SubmitArguments {
  const parsed = parseProofPackage(pkg);
  const { pi_a: a, pi_b: b, pi_c: c } = parsed.proof;
  return {
    pA: [BigInt(a[0]), BigInt(a[1])],
    pB: [
      [BigInt(b[0][1]), BigInt(b[0][0])],
      [BigInt(b[1][1]), BigInt(b[1][0])],
    ],
    pC: [BigInt(c[0]), BigInt(c[1])],
    publicSignals: parsed.publicSignals.map((signal) => BigInt(signal)) as SubmitArguments["publicSignals"],
    handle: parsed.signal,
  };
}

/** Sends SegmentRegistry.submit for a proof package and returns the mined receipt. */
export async function submitProofPackage(
  registry: Contract,
  segmentId: bigint | number,
  pkg: unknown,
): Promise<ContractTransactionReceipt> {
  const args = toSubmitArguments(pkg);
  const response = await registry.submit(segmentId, args.pA, args.pB, args.pC, args.publicSignals, args.handle);
  return waitForReceipt(response);
}

const USAGE = `Usage: zkseg chain deploy --rpc URL [--private-key 0x...] [--owner 0x...] [--verifier 0x...]
  --rpc URL          JSON-RPC endpoint of the chain to deploy to
  --private-key KEY  deployer's private key (hex); default the ZKSEG_DEPLOYER_KEY environment variable
  --owner ADDRESS    account that manages trusted issuers; default the deployer
  --verifier ADDRESS reuse a deployed Groth16Verifier instead of deploying a new one`;

/** Parses deploy's command line, deploys, prints the addresses and returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  let values: { rpc?: string; "private-key"?: string; owner?: string; verifier?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        rpc: { type: "string" },
        "private-key": { type: "string" },
        owner: { type: "string" },
        verifier: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const privateKey = values["private-key"] ?? process.env.ZKSEG_DEPLOYER_KEY;
  if (!values.rpc || !privateKey) {
    const missing = values.rpc ? "--private-key (or ZKSEG_DEPLOYER_KEY)" : "--rpc";
    console.error(`missing ${missing}\n${USAGE}`);
    return 2;
  }
  // ethers caches identical RPC results for 250 ms by default, which can return a stale
  // nonce for the second deployment; cacheTimeout -1 turns that off.
  const provider = new JsonRpcProvider(values.rpc, undefined, { cacheTimeout: -1 });
  try {
    const signer = new Wallet(privateKey, provider);
    const { chainId } = await provider.getNetwork();
    const deployed = await deployRegistry(signer, { owner: values.owner, verifierAddress: values.verifier });
    console.log(`chainId          ${chainId}`);
    console.log(`Groth16Verifier  ${deployed.verifierAddress}`);
    console.log(`SegmentRegistry  ${deployed.registryAddress}`);
    console.log(`owner            ${values.owner ?? (await signer.getAddress())}`);
    return 0;
  } catch (error) {
    // ethers' full message embeds the whole signed transaction; shortMessage states the cause.
    const { shortMessage, message } = error as { shortMessage?: string; message: string };
    console.error(`deploy to ${values.rpc} failed: ${shortMessage ?? message}`);
    return 1;
  } finally {
    provider.destroy();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2));
}
