// Thin route handlers, one per OpenAPI operationId: read the request, call a
// use case, write the response.
import type { Request, Response } from "express";
import type { Registry } from "prom-client";
import { marketerOf } from "./auth.js";
import { ServiceError } from "../errors.js";
import type { SegmentUseCases } from "../usecases/segments.js";
import type { ProofUseCases } from "../usecases/proofs.js";
import type { AudienceUseCases } from "../usecases/audience.js";
import type { SqlExecutor } from "../data/driver.js";
import { openapiDocument } from "../openapi.js";

export type Handler = (req: Request, res: Response) => Promise<void> | void;

export interface RouteDependencies {
  segments: SegmentUseCases;
  proofs: ProofUseCases;
  audience: AudienceUseCases;
  db: SqlExecutor;
  metrics: Registry;
}

const segmentId = (req: Request): string => String(req.params.id);
const queryString = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);

export function createHandlers(deps: RouteDependencies): Record<string, Handler> {
  return {
    async createSegment(req, res) {
      res.status(201).json(await deps.segments.create(marketerOf(res).id, req.body));
    },
    async listSegments(_req, res) {
      res.json({ segments: await deps.segments.listOwned(marketerOf(res).id) });
    },
    async listPublishedSegments(_req, res) {
      res.json({ segments: await deps.segments.listPublished(new Date()) });
    },
    async getSegment(req, res) {
      res.json(await deps.segments.getPublic(segmentId(req)));
    },
    async submitProof(req, res) {
      res.status(201).json(await deps.proofs.submit(segmentId(req), req.body, res.locals.requestId as string));
    },
    async getCount(req, res) {
      res.json(await deps.audience.count(marketerOf(res).id, segmentId(req)));
    },
    async getAudience(req, res) {
      const query = { limit: queryString(req.query.limit), cursor: queryString(req.query.cursor) };
      res.json(await deps.audience.audience(marketerOf(res).id, segmentId(req), query));
    },
    async getJoinsPerDay(req, res) {
      res.json(await deps.audience.joinsPerDay(marketerOf(res).id, segmentId(req)));
    },
    async getHealth(_req, res) {
      try {
        await deps.db.query("SELECT 1");
      } catch {
        throw new ServiceError(503, "database_unavailable", "the database does not answer", { retryAfterSeconds: 5 });
      }
      res.json({ status: "ok" });
    },
    async getMetrics(_req, res) {
      res.type(deps.metrics.contentType).send(await deps.metrics.metrics());
    },
    getOpenApi(_req, res) {
      res.json(openapiDocument);
    },
  };
}
