// `zkseg prove`: the customer's side, from the command line.
import { parseArgs } from "node:util";
import { importIdentity } from "../prover/src/identity.js";
import { prove } from "../prover/src/prove.js";
import { toDateNumber } from "../prover/src/dates.js";
import {
  fetchSegment,
  parseDateOption,
  readJson,
  readText,
  registerSchemaFile,
  requireOption,
  writeJson,
} from "./io.js";

const USAGE = `usage: zkseg prove --identity FILE --credential FILE --segment URL --handle HANDLE [--submit] [--out FILE]
       zkseg prove --identity FILE --credential FILE --definition TEXT --scope N --segment-id ID --handle HANDLE

  --segment URL       the segment's public URL at the verifier service (GET /v1/segments/:id)
  --definition TEXT   offline: the segment definition, with --scope and --segment-id from the verifier
  --schema-file FILE  JSON definition of a custom credential schema (built in: retail@1)
  --handle HANDLE     your targeting handle; the proof binds its hash
  --date YYYYMMDD     proof date (default today, UTC)
  --submit            POST the package to the service after proving (needs --segment)
  --out FILE          write the package here (default standard output)`;

export async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      identity: { type: "string" },
      credential: { type: "string" },
      segment: { type: "string" },
      definition: { type: "string" },
      scope: { type: "string" },
      "segment-id": { type: "string" },
      "schema-file": { type: "string" },
      handle: { type: "string" },
      date: { type: "string" },
      submit: { type: "boolean", default: false },
      out: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  await registerSchemaFile(values["schema-file"]);
  const identity = importIdentity(
    (await readText(requireOption(values.identity, "--identity", USAGE), "--identity")).trim(),
  );
  const credential = await readJson(requireOption(values.credential, "--credential", USAGE), "--credential");
  const segment = values.segment
    ? await fetchSegment(values.segment)
    : {
        id: requireOption(values["segment-id"], "--segment-id", USAGE),
        definition: requireOption(values.definition, "--definition", USAGE),
        scope: requireOption(values.scope, "--scope", USAGE),
      };
  const date = values.date ? parseDateOption(values.date, "--date") : toDateNumber(new Date());
  const pkg = await prove(identity, credential as never, segment.definition, {
    scope: segment.scope,
    signal: requireOption(values.handle, "--handle", USAGE),
    segmentId: segment.id,
    date,
    onProgress: (stage) => process.stderr.write(`${stage}...\n`),
  });
  await writeJson(values.out, pkg);
  if (values.submit) {
    if (!values.segment) throw new Error("--submit needs --segment URL to know where to send the proof");
    const response = await fetch(`${values.segment.replace(/\/$/, "")}/proofs`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(pkg),
    });
    console.error(`service responded HTTP ${response.status}: ${await response.text()}`);
    if (!response.ok) process.exitCode = 1;
  }
}
