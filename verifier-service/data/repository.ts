// Data access: every SQL statement of the service. Reads and writes of a
// marketer's segments take the marketer id, so one tenant's query can never
// return another tenant's rows.
import type { SqlDriver, SqlExecutor } from "./driver.js";

export interface Marketer {
  id: string;
  name: string;
}

export interface TrustedIssuer {
  keyHash: string;
  publicKey: [string, string];
}

export interface SegmentRecord {
  id: string;
  marketerId: string;
  definition: string;
  schema: string;
  segmentHash: string;
  scope: string;
  validFrom: number | null;
  validUntil: number | null;
  memberCount: number;
  createdAt: string;
  trustedIssuers: TrustedIssuer[];
}

export type NewSegment = Omit<SegmentRecord, "memberCount" | "createdAt">;

export interface JoinRecord {
  receiptId: string;
  nullifier: string;
  joinedAt: string;
}

export interface NewJoin {
  receiptId: string;
  segmentId: string;
  nullifier: string;
  signalHash: string;
  handle: string;
  proofDate: number;
}

export interface AudienceMember {
  handle: string;
  receiptId: string;
  joinedAt: string;
}

interface SegmentRow {
  id: string;
  marketer_id: string;
  definition: string;
  schema_ref: string;
  segment_hash: string;
  scope: string;
  valid_from: number | null;
  valid_until: number | null;
  member_count: string | number | bigint;
  created_at: Date | string;
}

interface IssuerRow {
  segment_id: string;
  issuer_key_hash: string;
  ax: string;
  ay: string;
}

const SEGMENT_COLUMNS =
  "id, marketer_id, definition, schema_ref, segment_hash, scope, valid_from, valid_until, member_count, created_at";

const toIso = (value: Date | string): string => new Date(value).toISOString();

function toSegment(row: SegmentRow, issuers: IssuerRow[]): SegmentRecord {
  return {
    id: row.id,
    marketerId: row.marketer_id,
    definition: row.definition,
    schema: row.schema_ref,
    segmentHash: row.segment_hash,
    scope: row.scope,
    validFrom: row.valid_from === null ? null : Number(row.valid_from),
    validUntil: row.valid_until === null ? null : Number(row.valid_until),
    memberCount: Number(row.member_count),
    createdAt: toIso(row.created_at),
    trustedIssuers: issuers
      .filter((issuer) => issuer.segment_id === row.id)
      .map((issuer) => ({ keyHash: issuer.issuer_key_hash, publicKey: [issuer.ax, issuer.ay] })),
  };
}

export class Repository {
  constructor(private readonly db: SqlDriver) {}

  async insertMarketer(marketer: Marketer, apiKeyHash: string): Promise<void> {
    await this.db.query("INSERT INTO marketers (id, name, api_key_hash) VALUES ($1, $2, $3)", [
      marketer.id,
      marketer.name,
      apiKeyHash,
    ]);
  }

  async findMarketerByKeyHash(apiKeyHash: string): Promise<Marketer | undefined> {
    const rows = await this.db.query<Marketer>("SELECT id, name FROM marketers WHERE api_key_hash = $1", [apiKeyHash]);
    return rows[0];
  }

  async insertSegment(segment: NewSegment): Promise<SegmentRecord> {
    return this.db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO segments (id, marketer_id, definition, schema_ref, segment_hash, scope, valid_from, valid_until)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [
          segment.id,
          segment.marketerId,
          segment.definition,
          segment.schema,
          segment.segmentHash,
          segment.scope,
          segment.validFrom,
          segment.validUntil,
        ],
      );
      for (const [position, issuer] of segment.trustedIssuers.entries()) {
        await tx.query(
          "INSERT INTO segment_issuers (segment_id, position, issuer_key_hash, ax, ay) VALUES ($1, $2, $3, $4, $5)",
          [segment.id, position, issuer.keyHash, issuer.publicKey[0], issuer.publicKey[1]],
        );
      }
      const [created] = await this.selectSegments(tx, "id = $1", [segment.id]);
      return created;
    });
  }

  /** Finds any segment by id, for the public endpoints. */
  async findSegment(segmentId: string): Promise<SegmentRecord | undefined> {
    return (await this.selectSegments(this.db, "id = $1", [segmentId]))[0];
  }

  /** Finds a segment only when `marketerId` owns it. */
  async findOwnedSegment(marketerId: string, segmentId: string): Promise<SegmentRecord | undefined> {
    return (await this.selectSegments(this.db, "id = $1 AND marketer_id = $2", [segmentId, marketerId]))[0];
  }

  /** Lists up to `limit` segments whose window has not ended on `today` (YYYYMMDD), newest first. */
  async listOpenSegments(today: number, limit: number): Promise<SegmentRecord[]> {
    return this.selectSegments(
      this.db,
      "valid_until IS NULL OR valid_until >= $1",
      [today, limit],
      "created_at DESC, id LIMIT $2",
    );
  }

  async listOwnedSegments(marketerId: string): Promise<SegmentRecord[]> {
    return this.selectSegments(this.db, "marketer_id = $1", [marketerId]);
  }

  private async selectSegments(
    db: SqlExecutor,
    where: string,
    params: unknown[],
    orderBy = "created_at, id",
  ): Promise<SegmentRecord[]> {
    const rows = await db.query<SegmentRow>(
      `SELECT ${SEGMENT_COLUMNS} FROM segments WHERE ${where} ORDER BY ${orderBy}`,
      params,
    );
    if (rows.length === 0) return [];
    const issuers = await db.query<IssuerRow>(
      "SELECT segment_id, issuer_key_hash, ax, ay FROM segment_issuers WHERE segment_id = ANY($1) ORDER BY position",
      [rows.map((row) => row.id)],
    );
    return rows.map((row) => toSegment(row, issuers));
  }

  /**
   * Records a join unless the segment already has the nullifier. The UNIQUE
   * (segment_id, nullifier) constraint decides between concurrent duplicates,
   * and the member count changes in the same transaction as the insert.
   * Returns the new join, or the earlier one with `created: false`.
   */
  async recordJoin(join: NewJoin): Promise<JoinRecord & { created: boolean }> {
    return this.db.transaction(async (tx) => {
      const inserted = await tx.query<{ receipt_id: string; nullifier: string; joined_at: Date | string }>(
        `INSERT INTO joins (receipt_id, segment_id, nullifier, signal_hash, handle, proof_date)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT ON CONSTRAINT joins_segment_nullifier_key DO NOTHING
         RETURNING receipt_id, nullifier, joined_at`,
        [join.receiptId, join.segmentId, join.nullifier, join.signalHash, join.handle, join.proofDate],
      );
      if (inserted.length === 1) {
        await tx.query("UPDATE segments SET member_count = member_count + 1 WHERE id = $1", [join.segmentId]);
        const row = inserted[0];
        return { receiptId: row.receipt_id, nullifier: row.nullifier, joinedAt: toIso(row.joined_at), created: true };
      }
      // In PostgreSQL's READ COMMITTED each statement sees rows committed before it
      // started, so the conflicting join that made the insert do nothing is visible here.
      const [existing] = await tx.query<{ receipt_id: string; nullifier: string; joined_at: Date | string }>(
        "SELECT receipt_id, nullifier, joined_at FROM joins WHERE segment_id = $1 AND nullifier = $2",
        [join.segmentId, join.nullifier],
      );
      return {
        receiptId: existing.receipt_id,
        nullifier: existing.nullifier,
        joinedAt: toIso(existing.joined_at),
        created: false,
      };
    });
  }

  /** Returns up to `limit` members after the cursor position `afterSeq`, oldest first. */
  async listAudience(
    segmentId: string,
    afterSeq: bigint,
    limit: number,
  ): Promise<{ members: AudienceMember[]; lastSeq?: bigint }> {
    const rows = await this.db.query<{
      seq: string | number | bigint;
      handle: string;
      receipt_id: string;
      joined_at: Date | string;
    }>(
      "SELECT seq, handle, receipt_id, joined_at FROM joins WHERE segment_id = $1 AND seq > $2 ORDER BY seq LIMIT $3",
      [segmentId, afterSeq.toString(), limit],
    );
    return {
      members: rows.map((row) => ({ handle: row.handle, receiptId: row.receipt_id, joinedAt: toIso(row.joined_at) })),
      lastSeq: rows.length > 0 ? BigInt(rows[rows.length - 1].seq) : undefined,
    };
  }

  /** Counts joins per UTC day, oldest day first. */
  async countJoinsPerDay(segmentId: string): Promise<{ day: string; count: number }[]> {
    const rows = await this.db.query<{ day: string; count: string | number | bigint }>(
      `SELECT to_char(joined_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, count(*) AS count
       FROM joins WHERE segment_id = $1 GROUP BY day ORDER BY day`,
      [segmentId],
    );
    return rows.map((row) => ({ day: row.day, count: Number(row.count) }));
  }
}
