// Shared state of one benchmark run: options, recorded figures, report rows.
import type { ProofPackage } from "../prover/src/index.js";
import type { MachineInfo } from "./machine.js";

/** Numeric keys that bench/results.json always contains (null when not measured). */
export const REQUIRED_KEYS = [
  "constraints",
  "semaphoreConstraints",
  "proveMsNodeMedian",
  "semaphoreProveMsNodeMedian",
  "proveMsBrowserMedian",
  "verifyMsSnarkjsMedian",
  "serviceProofsPerSecond",
  "serviceP99Ms",
  "submitGas",
  "verifierGas",
  "countQueryMsAt1e6",
  "zkeyBytes",
  "wasmBytes",
] as const;

export type RequiredKey = (typeof REQUIRED_KEYS)[number];

export interface BenchOptions {
  quick: boolean;
  log: (line: string) => void;
}

/** One line of a report table; the anchor is the figure measured for comparison in the same run. */
export interface ReportRow {
  figure: string;
  zkseg: string;
  anchor?: string;
  ratio?: number | null;
  target?: string;
}

export interface ReportSection {
  title: string;
  rows: ReportRow[];
  notes: string[];
}

/** Artifacts that one section produces and a later one reuses. */
export interface SharedArtifacts {
  semaphore?: { wasmPath: string; zkeyPath: string };
  zksegProof?: ProofPackage;
}

export interface BenchResults {
  machine: MachineInfo;
  mode: "full" | "quick";
  /** Wall-clock time of the whole run. */
  durationSeconds: number;
  values: Record<string, number | null>;
  notMeasured: Record<string, string>;
  sections: ReportSection[];
}

/** Collects figures as sections run; a section that fails leaves its keys null with the reason. */
export class Recorder {
  readonly values: Record<string, number | null> = {};
  readonly notMeasured: Record<string, string> = {};
  readonly sections: ReportSection[] = [];
  readonly shared: SharedArtifacts = {};

  constructor(readonly options: BenchOptions) {}

  set(key: string, value: number | null): void {
    this.values[key] = value;
    if (value !== null) delete this.notMeasured[key];
  }

  /** Records a figure as missing; the report prints "not measured: <reason>" for it. */
  missing(key: string, reason: string): void {
    this.values[key] = null;
    this.notMeasured[key] = reason;
  }

  section(title: string): ReportSection {
    const section: ReportSection = { title, rows: [], notes: [] };
    this.sections.push(section);
    return section;
  }
}

/** Formats a number for the report, or "not measured: <reason>" when it is missing. */
export function show(value: number | null | undefined, unit: string, reason = "see notes"): string {
  if (value === null || value === undefined) return `not measured: ${reason}`;
  const text = value.toLocaleString("en-US", { maximumFractionDigits: Math.abs(value) < 10 ? 2 : 1 });
  return unit ? `${text} ${unit}` : text;
}
