// Batch verification of Groth16 proofs against one verification key.
// For proofs (A_i, B_i, C_i) with public inputs s_i and independent random
// 128-bit weights r_i, one multi-pairing checks them all:
//   prod_i e(-r_i A_i, B_i) * e(sum_i r_i alpha, beta) * e(sum_i r_i L_i, gamma) * e(sum_i r_i C_i, delta) == 1
// where L_i = IC_0 + sum_j s_ij IC_j. That costs n + 3 Miller loops and one
// final exponentiation in place of 4n loops and n exponentiations. A batch
// containing an invalid proof passes with probability at most about 2^-128
// because Gt has prime order r and the weights are secret and fresh per batch.
// Plain ESM JavaScript so that worker threads load it without a TypeScript loader.
import crypto from "node:crypto";

const WEIGHT_BYTES = 16;
const SCALAR_BYTES = 32;

/** Returns `count` independent nonzero 128-bit weights from the CSPRNG. */
export function randomWeights(count) {
  const weights = [];
  while (weights.length < count) {
    const weight = BigInt(`0x${crypto.randomBytes(WEIGHT_BYTES).toString("hex")}`);
    // A zero weight would drop its proof from the equation unchecked.
    if (weight !== 0n) weights.push(weight);
  }
  return weights;
}

/**
 * Parses the verification key into curve points once per worker and prepares
 * the three fixed G2 points, whose Miller loop coefficients every batch reuses.
 */
export function prepareVerificationKey(curve, verificationKey) {
  const point1 = (value) => curve.G1.fromObject(toBigInts(value));
  const point2 = (value) => curve.G2.fromObject(toBigInts(value));
  const ic = verificationKey.IC.map(point1);
  return {
    verificationKey,
    nPublic: verificationKey.nPublic,
    alpha: point1(verificationKey.vk_alpha_1),
    icAffine: concat(ic.map((point) => curve.G1.toAffine(point))),
    preparedBeta: curve.prepareG2(curve.G2.toJacobian(point2(verificationKey.vk_beta_2))),
    preparedGamma: curve.prepareG2(curve.G2.toJacobian(point2(verificationKey.vk_gamma_2))),
    preparedDelta: curve.prepareG2(curve.G2.toJacobian(point2(verificationKey.vk_delta_2))),
  };
}

/**
 * Verifies `items` ({ proof, publicSignals }) and returns one { valid, error? }
 * per item, in order, equal to what snarkjs.groth16.verify returns for each.
 * Items that fail the batch preconditions, and every item of a batch whose
 * equation fails, are verified one by one with `verifyOne`.
 */
export async function verifyBatch(curve, prepared, items, verifyOne, drawWeights = randomWeights) {
  const results = new Array(items.length);
  const batchable = [];
  for (let i = 0; i < items.length; i++) {
    const parsed = parseForBatch(curve, prepared, items[i]);
    if (parsed) batchable.push({ index: i, ...parsed });
  }
  let batchEquationHeld = false;
  if (batchable.length >= 2) {
    batchEquationHeld = await checkBatchEquation(curve, prepared, batchable, drawWeights(batchable.length));
    if (batchEquationHeld) for (const entry of batchable) results[entry.index] = { valid: true };
  }
  // NOTE: one invalid proof makes every proof of its batch take the single path as well, so a client
  // that submits invalid proofs under load costs about one batch check plus n single verifications.
  for (let i = 0; i < items.length; i++) {
    if (results[i] === undefined) results[i] = await verifyOne(items[i]);
  }
  return { results, batchEquationHeld };
}

/**
 * Returns the proof's points and public signals, or undefined when the proof
 * must take the single-proof path: malformed input, a point off the curve or
 * at infinity, B outside the order-r subgroup, or a signal not below r.
 */
function parseForBatch(curve, prepared, { proof, publicSignals }) {
  try {
    if (!Array.isArray(publicSignals) || publicSignals.length !== prepared.nPublic) return undefined;
    const signals = [];
    for (const signal of publicSignals) {
      if (typeof signal !== "string" || !/^[0-9]+$/.test(signal)) return undefined;
      const value = BigInt(signal);
      if (value >= curve.r) return undefined;
      signals.push(value);
    }
    const a = curve.G1.fromObject(toBigInts(proof.pi_a));
    const b = curve.G2.fromObject(toBigInts(proof.pi_b));
    const c = curve.G1.fromObject(toBigInts(proof.pi_c));
    // The same on-curve checks snarkjs runs; BN254 G1 has cofactor 1, so on the curve means in the group.
    if (!curve.G1.isValid(a) || !curve.G2.isValid(b) || !curve.G1.isValid(c)) return undefined;
    if (curve.G1.isZero(a) || curve.G2.isZero(b) || curve.G1.isZero(c)) return undefined;
    // snarkjs does not check that B has order r. The random linear combination is only sound
    // when e(., B) is a homomorphism into the order-r group Gt, so other B go to the single path.
    if (!curve.G2.isZero(curve.G2.timesScalar(b, curve.r))) return undefined;
    return { a, b, c: curve.G1.toAffine(c), signals };
  } catch {
    return undefined;
  }
}

async function checkBatchEquation(curve, prepared, entries, weights) {
  const { G1 } = curve;
  const r = curve.r;
  let weightSum = 0n;
  const icScalars = new Array(prepared.nPublic + 1).fill(0n);
  const cScalars = new Uint8Array(SCALAR_BYTES * entries.length);
  let millerProduct = curve.Gt.one;
  for (let i = 0; i < entries.length; i++) {
    const weight = weights[i];
    const entry = entries[i];
    weightSum = (weightSum + weight) % r;
    for (let j = 0; j < prepared.nPublic; j++) icScalars[j + 1] = (icScalars[j + 1] + weight * entry.signals[j]) % r;
    writeScalar(cScalars, i, weight);
    const weightedA = G1.neg(G1.timesScalar(entry.a, weight));
    millerProduct = curve.Gt.mul(
      millerProduct,
      millerLoop(curve, weightedA, curve.prepareG2(curve.G2.toJacobian(entry.b))),
    );
  }
  icScalars[0] = weightSum;

  const icBuffer = new Uint8Array(SCALAR_BYTES * icScalars.length);
  icScalars.forEach((scalar, j) => writeScalar(icBuffer, j, scalar));
  const weightedInputs = await G1.multiExpAffine(prepared.icAffine, icBuffer);
  const weightedC = await G1.multiExpAffine(concat(entries.map((entry) => entry.c)), cScalars);
  const weightedAlpha = G1.timesScalar(prepared.alpha, weightSum);

  millerProduct = curve.Gt.mul(millerProduct, millerLoop(curve, weightedAlpha, prepared.preparedBeta));
  millerProduct = curve.Gt.mul(millerProduct, millerLoop(curve, weightedInputs, prepared.preparedGamma));
  millerProduct = curve.Gt.mul(millerProduct, millerLoop(curve, weightedC, prepared.preparedDelta));
  return curve.Gt.eq(curve.finalExponentiation(millerProduct), curve.Gt.one);
}

function millerLoop(curve, g1Point, preparedG2) {
  return curve.millerLoop(curve.prepareG1(curve.G1.toJacobian(g1Point)), preparedG2);
}

/** Writes `value` little-endian into slot `index` of a buffer of 32-byte scalars, as multiExpAffine reads them. */
function writeScalar(buffer, index, value) {
  let rest = value;
  for (let k = 0; k < SCALAR_BYTES; k++) {
    buffer[index * SCALAR_BYTES + k] = Number(rest & 0xffn);
    rest >>= 8n;
  }
}

function concat(buffers) {
  const total = new Uint8Array(buffers.reduce((sum, buffer) => sum + buffer.byteLength, 0));
  let offset = 0;
  for (const buffer of buffers) {
    total.set(buffer, offset);
    offset += buffer.byteLength;
  }
  return total;
}

/** Converts nested arrays of decimal strings to bigints, as snarkjs' unstringifyBigInts does for decimal input. */
function toBigInts(value) {
  if (Array.isArray(value)) return value.map(toBigInts);
  if (typeof value === "string" && /^[0-9]+$/.test(value)) return BigInt(value);
  throw new Error(`invalid curve coordinate ${JSON.stringify(value)}: expected a decimal string`);
}
