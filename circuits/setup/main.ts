// `npm run setup`: compile the circuit, run the trusted setup, export and
// hash the artifacts. Also `contribute` and `verify` for a multi-party phase 2.
import { copyFile, mkdir, mkdtemp, rename } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { compileCircuit, CIRCOM_FLAGS } from "./compile.js";
import { contributePhase2, runPhase2, runPowersOfTau, verifyZkey } from "./ceremony.js";
import { exportSolidityVerifier, exportVerificationKey } from "./exports.js";
import {
  describeArtifact,
  describeArtifacts,
  PUBLIC_SIGNALS,
  readManifest,
  snarkjsVersion,
  writeManifest,
} from "./manifest.js";
import { ARTIFACTS, ARTIFACTS_DIR, CIRCUIT_NAME, PTAU_POWER } from "./paths.js";
import { requireUsablePtau } from "./ptau.js";

const USAGE = `usage: zkseg setup [ceremony] [--ptau FILE] [--contributions N] [--beacon HEX]
       zkseg setup contribute --name NAME
       zkseg setup verify

  ceremony        compile, run phase 1 (or use --ptau) and phase 2, export artifacts (default)
  contribute      add one phase 2 contribution to the committed zkey and re-export
  verify          recompile and check the committed zkey against the r1cs and ptau

  --ptau FILE         prepared Powers of Tau from a public ceremony (2^${PTAU_POWER} or larger),
                      used instead of the local phase 1
  --contributions N   random contributions per phase (default 2, at least 1)
  --beacon HEX        beacon value, 64 hex digits (default: a fixed public string's sha256)
  --name NAME         contributor name recorded in the zkey`;

// The default beacon is sha256("zkseg local ceremony beacon"). A production
// ceremony should take a beacon that no party can predict.
const DEFAULT_BEACON = "75932e4057d4ca2cbe6f654072c9481a9103f93273cfaf7e962f645bebd22774";

const progress = (message: string) => console.log(`[setup ${new Date().toISOString().slice(11, 19)}] ${message}`);

async function ceremony(options: { ptau?: string; contributions: number; beacon: string }) {
  await mkdir(ARTIFACTS_DIR, { recursive: true });
  const workDir = await mkdtemp(path.join(os.tmpdir(), "zkseg-setup-"));
  progress(`working folder ${workDir}`);
  const compiled = await compileCircuit();
  progress(`compiled: ${compiled.constraints} constraints (${compiled.circomVersion}, ${CIRCOM_FLAGS.join(" ")})`);
  if (compiled.constraints + PUBLIC_SIGNALS.length + 1 > 2 ** PTAU_POWER) {
    throw new Error(
      `circuit has ${compiled.constraints} constraints, more than a 2^${PTAU_POWER} Powers of Tau supports; ` +
        "raise PTAU_POWER in circuits/setup/paths.ts",
    );
  }

  let transcript;
  let ptauSource: string;
  if (options.ptau) {
    const rows = compiled.constraints + PUBLIC_SIGNALS.length + 1;
    const info = await requireUsablePtau(options.ptau, rows);
    progress(`using ${options.ptau}: 2^${info.power} rows, prepared for phase 2`);
    await copyFile(options.ptau, ARTIFACTS.ptau);
    ptauSource = `external: ${path.basename(options.ptau)}`;
    transcript = [
      { step: "phase1 external", ...(await describeArtifact(ARTIFACTS.ptau)), file: path.basename(options.ptau) },
    ];
  } else {
    transcript = await runPowersOfTau({
      power: PTAU_POWER,
      workDir,
      outPtau: ARTIFACTS.ptau,
      contributions: options.contributions,
      beacon: options.beacon,
      progress,
    });
    ptauSource = `local ceremony, ${options.contributions} contributions and beacon ${options.beacon}`;
  }
  transcript.push(
    ...(await runPhase2({
      r1csPath: compiled.r1csPath,
      ptauPath: ARTIFACTS.ptau,
      workDir,
      outZkey: ARTIFACTS.zkey,
      contributions: options.contributions,
      beacon: options.beacon,
      progress,
    })),
  );
  await copyFile(compiled.wasmPath, ARTIFACTS.wasm);
  await exportAndRecord(
    compiled,
    ptauSource,
    transcript.map(({ step, file, sha256 }) => ({ step, file, sha256 })),
  );
}

async function exportAndRecord(
  compiled: Awaited<ReturnType<typeof compileCircuit>>,
  ptauSource: string,
  transcript: { step: string; file: string; sha256: string }[],
) {
  await exportVerificationKey();
  await exportSolidityVerifier();
  const r1cs = await describeArtifact(compiled.r1csPath);
  await writeManifest({
    circuit: CIRCUIT_NAME,
    publicSignals: PUBLIC_SIGNALS,
    constraints: compiled.constraints,
    ptauPower: PTAU_POWER,
    circomVersion: compiled.circomVersion,
    circomFlags: [...CIRCOM_FLAGS],
    snarkjsVersion: await snarkjsVersion(),
    r1csSha256: r1cs.sha256,
    artifacts: await describeArtifacts(),
    ptauSource,
    transcript,
  });
  progress(`wrote ${ARTIFACTS.manifest}`);
}

async function contribute(name: string) {
  const manifest = await readManifest();
  const workDir = await mkdtemp(path.join(os.tmpdir(), "zkseg-contribute-"));
  const compiled = await compileCircuit();
  if (compiled.constraints !== manifest.constraints) {
    throw new Error(
      `the circuit source changed (${compiled.constraints} constraints, the manifest lists ${manifest.constraints}); run a full setup instead`,
    );
  }
  const next = path.join(workDir, "contributed.zkey");
  await contributePhase2(ARTIFACTS.zkey, next, name, progress);
  await verifyZkey(compiled.r1csPath, ARTIFACTS.ptau, next, progress);
  await rename(next, ARTIFACTS.zkey).catch(() => copyFile(next, ARTIFACTS.zkey));
  const zkey = await describeArtifact(ARTIFACTS.zkey);
  await exportAndRecord(compiled, manifest.ptauSource, [
    ...manifest.transcript,
    { step: `phase2 contribution by ${name}`, file: path.basename(ARTIFACTS.zkey), sha256: zkey.sha256 },
  ]);
  progress("share the new zkey; the next contributor runs `zkseg setup contribute` on it");
}

async function verify() {
  const compiled = await compileCircuit();
  await verifyZkey(compiled.r1csPath, ARTIFACTS.ptau, ARTIFACTS.zkey, progress);
  progress("the committed zkey matches the circuit and the Powers of Tau");
}

export async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      ptau: { type: "string" },
      contributions: { type: "string", default: "2" },
      beacon: { type: "string", default: DEFAULT_BEACON },
      name: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const command = positionals[0] ?? "ceremony";
  const contributions = Number(values.contributions);
  if (!Number.isInteger(contributions) || contributions < 1) {
    throw new Error(`invalid --contributions "${values.contributions}": expected a whole number of at least 1`);
  }
  if (!/^[0-9a-fA-F]{64}$/.test(values.beacon)) {
    throw new Error(`invalid --beacon "${values.beacon}": expected 64 hex digits`);
  }
  if (command === "ceremony") await ceremony({ ptau: values.ptau, contributions, beacon: values.beacon });
  else if (command === "contribute") {
    if (!values.name) throw new Error("missing --name: give the contributor name to record in the zkey");
    await contribute(values.name);
  } else if (command === "verify") await verify();
  else throw new Error(`unknown setup command "${command}"\n${USAGE}`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main(process.argv.slice(2))
    .then(() => process.exit(0))
    .catch((error: Error) => {
      console.error(`setup failed: ${error.message}`);
      process.exit(1);
    });
}
