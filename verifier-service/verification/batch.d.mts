// Types of batch.mjs for TypeScript callers; the curve is snarkjs' ffjavascript bn128 curve.
export interface BatchItem {
  proof: object;
  publicSignals: readonly string[];
}

export interface BatchItemResult {
  valid: boolean;
  error?: string;
}

/** A verification key parsed into curve points, with its fixed G2 points prepared for Miller loops. */
export interface PreparedVerificationKey {
  readonly nPublic: number;
}

export function randomWeights(count: number): bigint[];

export function prepareVerificationKey(curve: unknown, verificationKey: object): PreparedVerificationKey;

export function verifyBatch(
  curve: unknown,
  prepared: PreparedVerificationKey,
  items: readonly BatchItem[],
  verifyOne: (item: BatchItem) => Promise<BatchItemResult>,
  drawWeights?: (count: number) => bigint[],
): Promise<{ results: BatchItemResult[]; batchEquationHeld: boolean }>;
