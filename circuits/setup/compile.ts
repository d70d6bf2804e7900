// Compiles the segment circuit with the circom2 WebAssembly compiler.
import { execFile } from "node:child_process";
import { createRequire } from "node:module";
import { mkdir, mkdtemp } from "node:fs/promises";
import { promisify } from "node:util";
import path from "node:path";
import * as snarkjs from "snarkjs";
import { BUILD_DIR, CIRCOMLIB_DIR, CIRCUIT_NAME, CIRCUIT_SOURCE, REPO_ROOT } from "./paths.js";

const run = promisify(execFile);
const require = createRequire(import.meta.url);

/** Compiler flags; --O2 applies full linear simplification, which halves the constraint count. */
export const CIRCOM_FLAGS = ["--r1cs", "--wasm", "--sym", "--O2"] as const;

export interface CompiledCircuit {
  r1csPath: string;
  wasmPath: string;
  symPath: string;
  constraints: number;
  circomVersion: string;
}

/**
 * Compiles circuits/main/segment_membership.circom into a fresh folder under
 * build/ and reads the constraint count back.
 */
export async function compileCircuit(): Promise<CompiledCircuit> {
  // circom2 runs under WASI with the working directory as its only visible
  // file system, so the output folder must lie inside the repository.
  await mkdir(BUILD_DIR, { recursive: true });
  const out = await mkdtemp(path.join(BUILD_DIR, "circuit-"));
  const cli = require.resolve("circom2/cli.js");
  const relative = (p: string) => path.relative(REPO_ROOT, p);
  await run(
    process.execPath,
    [cli, relative(CIRCUIT_SOURCE), ...CIRCOM_FLAGS, "-l", relative(CIRCOMLIB_DIR), "-o", relative(out)],
    { cwd: REPO_ROOT, maxBuffer: 64 * 1024 * 1024 },
  ).catch((error: Error & { stderr?: string }) => {
    throw new Error(`circom2 failed to compile ${CIRCUIT_SOURCE}: ${error.stderr ?? error.message}`);
  });
  const { stdout } = await run(process.execPath, [cli, "--version"], { cwd: REPO_ROOT });
  const r1csPath = path.join(out, `${CIRCUIT_NAME}.r1cs`);
  const info = await snarkjs.r1cs.info(r1csPath);
  return {
    r1csPath,
    wasmPath: path.join(out, `${CIRCUIT_NAME}_js`, `${CIRCUIT_NAME}.wasm`),
    symPath: path.join(out, `${CIRCUIT_NAME}.sym`),
    constraints: Number(info.nConstraints),
    circomVersion: stdout.trim().split("\n").pop() ?? "unknown",
  };
}
