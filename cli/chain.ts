// `zkseg chain deploy | trust-issuer`: the on-chain registry from the command line.
import { parseArgs } from "node:util";
import { JsonRpcProvider, Wallet } from "ethers";
import { main as deploy, registryAt } from "../contracts/deploy.js";
import { waitForReceipt } from "../contracts/receipts.js";
import { issuerKeyHash, requireIssuerPublicKey } from "../prover/src/issuer.js";

const USAGE = `usage:
  zkseg chain deploy --rpc URL [--private-key 0x...] [--owner 0x...] [--verifier 0x...]
  zkseg chain trust-issuer --rpc URL --registry 0x... --key AX,AY [--private-key 0x...]

  trust-issuer  checks that the key is a point of BabyJubJub's prime-order subgroup, then
                calls trustIssuer(Poseidon(Ax, Ay)) as the registry's owner. The registry stores
                only the hash, so this check is the one that keeps mixed-order keys out.
  --private-key defaults to the ZKSEG_DEPLOYER_KEY environment variable`;

async function trustIssuer(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      rpc: { type: "string" },
      registry: { type: "string" },
      key: { type: "string" },
      "private-key": { type: "string" },
    },
  });
  const privateKey = values["private-key"] ?? process.env.ZKSEG_DEPLOYER_KEY;
  if (!values.rpc || !values.registry || !values.key || !privateKey) {
    throw new Error(`missing --rpc, --registry, --key or --private-key\n\n${USAGE}`);
  }
  const publicKey = await requireIssuerPublicKey(values.key.split(","), "--key");
  const keyHash = await issuerKeyHash(publicKey);
  const provider = new JsonRpcProvider(values.rpc);
  try {
    const registry = registryAt(values.registry, new Wallet(privateKey, provider));
    const receipt = await waitForReceipt(await registry.trustIssuer(keyHash));
    console.log(`trusted issuer key hash ${keyHash} in transaction ${receipt.hash}`);
  } finally {
    provider.destroy();
  }
}

export async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (command === "deploy") process.exitCode = await deploy(rest);
  else if (command === "trust-issuer") await trustIssuer(rest);
  else {
    console.log(USAGE);
    if (command !== "--help" && command !== "-h") process.exitCode = 2;
  }
}
