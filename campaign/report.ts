// The campaign's result table.

export interface SegmentResult {
  name: string;
  definition: string;
  groundTruth: number;
  verified: number | null;
  onChainSample: number;
  onChainVerified: number | null;
  rejected: number;
  replaysRejected: number;
  meanProveMs: number | null;
}

const COLUMNS: [string, (result: SegmentResult) => string][] = [
  ["segment", (r) => r.name],
  ["ground truth", (r) => String(r.groundTruth)],
  ["verified (service)", (r) => (r.verified === null ? "n/a" : String(r.verified))],
  ["on chain / sample", (r) => `${r.onChainVerified ?? "n/a"} / ${r.onChainSample}`],
  ["rejected", (r) => String(r.rejected)],
  ["replays rejected", (r) => String(r.replaysRejected)],
  ["mean prove ms", (r) => (r.meanProveMs === null ? "-" : r.meanProveMs.toFixed(0))],
  ["match", (r) => (r.verified === r.groundTruth ? "yes" : "NO")],
];

/** Formats the results as a fixed-width text table with the definitions listed below it. */
export function formatResults(results: SegmentResult[]): string {
  const cells = results.map((result) => COLUMNS.map(([, cell]) => cell(result)));
  const widths = COLUMNS.map(([title], i) => Math.max(title.length, ...cells.map((row) => row[i].length)));
  const line = (values: string[]) =>
    values
      .map((value, i) => value.padEnd(widths[i]))
      .join("  ")
      .trimEnd();
  const rule = widths.map((width) => "-".repeat(width)).join("  ");
  const definitions = results.map((result) => `  ${result.name}: ${result.definition}`);
  return [line(COLUMNS.map(([title]) => title)), rule, ...cells.map(line), "", "Definitions:", ...definitions].join(
    "\n",
  );
}
