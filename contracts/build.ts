// Compiles the registry, the generated verifier and the test-only gas probes
// with solc-js (standard JSON, optimizer on) into contracts/out/<Contract>.json.
// contracts/out/ is not committed: loadArtifact() recompiles whenever a source
// file changed since the last build, so a fresh clone deploys without a manual step.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import solc from "solc";
import { REPO_ROOT } from "../circuits/setup/paths.js";
import { checkGeneratedVerifier } from "./verifier-check.js";

export const OUT_DIR = path.join(REPO_ROOT, "contracts/out");
const BUILD_INFO = path.join(OUT_DIR, "build-info.json");

/** Root source files, relative to the repository root. */
const SOURCES = [
  "contracts/src/SegmentRegistry.sol",
  "contracts/generated/Groth16Verifier.sol",
  "contracts/test/VerifierGasProbe.sol",
  "contracts/test/SemaphoreGasProbe.sol",
];

/** Contracts written to contracts/out/, by name. */
export const CONTRACT_NAMES = [
  "SegmentRegistry",
  "Groth16Verifier",
  "VerifierGasProbe",
  "SemaphoreVerifier",
  "SemaphoreGasProbe",
] as const;
export type ContractName = (typeof CONTRACT_NAMES)[number];

/** Compiler settings. Cancun keeps the bytecode deployable on chains that lack Prague or Osaka opcodes. */
const SETTINGS = {
  optimizer: { enabled: true, runs: 10_000 },
  evmVersion: "cancun",
  outputSelection: { "*": { "*": ["abi", "evm.bytecode.object", "evm.deployedBytecode.object"] } },
};

/** ABI and creation bytecode of one compiled contract. */
export interface ContractArtifact {
  contractName: string;
  sourceName: string;
  solcVersion: string;
  abi: unknown[];
  bytecode: string;
  deployedBytecode: string;
}

interface BuildInfo {
  solcVersion: string;
  settings: typeof SETTINGS;
  /** sha256 of every source file the compiler read, imports included. */
  sourceHashes: Record<string, string>;
}

interface SolcOutput {
  errors?: { severity: string; formattedMessage: string }[];
  contracts: Record<
    string,
    Record<string, { abi: unknown[]; evm: { bytecode: { object: string }; deployedBytecode: { object: string } } }>
  >;
}

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** Maps a source unit name to a file: repo-relative paths first, then node_modules packages. */
function resolveSource(unitName: string): string {
  const local = path.join(REPO_ROOT, unitName);
  if (existsSync(local)) return local;
  return path.join(REPO_ROOT, "node_modules", unitName);
}

/** Compiles every contract and writes contracts/out/. Returns the artifacts by name. */
export function buildContracts(): Record<ContractName, ContractArtifact> {
  checkGeneratedVerifier();
  const sourceHashes: Record<string, string> = {};
  const sources: Record<string, { content: string }> = {};
  for (const name of SOURCES) {
    const content = readFileSync(resolveSource(name), "utf8");
    sources[name] = { content };
    sourceHashes[name] = sha256(content);
  }
  const findImports = (unitName: string) => {
    const file = resolveSource(unitName);
    if (!existsSync(file)) return { error: `import ${unitName} not found in the repository or node_modules` };
    const contents = readFileSync(file, "utf8");
    sourceHashes[unitName] = sha256(contents);
    return { contents };
  };

  const input = { language: "Solidity", sources, settings: SETTINGS };
  const output = JSON.parse(solc.compile(JSON.stringify(input), { import: findImports })) as SolcOutput;
  const errors = (output.errors ?? []).filter((entry) => entry.severity === "error");
  if (errors.length > 0) {
    throw new Error(`solc ${solc.version()} failed:\n${errors.map((entry) => entry.formattedMessage).join("\n")}`);
  }

  mkdirSync(OUT_DIR, { recursive: true });
  const artifacts = {} as Record<ContractName, ContractArtifact>;
  for (const [sourceName, contracts] of Object.entries(output.contracts)) {
    for (const [contractName, compiled] of Object.entries(contracts)) {
      if (!(CONTRACT_NAMES as readonly string[]).includes(contractName)) continue;
      const artifact: ContractArtifact = {
        contractName,
        sourceName,
        solcVersion: solc.version(),
        abi: compiled.abi,
        bytecode: `0x${compiled.evm.bytecode.object}`,
        deployedBytecode: `0x${compiled.evm.deployedBytecode.object}`,
      };
      artifacts[contractName as ContractName] = artifact;
      writeFileSync(path.join(OUT_DIR, `${contractName}.json`), `${JSON.stringify(artifact, null, 2)}\n`);
    }
  }
  const info: BuildInfo = { solcVersion: solc.version(), settings: SETTINGS, sourceHashes };
  writeFileSync(BUILD_INFO, `${JSON.stringify(info, null, 2)}\n`);
  return artifacts;
}

/** Tells whether contracts/out/ was built by this solc from the current sources. */
export function isBuildCurrent(): boolean {
  if (!existsSync(BUILD_INFO)) return false;
  const info = JSON.parse(readFileSync(BUILD_INFO, "utf8")) as BuildInfo;
  if (info.solcVersion !== solc.version() || JSON.stringify(info.settings) !== JSON.stringify(SETTINGS)) return false;
  if (!CONTRACT_NAMES.every((name) => existsSync(path.join(OUT_DIR, `${name}.json`)))) return false;
  if (!SOURCES.every((name) => name in info.sourceHashes)) return false;
  return Object.entries(info.sourceHashes).every(([unitName, hash]) => {
    const file = resolveSource(unitName);
    return existsSync(file) && sha256(readFileSync(file, "utf8")) === hash;
  });
}

/** Returns a compiled contract, compiling first when contracts/out/ is missing or stale. */
export function loadArtifact(name: ContractName): ContractArtifact {
  if (!isBuildCurrent()) return buildContracts()[name];
  return JSON.parse(readFileSync(path.join(OUT_DIR, `${name}.json`), "utf8")) as ContractArtifact;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const artifacts = buildContracts();
  for (const artifact of Object.values(artifacts)) {
    const size = (artifact.deployedBytecode.length - 2) / 2;
    console.log(`${artifact.contractName}: ${size} bytes deployed code -> contracts/out/${artifact.contractName}.json`);
  }
}
