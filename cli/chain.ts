// `zkseg chain deploy`: deploys the verifier and the registry to a JSON-RPC endpoint.
import { main as deploy } from "../contracts/deploy.js";

export async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (command !== "deploy") {
    console.log("usage: zkseg chain deploy --rpc URL [--private-key 0x...] [--owner 0x...] [--verifier 0x...]");
    if (command !== "--help" && command !== "-h") process.exitCode = 2;
    return;
  }
  process.exitCode = await deploy(rest);
}
