// `zkseg verify`: checks a proof package the way the service does, locally.
import { parseArgs } from "node:util";
import { verifyProofPackage } from "../prover/src/verify.js";
import { compileSegment } from "../prover/src/segment/compile.js";
import { issuerKeyHash } from "../prover/src/issuer.js";
import { toDateNumber } from "../prover/src/dates.js";
import { fetchSegment, parseDateOption, readJson, registerSchemaFile, requireOption } from "./io.js";

const USAGE = `usage: zkseg verify --package FILE --segment URL
       zkseg verify --package FILE --definition TEXT --scope N --issuer AX,AY [--schema retail@1]

  --segment URL       take definition, scope and trusted issuers from the verifier service
  --issuer AX,AY      a trusted issuer public key (repeatable)
  --schema-file FILE  JSON definition of a custom credential schema
  --date YYYYMMDD     the accepted proof date (default today or yesterday, UTC)
Exit code 0 when the package verifies, 1 otherwise.`;

export async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      package: { type: "string" },
      segment: { type: "string" },
      definition: { type: "string" },
      scope: { type: "string" },
      issuer: { type: "string", multiple: true },
      schema: { type: "string", default: "retail@1" },
      "schema-file": { type: "string" },
      date: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  await registerSchemaFile(values["schema-file"]);
  const pkg = await readJson(requireOption(values.package, "--package", USAGE), "--package");
  let expected;
  if (values.segment) {
    const segment = await fetchSegment(values.segment);
    expected = {
      segmentHash: segment.segmentHash,
      scope: segment.scope,
      trustedIssuerKeyHashes: segment.trustedIssuers.map((issuer) => issuer.keyHash),
      segmentId: segment.id,
    };
  } else {
    const compiled = await compileSegment(requireOption(values.definition, "--definition", USAGE), values.schema);
    const issuers = requireOption(values.issuer, "--issuer", USAGE);
    expected = {
      segmentHash: compiled.segmentHash,
      scope: requireOption(values.scope, "--scope", USAGE),
      trustedIssuerKeyHashes: await Promise.all(issuers.map((key) => issuerKeyHash(key.split(",")))),
    };
  }
  const today = toDateNumber(new Date());
  const yesterday = toDateNumber(new Date(Date.now() - 86_400_000));
  const acceptedDate = values.date ? parseDateOption(values.date, "--date") : undefined;
  const dateWindow = acceptedDate
    ? { earliest: acceptedDate, latest: acceptedDate }
    : { earliest: yesterday, latest: today };
  const result = await verifyProofPackage(pkg, { ...expected, dateWindow });
  if (result.ok) {
    console.log(`valid: nullifier ${result.nullifier}`);
  } else {
    console.log(`invalid (${result.reason}): ${result.message}`);
    process.exitCode = 1;
  }
}
