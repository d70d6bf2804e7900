// GET /v1/public/segments: the segments customers may join, for the customer page's list.
// Public, like GET /v1/segments/:id: it returns the same public fields and never
// marketer ids or member counts.
import type { Request, Response } from "express";
import { toDateNumber } from "../../prover/src/dates.js";
import type { SqlExecutor } from "../data/driver.js";
import type { PublicSegment, SegmentUseCases } from "../usecases/segments.js";

/** Maximum number of segments listed, newest first; older ones stay reachable by id. */
export const MAX_PUBLISHED_SEGMENTS = 100;

/** Lists the newest segments whose validity window has not ended on `today` (YYYYMMDD, UTC). */
export async function listPublishedSegments(
  db: SqlExecutor,
  segments: SegmentUseCases,
  today: number,
): Promise<PublicSegment[]> {
  const rows = await db.query<{ id: string }>(
    "SELECT id FROM segments WHERE valid_until IS NULL OR valid_until >= $1 ORDER BY created_at DESC, id LIMIT $2",
    [today, MAX_PUBLISHED_SEGMENTS],
  );
  return Promise.all(rows.map((row) => segments.getPublic(row.id)));
}

/** Returns the Express handler of GET /v1/public/segments, which returns { segments: PublicSegment[] }. */
export function publishedSegmentsHandler(db: SqlExecutor, segments: SegmentUseCases) {
  return async (_req: Request, res: Response): Promise<void> => {
    res.json({ segments: await listPublishedSegments(db, segments, toDateNumber(new Date())) });
  };
}
