// SegmentRegistry against a real anvil chain and real Groth16 proofs. Proving
// is the slow part, so three proofs are made once and reused. The chain's clock
// only moves forward: tests that move it come last, in "clock", and the
// rejection tests that read state run before the submits that change it.
import assert from "node:assert/strict";
import { AbiCoder, type Contract, HDNodeWallet, JsonRpcProvider, keccak256, type JsonRpcSigner, Wallet } from "ethers";
import { startAnvil, type AnvilInstance } from "../../contracts/anvil.js";
import {
  deployContract,
  deployRegistry,
  main,
  registryAt,
  type SubmitArguments,
  toSubmitArguments,
} from "../../contracts/deploy.js";
import { measureSemaphoreGas, measureVerifierGas } from "../../contracts/gas.js";
import {
  createSampleHolder,
  createSampleIssuer,
  noonOf,
  proveSample,
  SAMPLE_DEFINITION,
  type SampleIssuer,
} from "../../contracts/sample.js";
import { SNARK_SCALAR_FIELD } from "../../prover/src/field.js";
import { hashToField } from "../../prover/src/hash.js";
import { expectRevert, withSignal } from "../helpers/chain.js";

const DATE = 20300615;
const DAY = 86400;
const NOON = noonOf(DATE);
const MIDNIGHT = NOON - 12 * 3600;
/** anvil's default mnemonic; its accounts hold test ether on every fresh anvil chain. */
const ANVIL_MNEMONIC = "test test test test test test test test test test test junk";

describe("SegmentRegistry", function () {
  let anvil: AnvilInstance;
  let provider: JsonRpcProvider;
  let owner: JsonRpcSigner;
  let creator: JsonRpcSigner;
  let stranger: JsonRpcSigner;
  let registry: Contract;
  let registryAsCreator: Contract;
  let verifierAddress: string;
  let issuer: SampleIssuer;
  let scope: bigint;
  /** Holder 0, handle "alice", dated DATE. */
  let first: SubmitArguments;
  /** Holder 1, handle "bob", dated DATE. */
  let second: SubmitArguments;
  /** Holder 2, handle "carol", dated two days after DATE. */
  let future: SubmitArguments;
  const gas: { firstMember?: bigint; laterMember?: bigint } = {};

  const segmentHash = () => issuer.segment.segmentHash;
  const submit = (segmentId: bigint, args: SubmitArguments, target: Contract = registry) =>
    target.submit(segmentId, args.pA, args.pB, args.pC, args.publicSignals, args.handle);
  const staticSubmit = (segmentId: bigint, args: SubmitArguments, target: Contract = registry) =>
    target.submit.staticCall(segmentId, args.pA, args.pB, args.pC, args.publicSignals, args.handle);
  const latestTimestamp = async () =>
    BigInt((await provider.send("eth_getBlockByNumber", ["latest", false])).timestamp);
  const mineAt = (timestamp: number) => provider.send("evm_mine", [timestamp]);
  const createSegment = async (hash: bigint, validFrom: number, validUntil: number): Promise<bigint> => {
    await (await registryAsCreator.createSegment(hash, SAMPLE_DEFINITION, validFrom, validUntil)).wait();
    return (await registry.segmentCount()) as bigint;
  };

  before(async function () {
    anvil = await startAnvil({ genesisTimestamp: NOON - 3600 });
    provider = new JsonRpcProvider(anvil.rpcUrl, undefined, { cacheTimeout: -1 });
    [owner, creator, stranger] = await Promise.all([0, 1, 2].map((i) => provider.getSigner(i)));
    const deployed = await deployRegistry(owner);
    registry = deployed.registry;
    verifierAddress = deployed.verifierAddress;
    registryAsCreator = registry.connect(creator) as Contract;

    issuer = await createSampleIssuer();
    await (await registry.trustIssuer(issuer.keyHash)).wait();
    await createSegment(segmentHash(), 0, NOON + 30 * DAY);
    scope = (await registry.scopeOf(1n)) as bigint;

    const proofs = [
      { handle: "alice", date: DATE },
      { handle: "bob", date: DATE },
      { handle: "carol", date: 20300617 },
    ];
    const packages = [];
    for (const proof of proofs) {
      const holder = await createSampleHolder(issuer);
      packages.push(await proveSample(issuer, holder, { scope, segmentId: 1n, ...proof }));
    }
    [first, second, future] = packages.map((pkg) => toSubmitArguments(pkg));
    await mineAt(NOON);
  });

  after(async function () {
    provider?.destroy();
    await anvil?.stop();
  });

  describe("scope and views", function () {
    it("scopeOf hashes chain, registry and id", async function () {
      const encoded = AbiCoder.defaultAbiCoder().encode(
        ["uint256", "address", "uint256"],
        [anvil.chainId, await registry.getAddress(), 1n],
      );
      assert.equal(scope, BigInt(keccak256(encoded)) >> 8n);
      assert.equal(first.publicSignals[3], scope);
    });

    it("getSegment returns stored fields", async function () {
      const [segmentCreator, hash, validFrom, validUntil, active, memberCount] = await registry.getSegment(1n);
      assert.equal(segmentCreator, await creator.getAddress());
      assert.equal(hash, segmentHash());
      assert.equal(validFrom, 0n);
      assert.equal(validUntil, BigInt(NOON + 30 * DAY));
      assert.equal(active, true);
      assert.equal(memberCount, 0n);
    });

    it("getSegment rejects unknown id", async function () {
      await expectRevert(registry.getSegment(99n), "SegmentNotFound", [99n]);
    });
  });

  describe("issuers", function () {
    it("only owner trusts or revokes", async function () {
      const asStranger = registry.connect(stranger) as Contract;
      const account = await stranger.getAddress();
      await expectRevert(asStranger.trustIssuer.staticCall(5n), "OwnableUnauthorizedAccount", [account]);
      await expectRevert(asStranger.revokeIssuer.staticCall(issuer.keyHash), "OwnableUnauthorizedAccount", [account]);
    });

    it("trustIssuer rejects duplicate and non-field key", async function () {
      await expectRevert(registry.trustIssuer.staticCall(issuer.keyHash), "IssuerAlreadyTrusted", [issuer.keyHash]);
      await expectRevert(registry.trustIssuer.staticCall(SNARK_SCALAR_FIELD), "FieldElementOutOfRange", [
        "issuerKeyHash",
        SNARK_SCALAR_FIELD,
      ]);
      await expectRevert(registry.revokeIssuer.staticCall(7n), "IssuerNotTrusted", [7n]);
    });

    it("revoked issuer is rejected", async function () {
      const revoke = await (await registry.revokeIssuer(issuer.keyHash)).wait();
      assert.equal(registry.interface.parseLog(revoke.logs[0])?.name, "IssuerRevoked");
      assert.equal(await registry.isIssuerTrusted(issuer.keyHash), false);
      await expectRevert(staticSubmit(1n, first), "IssuerNotTrusted", [issuer.keyHash]);

      const trust = await (await registry.trustIssuer(issuer.keyHash)).wait();
      const log = registry.interface.parseLog(trust.logs[0]);
      assert.equal(log?.name, "IssuerTrusted");
      assert.equal(log?.args.issuerKeyHash, issuer.keyHash);
      assert.equal(await registry.isIssuerTrusted(issuer.keyHash), true);
    });
  });

  describe("segments", function () {
    it("createSegment rejects bad window and hash", async function () {
      const now = Number(await latestTimestamp());
      await expectRevert(
        registryAsCreator.createSegment.staticCall(1n, "", now + 10, now + 5),
        "InvalidValidityWindow",
      );
      await expectRevert(registryAsCreator.createSegment.staticCall(1n, "", 0, now - 1), "InvalidValidityWindow");
      await expectRevert(
        registryAsCreator.createSegment.staticCall(SNARK_SCALAR_FIELD, "", 0, now + 5),
        "FieldElementOutOfRange",
        ["segmentHash", SNARK_SCALAR_FIELD],
      );
    });

    it("createSegment emits definition", async function () {
      const receipt = await (await registryAsCreator.createSegment(123n, SAMPLE_DEFINITION, 0, NOON + DAY)).wait();
      const log = registry.interface.parseLog(receipt.logs[0]);
      assert.equal(log?.name, "SegmentCreated");
      assert.equal(log?.args.creator, await creator.getAddress());
      assert.equal(log?.args.segmentHash, 123n);
      assert.equal(log?.args.definition, SAMPLE_DEFINITION);
      assert.equal(log?.args.validUntil, BigInt(NOON + DAY));
    });

    it("only creator toggles active", async function () {
      await expectRevert(
        (registry.connect(stranger) as Contract).setSegmentActive.staticCall(1n, false),
        "NotSegmentCreator",
        [1n, await stranger.getAddress()],
      );
      await expectRevert(registryAsCreator.setSegmentActive.staticCall(99n, false), "SegmentNotFound", [99n]);
    });

    it("inactive segment rejects", async function () {
      await (await registryAsCreator.setSegmentActive(1n, false)).wait();
      await expectRevert(staticSubmit(1n, first), "SegmentInactive", [1n]);
      await (await registryAsCreator.setSegmentActive(1n, true)).wait();
      const [, , , , active] = await registry.getSegment(1n);
      assert.equal(active, true);
    });

    it("segment before validFrom rejects", async function () {
      const validFrom = NOON + DAY;
      const segmentId = await createSegment(segmentHash(), validFrom, NOON + 2 * DAY);
      const now = await latestTimestamp();
      await expectRevert(staticSubmit(segmentId, first), "SegmentNotInValidityWindow", [
        segmentId,
        BigInt(validFrom),
        BigInt(NOON + 2 * DAY),
        now,
      ]);
    });

    it("unknown segment rejects", async function () {
      await expectRevert(staticSubmit(99n, first), "SegmentNotFound", [99n]);
    });
  });

  describe("submit rejections", function () {
    it("signal r + nullifier rejects", async function () {
      const value = SNARK_SCALAR_FIELD + first.publicSignals[0];
      await expectRevert(staticSubmit(1n, withSignal(first, 0, value)), "PublicSignalOutOfRange", [0n, value]);
    });

    it("signal equal to r rejects", async function () {
      const args = withSignal(first, 3, SNARK_SCALAR_FIELD);
      await expectRevert(staticSubmit(1n, args), "PublicSignalOutOfRange", [3n, SNARK_SCALAR_FIELD]);
    });

    it("signal of 2^256 cannot be encoded", async function () {
      // ABI encoding rejects it client-side, so no transaction can carry it.
      await assert.rejects(staticSubmit(1n, withSignal(first, 0, 2n ** 256n)), { code: "INVALID_ARGUMENT" });
    });

    it("segment hash mismatch rejects", async function () {
      const segmentId = await createSegment(segmentHash() + 1n, 0, NOON + DAY);
      await expectRevert(staticSubmit(segmentId, first), "SegmentHashMismatch", [
        segmentId,
        segmentHash() + 1n,
        segmentHash(),
      ]);
    });

    it("proof for another segment rejects", async function () {
      const segmentId = await createSegment(segmentHash(), 0, NOON + DAY);
      const expected = (await registry.scopeOf(segmentId)) as bigint;
      await expectRevert(staticSubmit(segmentId, first), "ScopeMismatch", [segmentId, expected, scope]);
    });

    it("future date rejects", async function () {
      const now = await latestTimestamp();
      await expectRevert(staticSubmit(1n, future), "ProofDateOutOfRange", [20300617n, now]);
    });

    it("invalid calendar date rejects", async function () {
      for (const date of [20300230n, 20301301n, 20300600n, 19691231n, 100000101n]) {
        await expectRevert(staticSubmit(1n, withSignal(first, 5, date)), "InvalidProofDate", [date]);
      }
    });

    it("wrong handle rejects", async function () {
      const args = { ...first, handle: "mallory" };
      await expectRevert(staticSubmit(1n, args), "SignalHashMismatch", [hashToField("mallory"), hashToField("alice")]);
    });

    it("invalid proof rejects", async function () {
      const args = { ...second, pA: first.pA };
      await expectRevert(staticSubmit(1n, args), "InvalidProof", [1n, second.publicSignals[0]]);
    });
  });

  describe("accepted submit", function () {
    it("first member adds and emits", async function () {
      const receipt = await (await submit(1n, first)).wait();
      gas.firstMember = receipt.gasUsed;
      const log = registry.interface.parseLog(receipt.logs[0]);
      assert.equal(log?.name, "MemberAdded");
      assert.equal(log?.args.segmentId, 1n);
      assert.equal(log?.args.nullifier, first.publicSignals[0]);
      assert.equal(log?.args.handle, "alice");
      assert.equal(await registry.count(1n), 1n);
      assert.equal(await registry.isMember(1n, first.publicSignals[0]), true);
      assert.equal(await registry.isMember(1n, second.publicSignals[0]), false);
    });

    it("same nullifier again rejects", async function () {
      await expectRevert(staticSubmit(1n, first), "NullifierAlreadyUsed", [1n, first.publicSignals[0]]);
    });

    it("later member increments count", async function () {
      const receipt = await (await submit(1n, second)).wait();
      gas.laterMember = receipt.gasUsed;
      assert.equal(await registry.count(1n), 2n);
      assert.equal(await registry.isMember(1n, second.publicSignals[0]), true);
    });

    it("second registry rejects first's proofs", async function () {
      const other = (await deployRegistry(owner, { verifierAddress })).registry;
      await (await (other.connect(creator) as Contract).createSegment(segmentHash(), "", 0, NOON + DAY)).wait();
      await expectRevert(staticSubmit(1n, second, other), "IssuerNotTrusted", [issuer.keyHash]);
      await (await other.trustIssuer(issuer.keyHash)).wait();
      const expected = (await other.scopeOf(1n)) as bigint;
      assert.notEqual(expected, scope);
      await expectRevert(staticSubmit(1n, second, other), "ScopeMismatch", [1n, expected, scope]);
    });
  });

  describe("gas", function () {
    it("submit stays below 300,000 gas", function () {
      assert.ok(gas.firstMember, "the first-member submit test did not run");
      assert.ok(gas.laterMember, "the later-member submit test did not run");
      assert.ok(gas.firstMember < 300_000n, `first member used ${gas.firstMember} gas`);
      assert.ok(gas.laterMember < 300_000n, `later member used ${gas.laterMember} gas`);
    });

    it("bare verifier needs true result", async function () {
      const probe = await deployContract("VerifierGasProbe", owner, [verifierAddress]);
      const { verifierGas, verifierCallGas } = await measureVerifierGas(probe, first);
      // ecMul 6 x 6,000 + ecAdd 6 x 150 + pairing 45,000 + 4 x 34,000 (EIP-1108 prices).
      const precompileGas = 217_900n;
      assert.ok(verifierCallGas > precompileGas, `verifyProof call used ${verifierCallGas} gas`);
      assert.ok(verifierGas > verifierCallGas + 21_000n, `estimate ${verifierGas} lacks the call's cost`);
      await expectRevert(
        probe.verifyOrRevert.staticCall(second.pA, first.pB, first.pC, first.publicSignals),
        "ProofRejected",
      );
    });

    it("Semaphore verifier runs its pairing", async function () {
      const semaphoreGas = await measureSemaphoreGas(owner, first);
      // Four signals: ecMul 4 x 6,000 + ecAdd 4 x 150 + the same four-pair pairing.
      assert.ok(semaphoreGas > 24_600n + 181_000n, `Semaphore verifyProof used ${semaphoreGas} gas`);
    });
  });

  describe("CivilDate", function () {
    it("matches Date.UTC day numbers", async function () {
      const probe = await deployContract("VerifierGasProbe", owner, [verifierAddress]);
      const valid = [19700101, 19700301, 20000229, 20240229, 20231231, 21000301, 24000229, 20300615, 99991231];
      for (const date of valid) {
        const expected =
          Date.UTC(Math.floor(date / 10000), (Math.floor(date / 100) % 100) - 1, date % 100) / 1000 / DAY;
        const [ok, day] = await probe.daysFromDateNumber(date);
        assert.equal(ok, true, `${date} should be valid`);
        assert.equal(day, BigInt(expected), `day number of ${date}`);
      }
    });

    it("rejects impossible dates", async function () {
      const probe = await deployContract("VerifierGasProbe", owner, [verifierAddress]);
      const invalid = [0, 19691231, 20230229, 21000229, 20240230, 20230431, 20231301, 20230001, 20230100, 100000101];
      for (const date of invalid) {
        const [ok, day] = await probe.daysFromDateNumber(date);
        assert.equal(ok, false, `${date} should be invalid`);
        assert.equal(day, 0n);
      }
    });
  });

  describe("deploy main", function () {
    const deployerKey = HDNodeWallet.fromPhrase(ANVIL_MNEMONIC, undefined, "m/44'/60'/0'/0/3").privateKey;

    it("deploys and prints addresses", async function () {
      const printed: string[] = [];
      const log = console.log;
      console.log = (line: string) => printed.push(line);
      try {
        assert.equal(await main(["--rpc", anvil.rpcUrl, "--private-key", deployerKey]), 0);
      } finally {
        console.log = log;
      }
      const registryLine = printed.find((line) => line.startsWith("SegmentRegistry"));
      assert.ok(registryLine, `no registry address in: ${printed.join(" | ")}`);
      const deployed = registryAt(registryLine.split(/\s+/)[1], provider);
      assert.equal(await deployed.owner(), new Wallet(deployerKey).address);
      assert.equal(await deployed.segmentCount(), 0n);
    });

    it("rejects missing rpc", async function () {
      const error = console.error;
      const printed: string[] = [];
      console.error = (line: string) => printed.push(line);
      try {
        assert.equal(await main(["--private-key", deployerKey]), 2);
      } finally {
        console.error = error;
      }
      assert.match(printed.join("\n"), /missing --rpc/);
    });
  });

  describe("clock", function () {
    it("proof date accepted until day end", async function () {
      await mineAt(MIDNIGHT + 2 * DAY - 1);
      // The date check passed, so the next check (the nullifier) rejects.
      await expectRevert(staticSubmit(1n, first), "NullifierAlreadyUsed", [1n, first.publicSignals[0]]);
    });

    it("stale date rejects", async function () {
      await mineAt(MIDNIGHT + 2 * DAY);
      await expectRevert(staticSubmit(1n, first), "ProofDateOutOfRange", [BigInt(DATE), BigInt(MIDNIGHT + 2 * DAY)]);
    });

    it("future proof accepted on its date", async function () {
      await mineAt(NOON + 2 * DAY);
      await (await submit(1n, future)).wait();
      assert.equal(await registry.count(1n), 3n);
    });

    it("expired segment rejects", async function () {
      const now = Number(await latestTimestamp());
      const segmentId = await createSegment(segmentHash(), 0, now + 60);
      await mineAt(now + 61);
      await expectRevert(staticSubmit(segmentId, future), "SegmentNotInValidityWindow", [
        segmentId,
        0n,
        BigInt(now + 60),
        BigInt(now + 61),
      ]);
    });
  });
});
