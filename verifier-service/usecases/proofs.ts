// Use case of joining a segment: check a proof package, verify it, record the
// nullifier. Cheap checks run first so that invalid packages never reach the
// worker pool.
import crypto from "node:crypto";
import type { Logger } from "pino";
import { toDateNumber } from "../../prover/src/dates.js";
import { ZksegError } from "../../prover/src/errors.js";
import {
  checkPublicSignals,
  parseProofPackage,
  ProofPackageError,
  type ProofPackage,
} from "../../prover/src/proofPackage.js";
import { PUBLIC_SIGNAL_INDEX } from "../../prover/src/witness.js";
import { ServiceError, segmentNotFound } from "../errors.js";
import type { Repository, SegmentRecord } from "../data/repository.js";
import type { ServiceMetrics } from "../metrics.js";
import type { VerifierPool } from "../verification/pool.js";

const DAY_MS = 86_400_000;

export interface Receipt {
  receiptId: string;
  nullifier: string;
}

function rejected(reason: string, message: string): ServiceError {
  return new ServiceError(422, reason, message);
}

export class ProofUseCases {
  constructor(
    private readonly repository: Repository,
    private readonly pool: VerifierPool,
    private readonly metrics: ServiceMetrics,
    private readonly logger: Logger,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Verifies and records a join; throws ServiceError 400, 404, 409, 422 or 503. */
  async submit(segmentId: string, body: unknown, requestId: string): Promise<Receipt> {
    try {
      const segment = await this.repository.findSegment(segmentId);
      if (!segment) throw segmentNotFound(segmentId);
      const pkg = this.parse(body);
      this.checkSegmentActive(segment);
      this.checkSignals(segment, pkg);
      await this.verify(pkg);
      return await this.record(segment, pkg);
    } catch (error) {
      this.countRejection(segmentId, error, requestId);
      throw error;
    }
  }

  private parse(body: unknown): ProofPackage {
    try {
      return parseProofPackage(body);
    } catch (error) {
      if (error instanceof ProofPackageError) {
        throw new ServiceError(400, error.reason, error.message, { field: error.field });
      }
      throw error;
    }
  }

  /** Rejects joins before validFrom or after validUntil, judged by the server's UTC date. */
  private checkSegmentActive(segment: SegmentRecord): void {
    const today = toDateNumber(this.now());
    if (segment.validFrom !== null && today < segment.validFrom) {
      throw rejected("segment_not_active", `segment ${segment.id} opens on ${segment.validFrom}; today is ${today}`);
    }
    if (segment.validUntil !== null && today > segment.validUntil) {
      throw rejected(
        "segment_not_active",
        `segment ${segment.id} closed after ${segment.validUntil}; today is ${today}`,
      );
    }
  }

  /** Accepts proof dates of the server's UTC today plus or minus one day, for clients in other time zones. */
  private checkSignals(segment: SegmentRecord, pkg: ProofPackage): void {
    const now = this.now().getTime();
    const check = checkPublicSignals(pkg, {
      segmentId: segment.id,
      segmentHash: segment.segmentHash,
      scope: segment.scope,
      trustedIssuerKeyHashes: segment.trustedIssuers.map((issuer) => issuer.keyHash),
      dateWindow: { earliest: toDateNumber(new Date(now - DAY_MS)), latest: toDateNumber(new Date(now + DAY_MS)) },
    });
    if (!check.ok) throw rejected(check.reason, check.message);
  }

  private async verify(pkg: ProofPackage): Promise<void> {
    const stopTimer = this.metrics.verificationSeconds.startTimer();
    const result = await this.pool.verify(pkg.proof, pkg.publicSignals);
    stopTimer();
    if (result.error !== undefined) {
      this.logger.warn({ event: "verifier_error", error: result.error }, "snarkjs threw on a proof; rejected it");
    }
    if (!result.valid)
      throw rejected("invalid_proof", "the Groth16 proof does not verify against these public signals");
  }

  private async record(segment: SegmentRecord, pkg: ProofPackage): Promise<Receipt> {
    const join = await this.repository.recordJoin({
      receiptId: `rcpt_${crypto.randomBytes(12).toString("hex")}`,
      segmentId: segment.id,
      nullifier: pkg.publicSignals[PUBLIC_SIGNAL_INDEX.nullifier],
      signalHash: pkg.publicSignals[PUBLIC_SIGNAL_INDEX.signalHash],
      handle: pkg.signal,
      proofDate: Number(pkg.publicSignals[PUBLIC_SIGNAL_INDEX.date]),
    });
    if (!join.created) {
      throw new ServiceError(409, "nullifier_already_joined", "this credential holder already joined the segment", {
        details: { receiptId: join.receiptId, nullifier: join.nullifier, joinedAt: join.joinedAt },
      });
    }
    this.metrics.proofsAccepted.inc();
    return { receiptId: join.receiptId, nullifier: join.nullifier };
  }

  private countRejection(segmentId: string, error: unknown, requestId: string): void {
    let reason = "internal_error";
    if (error instanceof ServiceError) reason = error.code;
    else if (error instanceof ZksegError) reason = error.code;
    this.metrics.proofsRejected.inc({ reason });
    // Reason and ids only: the package carries the handle, which must stay out of logs.
    this.logger.info({ event: "proof_rejected", segmentId, reason, requestId }, "proof rejected");
  }
}
