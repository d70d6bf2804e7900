// Use cases of a marketer's view of a segment: count, audience and joins per day.
// All withhold exact numbers below the k-anonymity threshold, so a marketer
// cannot single out a customer in a tiny segment.
import { badRequest, segmentNotFound } from "../errors.js";
import type { AudienceMember, Repository, SegmentRecord } from "../data/repository.js";

export type CountResult = { count: number } | { count: null; fewerThan: number };

export interface AudiencePage {
  members: AudienceMember[];
  nextCursor: string | null;
  fewerThan?: number;
}

export interface DayCount {
  day: string;
  count: number | null;
  fewerThan?: number;
}

const MAX_PAGE = 1000;
const DEFAULT_PAGE = 100;

/** Cursors are opaque to clients: base64url of the last returned join's sequence number. */
function encodeCursor(seq: bigint): string {
  return Buffer.from(`j:${seq}`).toString("base64url");
}

function decodeCursor(cursor: string | undefined): bigint {
  if (cursor === undefined) return 0n;
  const match = /^j:(0|[1-9][0-9]{0,18})$/.exec(Buffer.from(cursor, "base64url").toString("utf8"));
  if (!match) throw badRequest("invalid_cursor", "cursor is not one this service returned; start without it", "cursor");
  return BigInt(match[1]);
}

function parseLimit(limit: string | undefined): number {
  if (limit === undefined) return DEFAULT_PAGE;
  const value = Number(limit);
  if (!/^[0-9]+$/.test(limit) || value < 1 || value > MAX_PAGE) {
    throw badRequest("invalid_limit", `limit must be an integer from 1 to ${MAX_PAGE}`, "limit");
  }
  return value;
}

export class AudienceUseCases {
  constructor(
    private readonly repository: Repository,
    private readonly kAnonymity: number,
  ) {}

  private async owned(marketerId: string, segmentId: string): Promise<SegmentRecord> {
    const segment = await this.repository.findOwnedSegment(marketerId, segmentId);
    if (!segment) throw segmentNotFound(segmentId);
    return segment;
  }

  async count(marketerId: string, segmentId: string): Promise<CountResult> {
    const segment = await this.owned(marketerId, segmentId);
    if (segment.memberCount < this.kAnonymity) return { count: null, fewerThan: this.kAnonymity };
    return { count: segment.memberCount };
  }

  async audience(
    marketerId: string,
    segmentId: string,
    query: { limit?: string; cursor?: string },
  ): Promise<AudiencePage> {
    const limit = parseLimit(query.limit);
    const after = decodeCursor(query.cursor);
    const segment = await this.owned(marketerId, segmentId);
    if (segment.memberCount < this.kAnonymity) return { members: [], nextCursor: null, fewerThan: this.kAnonymity };
    const page = await this.repository.listAudience(segmentId, after, limit);
    const full = page.members.length === limit && page.lastSeq !== undefined;
    return { members: page.members, nextCursor: full ? encodeCursor(page.lastSeq as bigint) : null };
  }

  /** Days below the threshold are reported as `count: null`, like the total. */
  async joinsPerDay(marketerId: string, segmentId: string): Promise<{ days: DayCount[] }> {
    await this.owned(marketerId, segmentId);
    const days = await this.repository.countJoinsPerDay(segmentId);
    return {
      days: days.map(({ day, count }) =>
        count < this.kAnonymity ? { day, count: null, fewerThan: this.kAnonymity } : { day, count },
      ),
    };
  }
}
