// Attacks on SegmentRegistry and the generated Groth16 verifier on local anvil
// chains: every public signal aliased by multiples of r, a proof replayed to a
// registry at the same address on another chain, and a search of every event
// and transaction for the holder's attributes and secrets.
import assert from "node:assert/strict";
import { type Contract, JsonRpcProvider, type JsonRpcSigner } from "ethers";
import { startAnvil, type AnvilInstance } from "../../contracts/anvil.js";
import { deployRegistry, type SubmitArguments, toSubmitArguments } from "../../contracts/deploy.js";
import { loadArtifact } from "../../contracts/build.js";
import {
  createSampleHolder,
  createSampleIssuer,
  noonOf,
  proveSample,
  SAMPLE_DEFINITION,
  type SampleHolder,
} from "../../contracts/sample.js";
import { SNARK_SCALAR_FIELD } from "../../prover/src/field.js";
import { identitySecret } from "../../prover/src/identity.js";
import { expectRevert, withSignal } from "../helpers/chain.js";

const r = SNARK_SCALAR_FIELD;
const DATE = 20300615;
const NOON = noonOf(DATE);
const OTHER_CHAIN_ID = 4242;

interface Chain {
  anvil: AnvilInstance;
  provider: JsonRpcProvider;
  signer: JsonRpcSigner;
  registry: Contract;
  verifier: Contract;
}

async function startChain(chainId: number, issuerKeyHash: bigint): Promise<Chain> {
  const anvil = await startAnvil({ genesisTimestamp: NOON - 3600, chainId });
  const provider = new JsonRpcProvider(anvil.rpcUrl, undefined, { cacheTimeout: -1 });
  const signer = await provider.getSigner(0);
  const { registry, verifier } = await deployRegistry(signer);
  await (await registry.trustIssuer(issuerKeyHash)).wait();
  await (await registry.createSegment(0n, SAMPLE_DEFINITION, 0, NOON + 86400)).wait();
  return { anvil, provider, signer, registry, verifier };
}

describe("security: chain", function () {
  let home: Chain;
  let other: Chain;
  let holder: SampleHolder;
  let args: SubmitArguments;

  const submit = (chain: Chain, call: SubmitArguments) =>
    chain.registry.submit.staticCall(1n, call.pA, call.pB, call.pC, call.publicSignals, call.handle);
  const verify = (call: SubmitArguments) =>
    home.verifier.verifyProof(call.pA, call.pB, call.pC, call.publicSignals) as Promise<boolean>;

  before(async function () {
    const issuer = await createSampleIssuer();
    [home, other] = await Promise.all([startChain(31337, issuer.keyHash), startChain(OTHER_CHAIN_ID, issuer.keyHash)]);
    // startChain's segment 1 has a placeholder hash, so segment 2 carries the sample's hash.
    for (const chain of [home, other]) {
      await (await chain.registry.createSegment(issuer.segment.segmentHash, SAMPLE_DEFINITION, 0, NOON + 86400)).wait();
    }
    holder = await createSampleHolder(issuer);
    const scope = (await home.registry.scopeOf(2n)) as bigint;
    args = toSubmitArguments(
      await proveSample(issuer, holder, { scope, segmentId: 2n, handle: "sec-carol", date: DATE }),
    );
    await Promise.all([home, other].map((chain) => chain.provider.send("evm_mine", [NOON])));
  });

  after(async function () {
    for (const chain of [home, other]) {
      chain?.provider.destroy();
      await chain?.anvil.stop();
    }
  });

  const submitTo = (chain: Chain, call: SubmitArguments) =>
    chain.registry.submit.staticCall(2n, call.pA, call.pB, call.pC, call.publicSignals, call.handle);

  describe("field aliasing", function () {
    it("verifier ABI takes six signals", function () {
      const abi = loadArtifact("Groth16Verifier").abi as { name?: string; inputs?: { type: string }[] }[];
      const verifyProof = abi.find((entry) => entry.name === "verifyProof");
      assert.deepEqual(
        verifyProof?.inputs?.map((input) => input.type),
        ["uint256[2]", "uint256[2][2]", "uint256[2]", "uint256[6]"],
      );
    });

    it("verifier accepts the honest proof", async function () {
      assert.equal(await verify(args), true);
    });

    for (let index = 0; index < 6; index++) {
      it(`signal ${index} aliases revert`, async function () {
        const value = args.publicSignals[index];
        for (const alias of [value + r, value + 2n * r, r]) {
          assert.ok(alias < 2n ** 256n);
          assert.equal(await verify(withSignal(args, index, alias)), false, `verifier accepted ${alias}`);
          await expectRevert(submitTo(home, withSignal(args, index, alias)), "PublicSignalOutOfRange", [
            BigInt(index),
            alias,
          ]);
        }
        // A negative representative has no uint256 encoding, so no transaction can carry it.
        await assert.rejects(submitTo(home, withSignal(args, index, -5n)), { code: "INVALID_ARGUMENT" });
      });
    }

    it("count unchanged after aliases", async function () {
      assert.equal(await home.registry.count(2n), 0n);
      await (await home.registry.submit(2n, args.pA, args.pB, args.pC, args.publicSignals, args.handle)).wait();
      assert.equal(await home.registry.count(2n), 1n);
      const nullifierAlias = withSignal(args, 0, args.publicSignals[0] + r);
      await expectRevert(submitTo(home, nullifierAlias), "PublicSignalOutOfRange", [0n, args.publicSignals[0] + r]);
      assert.equal(await home.registry.count(2n), 1n);
    });
  });

  describe("replay", function () {
    it("same address on another chain", async function () {
      // One deployer with the same nonces gives the same registry address on every chain,
      // so only block.chainid in the scope tells the two segments apart.
      assert.equal(await other.registry.getAddress(), await home.registry.getAddress());
      const expected = (await other.registry.scopeOf(2n)) as bigint;
      assert.notEqual(expected, args.publicSignals[3]);
      await expectRevert(submitTo(other, args), "ScopeMismatch", [2n, expected, args.publicSignals[3]]);
      assert.equal(await other.registry.count(2n), 0n);
    });

    it("another segment of the registry", async function () {
      // Segment 1 has another hash; the proof fails on it before the scope check.
      await expectRevert(submit(home, args), "SegmentHashMismatch", [1n, 0n, args.publicSignals[1]]);
    });
  });

  describe("privacy", function () {
    it("events and calldata contain no private value", async function () {
      const registryAddress = await home.registry.getAddress();
      const logs = await home.provider.send("eth_getLogs", [
        { address: registryAddress, fromBlock: "0x0", toBlock: "latest" },
      ]);
      assert.ok(logs.length >= 4, `only ${logs.length} registry events`);
      const parsed = logs.map((log: { topics: string[]; data: string }) => home.registry.interface.parseLog(log));
      assert.ok(parsed.some((event: { name: string } | null) => event?.name === "MemberAdded"));

      const latest = Number(await home.provider.getBlockNumber());
      const calldata: string[] = [];
      for (let block = 0; block <= latest; block++) {
        const { transactions } = await home.provider.send("eth_getBlockByNumber", [`0x${block.toString(16)}`, true]);
        for (const transaction of transactions as { input: string }[]) calldata.push(transaction.input);
      }
      const haystack = [
        ...logs.map((log: { topics: string[]; data: string }) => [...log.topics, log.data].join(" ")),
        ...parsed.map((event: { args: unknown[] } | null) =>
          JSON.stringify(event?.args ?? [], (_, value) => (typeof value === "bigint" ? value.toString() : value)),
        ),
        ...calldata,
      ]
        .join("\n")
        .toLowerCase();

      // The nullifier is public: finding it shows that the search reads the encoded words.
      assert.ok(haystack.includes(args.publicSignals[0].toString(16).padStart(64, "0")));
      const secrets = [
        identitySecret(holder.identity),
        BigInt(holder.credential.holderCommitment),
        ...Object.values(holder.credential.attributes)
          .map(BigInt)
          .filter((value) => value > 1000n),
      ];
      assert.equal(secrets.length, 6);
      for (const secret of secrets) {
        assert.ok(
          !haystack.includes(secret.toString(16).padStart(64, "0")),
          `chain data contains 0x${secret.toString(16)}`,
        );
        assert.ok(!haystack.includes(secret.toString()), `chain data contains ${secret}`);
      }
    });
  });
});
