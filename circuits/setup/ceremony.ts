// Groth16 trusted setup: a local Powers of Tau (phase 1) and the circuit's
// phase 2, each with several contributions and a final random beacon.
import { randomBytes, createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import * as snarkjs from "snarkjs";

/** Progress sink: one line per step, so a long ceremony shows where it is. */
export type Progress = (message: string) => void;

export interface TranscriptEntry {
  step: string;
  file: string;
  sha256: string;
}

// snarkjs logs through a logger object; only its warnings and errors matter here.
function snarkjsLogger(progress: Progress) {
  return {
    debug: () => undefined,
    info: () => undefined,
    warn: (message: string) => progress(`snarkjs warning: ${message}`),
    error: (message: string) => progress(`snarkjs error: ${message}`),
  };
}

async function sha256File(file: string): Promise<string> {
  return createHash("sha256")
    .update(await readFile(file))
    .digest("hex");
}

async function timed<T>(progress: Progress, step: string, action: () => Promise<T>): Promise<T> {
  const started = Date.now();
  progress(`${step} ...`);
  const result = await action();
  progress(`${step} done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return result;
}

/** Fresh contribution entropy from the OS CSPRNG; it is never stored. */
function entropy(): string {
  return randomBytes(32).toString("hex");
}

/**
 * Runs phase 1 from scratch: a new accumulator of 2^power, `contributions`
 * random contributions, a beacon, and `prepare phase2`.
 * Returns the prepared .ptau path and the transcript of intermediate hashes.
 */
export async function runPowersOfTau(options: {
  power: number;
  workDir: string;
  outPtau: string;
  contributions: number;
  beacon: string;
  progress: Progress;
}): Promise<TranscriptEntry[]> {
  const { power, workDir, outPtau, contributions, beacon, progress } = options;
  const logger = snarkjsLogger(progress);
  const transcript: TranscriptEntry[] = [];
  const curve = await snarkjs.curves.getCurveFromName("bn128");
  let current = path.join(workDir, "pot_0000.ptau");
  await timed(progress, `powersoftau new bn128 ${power}`, () =>
    snarkjs.powersOfTau.newAccumulator(curve, power, current, logger),
  );
  for (let i = 1; i <= contributions; i++) {
    const next = path.join(workDir, `pot_${String(i).padStart(4, "0")}.ptau`);
    await timed(progress, `powersoftau contribute #${i}`, () =>
      snarkjs.powersOfTau.contribute(current, next, `zkseg contributor ${i}`, entropy(), logger),
    );
    transcript.push({ step: `phase1 contribution ${i}`, file: path.basename(next), sha256: await sha256File(next) });
    current = next;
  }
  const beaconed = path.join(workDir, "pot_beacon.ptau");
  await timed(progress, "powersoftau beacon", () =>
    snarkjs.powersOfTau.beacon(current, beaconed, "zkseg phase 1 beacon", beacon, 10, logger),
  );
  transcript.push({ step: "phase1 beacon", file: path.basename(beaconed), sha256: await sha256File(beaconed) });
  await timed(progress, "powersoftau prepare phase2 (the slowest step)", () =>
    snarkjs.powersOfTau.preparePhase2(beaconed, outPtau, logger),
  );
  transcript.push({ step: "phase1 prepared", file: path.basename(outPtau), sha256: await sha256File(outPtau) });
  return transcript;
}

/**
 * Runs the circuit-specific phase 2 on a prepared .ptau: groth16 setup,
 * `contributions` random contributions and a beacon, then `zkey verify`.
 */
export async function runPhase2(options: {
  r1csPath: string;
  ptauPath: string;
  workDir: string;
  outZkey: string;
  contributions: number;
  beacon: string;
  progress: Progress;
}): Promise<TranscriptEntry[]> {
  const { r1csPath, ptauPath, workDir, outZkey, contributions, beacon, progress } = options;
  const logger = snarkjsLogger(progress);
  const transcript: TranscriptEntry[] = [];
  let current = path.join(workDir, "circuit_0000.zkey");
  await timed(progress, "groth16 setup", () => snarkjs.zKey.newZKey(r1csPath, ptauPath, current, logger));
  for (let i = 1; i <= contributions; i++) {
    const next = path.join(workDir, `circuit_${String(i).padStart(4, "0")}.zkey`);
    await contributePhase2(current, next, `zkseg contributor ${i}`, progress);
    transcript.push({ step: `phase2 contribution ${i}`, file: path.basename(next), sha256: await sha256File(next) });
    current = next;
  }
  await timed(progress, "zkey beacon", () =>
    snarkjs.zKey.beacon(current, outZkey, "zkseg phase 2 beacon", beacon, 10, logger),
  );
  transcript.push({ step: "phase2 beacon", file: path.basename(outZkey), sha256: await sha256File(outZkey) });
  await verifyZkey(r1csPath, ptauPath, outZkey, progress);
  return transcript;
}

/** Adds one phase 2 contribution with fresh entropy; returns its hash as printed by snarkjs. */
export async function contributePhase2(inZkey: string, outZkey: string, name: string, progress: Progress) {
  return timed(progress, `zkey contribute (${name})`, () =>
    snarkjs.zKey.contribute(inZkey, outZkey, name, entropy(), snarkjsLogger(progress)),
  );
}

/** Runs `snarkjs zkey verify`; throws when the zkey does not match the circuit and ptau. */
export async function verifyZkey(r1csPath: string, ptauPath: string, zkeyPath: string, progress: Progress) {
  const ok = await timed(progress, "zkey verify", () =>
    snarkjs.zKey.verifyFromR1cs(r1csPath, ptauPath, zkeyPath, snarkjsLogger(progress)),
  );
  if (!ok) {
    throw new Error(
      `zkey verification failed for ${zkeyPath}: it does not derive from ${r1csPath} and ${ptauPath}. ` +
        "Rerun `npm run setup`, or check the contribution that produced this file.",
    );
  }
}
