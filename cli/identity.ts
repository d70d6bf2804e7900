// `zkseg identity create`: a new holder identity and its commitment.
import { parseArgs } from "node:util";
import { writeFile } from "node:fs/promises";
import { createIdentity, exportIdentity, holderCommitment } from "../prover/src/identity.js";

const USAGE = `usage: zkseg identity create --out FILE

  --out FILE   where to write the identity (mode 0600); it is the holder's secret
Prints the holder commitment, which the issuer needs to issue a credential.`;

export async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { out: { type: "string" }, help: { type: "boolean", short: "h" } },
  });
  if (values.help || positionals[0] !== "create") {
    console.log(USAGE);
    if (!values.help) process.exitCode = 2;
    return;
  }
  if (!values.out) throw new Error(`missing --out: the identity is a secret and is written only to a file\n\n${USAGE}`);
  const identity = createIdentity();
  await writeFile(values.out, `${exportIdentity(identity)}\n`, { mode: 0o600, flag: "wx" });
  console.log(`identity written to ${values.out}`);
  console.log(`holder commitment: ${await holderCommitment(identity)}`);
}
