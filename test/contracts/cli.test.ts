// `zkseg chain trust-issuer` against a real anvil chain.
import assert from "node:assert/strict";
import { HDNodeWallet, JsonRpcProvider } from "ethers";
import { startAnvil, type AnvilInstance } from "../../contracts/anvil.js";
import { deployRegistry, registryAt } from "../../contracts/deploy.js";
import { main as chain } from "../../cli/chain.js";
import { generateIssuerKey, issuerKeyHash } from "../../prover/src/issuer.js";
import { SNARK_SCALAR_FIELD } from "../../prover/src/field.js";

const ANVIL_MNEMONIC = "test test test test test test test test test test test junk";

describe("zkseg chain trust-issuer", function () {
  let anvil: AnvilInstance;
  let provider: JsonRpcProvider;
  let registryAddress: string;
  let ownerKey: string;

  before(async function () {
    anvil = await startAnvil();
    provider = new JsonRpcProvider(anvil.rpcUrl);
    // anvil's first unlocked account deploys, so the CLI below signs as the registry's owner.
    ownerKey = HDNodeWallet.fromPhrase(ANVIL_MNEMONIC, undefined, "m/44'/60'/0'/0/0").privateKey;
    ({ registryAddress } = await deployRegistry(await provider.getSigner(0)));
  });

  after(async function () {
    provider?.destroy();
    await anvil?.stop();
  });

  it("trusts a valid issuer key", async function () {
    const key = await generateIssuerKey();
    const keyArgument = `${key.publicKey[0]},${key.publicKey[1]}`;
    await chain([
      "trust-issuer",
      "--rpc",
      anvil.rpcUrl,
      "--registry",
      registryAddress,
      "--key",
      keyArgument,
      "--private-key",
      ownerKey,
    ]);
    const registry = registryAt(registryAddress, provider);
    assert.equal(await registry.isIssuerTrusted(await issuerKeyHash(key.publicKey)), true);
  });

  it("rejects the order-2 point before sending", async function () {
    const orderTwo = `0,${SNARK_SCALAR_FIELD - 1n}`;
    await assert.rejects(
      chain([
        "trust-issuer",
        "--rpc",
        anvil.rpcUrl,
        "--registry",
        registryAddress,
        "--key",
        orderTwo,
        "--private-key",
        ownerKey,
      ]),
      { field: "--key", message: /outside the prime-order subgroup/ },
    );
  });

  it("names the missing options", async function () {
    await assert.rejects(
      chain(["trust-issuer", "--rpc", anvil.rpcUrl]),
      /missing --rpc, --registry, --key or --private-key/,
    );
  });
});
