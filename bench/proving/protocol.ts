// Messages between the proving benchmark and its worker processes.

export type ProveRequest =
  { type: "prove"; input: Record<string, unknown>; wasmPath: string; zkeyPath: string } | { type: "exit" };

export type ProveResponse =
  | { type: "proved"; ms: number; publicSignals: string[] }
  | { type: "exited"; maxRssBytes: number }
  | { type: "failed"; message: string };
