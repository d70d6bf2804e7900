// Compiles the anchor circuits with the same circom2 and flags as zkseg, and runs the Semaphore
// phase 2 on zkseg's committed Powers of Tau, cached under build/bench/.
import { execFile } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { createRequire } from "node:module";
import { access, mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import * as snarkjs from "snarkjs";
import { runPhase2 } from "../../circuits/setup/ceremony.js";
import { CIRCOM_FLAGS } from "../../circuits/setup/compile.js";
import { ARTIFACTS, BUILD_DIR, CIRCOMLIB_DIR, REPO_ROOT } from "../../circuits/setup/paths.js";

const run = promisify(execFile);
const require = createRequire(import.meta.url);

export const BENCH_BUILD_DIR = path.join(BUILD_DIR, "bench");
const SOURCE_DIR = path.join(REPO_ROOT, "bench/semaphore");
const ZK_KIT_DIR = path.join(REPO_ROOT, "node_modules/@zk-kit/circuits/circom");

export interface CompiledAnchor {
  name: string;
  r1csPath: string;
  wasmPath: string;
  constraints: number;
}

/** Compiles bench/semaphore/<name>.circom into build/bench/<name>/ (cached) and reads the constraint count. */
export async function compileAnchor(name: string): Promise<CompiledAnchor> {
  const out = path.join(BENCH_BUILD_DIR, name);
  const r1csPath = path.join(out, `${name}.r1cs`);
  const compiled = {
    name,
    r1csPath,
    wasmPath: path.join(out, `${name}_js`, `${name}.wasm`),
    constraints: 0,
  };
  // Skip the compiler when the sources, the include libraries and circom2 are unchanged since the last build.
  const stampPath = path.join(out, "inputs.sha256");
  const stamp = await sourceStamp();
  if ((await readFile(stampPath, "utf8").catch(() => "")) !== stamp) {
    await runCompiler(name, out);
    await writeFile(stampPath, stamp);
  }
  compiled.constraints = Number((await snarkjs.r1cs.info(r1csPath)).nConstraints);
  return compiled;
}

/** Hashes the anchor sources and the versions of circom2, circomlib and @zk-kit/circuits. */
async function sourceStamp(): Promise<string> {
  const hash = createHash("sha256");
  for (const file of (await readdir(SOURCE_DIR)).filter((name) => name.endsWith(".circom")).sort()) {
    hash.update(file).update(await readFile(path.join(SOURCE_DIR, file)));
  }
  for (const pkg of ["circom2", "circomlib", "@zk-kit/circuits"]) {
    hash.update(await readFile(path.join(REPO_ROOT, "node_modules", pkg, "package.json")));
  }
  return hash.digest("hex");
}

async function runCompiler(name: string, out: string): Promise<void> {
  await mkdir(out, { recursive: true });
  // circom2 runs under WASI and can access only the working directory, so every path is repo-relative.
  const relative = (p: string) => path.relative(REPO_ROOT, p);
  const args = [
    require.resolve("circom2/cli.js"),
    relative(path.join(SOURCE_DIR, `${name}.circom`)),
    ...CIRCOM_FLAGS,
    "-l",
    relative(CIRCOMLIB_DIR),
    "-l",
    relative(ZK_KIT_DIR),
    "-o",
    relative(out),
  ];
  await run(process.execPath, args, { cwd: REPO_ROOT, maxBuffer: 64 * 1024 * 1024 }).catch(
    (error: Error & { stderr?: string }) => {
      throw new Error(`circom2 failed to compile bench/semaphore/${name}.circom: ${error.stderr ?? error.message}`);
    },
  );
}

async function sha256(file: string): Promise<string> {
  return createHash("sha256")
    .update(await readFile(file))
    .digest("hex");
}

/**
 * Returns a Groth16 proving key for the circuit, reusing build/bench/<name>.zkey when the r1cs and
 * the ptau are unchanged since it was made. One random contribution and a beacon: a benchmark key,
 * never meant to secure anything.
 */
export async function anchorZkey(circuit: CompiledAnchor, log: (line: string) => void): Promise<string> {
  const zkeyPath = path.join(BENCH_BUILD_DIR, `${circuit.name}.zkey`);
  const stampPath = `${zkeyPath}.inputs`;
  const stamp = `${await sha256(circuit.r1csPath)} ${await sha256(ARTIFACTS.ptau)}`;
  const cached = await readFile(stampPath, "utf8").catch(() => "");
  if (
    cached === stamp &&
    (await access(zkeyPath).then(
      () => true,
      () => false,
    ))
  )
    return zkeyPath;
  const workDir = path.join(BENCH_BUILD_DIR, `${circuit.name}-phase2`);
  await mkdir(workDir, { recursive: true });
  await runPhase2({
    r1csPath: circuit.r1csPath,
    ptauPath: ARTIFACTS.ptau,
    workDir,
    outZkey: zkeyPath,
    contributions: 1,
    beacon: randomBytes(32).toString("hex"),
    progress: (line) => log(`  ${circuit.name} setup: ${line}`),
  });
  await rm(workDir, { recursive: true, force: true });
  await writeFile(stampPath, stamp);
  return zkeyPath;
}
