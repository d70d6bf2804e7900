// `zkseg issuer keygen | issue | issue-csv`: the issuer's side.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { exportIssuerKey, generateIssuerKey, importIssuerKey, issuerKeyHash } from "../prover/src/issuer.js";
import { issueCredential } from "../prover/src/credential.js";
import { createIdentity, exportIdentity, holderCommitment } from "../prover/src/identity.js";
import { mapCsv, parseMapping } from "../prover/src/csv/mapping.js";
import { toDateNumber } from "../prover/src/dates.js";
import { parseDateOption, readJson, readText, requireOption, writeJson } from "./io.js";

const USAGE = `usage:
  zkseg issuer keygen --out FILE
  zkseg issuer issue --key FILE --holder-commitment N --attributes FILE [--schema retail@1] [--expires YYYYMMDD] [--out FILE]
  zkseg issuer issue-csv --key FILE --csv FILE --mapping FILE --out-dir DIR [--holder-column NAME] [--limit N] [--expires YYYYMMDD]

  keygen            new BabyJubJub key; writes the private key (mode 0600), prints the public key and its hash
  issue             sign one credential; --attributes is a JSON object of attribute name to value
  issue-csv         sign a credential per CSV row, mapped by --mapping (see data/*.mapping.json).
                    Each row's holder commitment comes from --holder-column; without it, a new
                    identity is created per row and written next to its credential (for testing:
                    the issuer then knows the holder's secret)
  --expires         last valid day (default one year from today)`;

function defaultExpiry(): number {
  return toDateNumber(new Date(Date.now() + 365 * 86_400_000));
}

/** Parses --expires: a YYYYMMDD day that has not passed, because an expired credential can never prove. */
function parseExpiry(text: string): number {
  const expiresAt = parseDateOption(text, "--expires");
  const today = toDateNumber(new Date());
  if (expiresAt < today) {
    throw new Error(
      `invalid --expires ${expiresAt}: it is before today (${today}), so the credential could never be used`,
    );
  }
  return expiresAt;
}

async function loadKey(file: string) {
  return importIssuerKey((await readText(file, "--key")).trim());
}

export async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      out: { type: "string" },
      key: { type: "string" },
      "holder-commitment": { type: "string" },
      attributes: { type: "string" },
      schema: { type: "string", default: "retail@1" },
      expires: { type: "string" },
      csv: { type: "string" },
      mapping: { type: "string" },
      "out-dir": { type: "string" },
      "holder-column": { type: "string" },
      limit: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  const command = positionals[0];
  if (values.help || !command) {
    console.log(USAGE);
    if (!values.help) process.exitCode = 2;
    return;
  }
  const expiresAt = values.expires ? parseExpiry(values.expires) : defaultExpiry();

  if (command === "keygen") {
    const out = requireOption(values.out, "--out", USAGE);
    const key = await generateIssuerKey();
    await writeFile(out, `${exportIssuerKey(key)}\n`, { mode: 0o600, flag: "wx" });
    console.log(`private key written to ${out}`);
    console.log(`public key: ["${key.publicKey[0]}", "${key.publicKey[1]}"]`);
    console.log(`issuer key hash: ${await issuerKeyHash(key.publicKey)}`);
  } else if (command === "issue") {
    const key = await loadKey(requireOption(values.key, "--key", USAGE));
    const attributes = (await readJson(
      requireOption(values.attributes, "--attributes", USAGE),
      "--attributes",
    )) as Record<string, string | number>;
    const commitment = requireOption(values["holder-commitment"], "--holder-commitment", USAGE);
    const credential = await issueCredential(key, commitment, attributes, { schema: values.schema, expiresAt });
    await writeJson(values.out, credential);
    if (values.out) console.error(`credential written to ${values.out} (expires ${expiresAt})`);
  } else if (command === "issue-csv") {
    const key = await loadKey(requireOption(values.key, "--key", USAGE));
    const mapping = parseMapping(await readJson(requireOption(values.mapping, "--mapping", USAGE), "--mapping"));
    const outDir = requireOption(values["out-dir"], "--out-dir", USAGE);
    const limit = values.limit ? Number(values.limit) : Infinity;
    const rows = mapCsv(await readFile(requireOption(values.csv, "--csv", USAGE), "utf8"), mapping, new Date(), limit);
    const schema = `${mapping.schema.name}@${mapping.schema.version}`;
    await mkdir(outDir, { recursive: true });
    for (const row of rows) {
      const column = values["holder-column"];
      let commitment: string | bigint;
      if (column) {
        if (!(column in row.raw)) throw new Error(`--holder-column "${column}" is not a column of the CSV`);
        commitment = row.raw[column];
      } else {
        const identity = createIdentity();
        commitment = await holderCommitment(identity);
        await writeFile(path.join(outDir, `${row.id}.identity`), `${exportIdentity(identity)}\n`, { mode: 0o600 });
      }
      const credential = await issueCredential(key, commitment, row.attributes, { schema, expiresAt });
      await writeJson(path.join(outDir, `${row.id}.credential.json`), credential);
    }
    console.log(`issued ${rows.length} credentials under ${schema} into ${outDir}`);
  } else {
    throw new Error(`unknown issuer command "${command}"\n\n${USAGE}`);
  }
}
