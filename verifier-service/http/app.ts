// Assembles the Express app: security headers, rate limit, JSON parsing with a
// size and depth limit, one route per OpenAPI operation, the error handler.
import crypto from "node:crypto";
import express, { type NextFunction, type Request, type RequestHandler, type Response } from "express";
import helmet from "helmet";
import { rateLimit } from "express-rate-limit";
import type { Logger } from "pino";
import type { ServiceConfig } from "../config.js";
import { ServiceError } from "../errors.js";
import { openapiDocument, type OperationSpec } from "../openapi.js";
import type { Repository } from "../data/repository.js";
import { requireMarketer } from "./auth.js";
import { limitJsonDepth, validateBody } from "./bodyChecks.js";
import { errorHandler } from "./errorHandler.js";
import { createHandlers, type RouteDependencies } from "./routes.js";
import { isWebBuilt, mountWebPages } from "../../web/index.js";

const METHODS = ["get", "post", "put", "patch", "delete"] as const;

/**
 * Handlers still running. A handler can outlive its connection (a client that
 * disconnects mid-verification), so shutdown waits for these, not only for
 * the sockets, before it closes the worker pool and the database.
 */
export class InFlightRequests {
  private readonly running = new Set<Promise<unknown>>();

  track(handler: RequestHandler): RequestHandler {
    return async (req, res, next) => {
      const work = Promise.resolve(handler(req, res, next));
      this.running.add(work);
      try {
        await work;
      } finally {
        this.running.delete(work);
      }
    };
  }

  /** Number of handlers running now. */
  get size(): number {
    return this.running.size;
  }

  async drain(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }
}

/** Registers every operation of the OpenAPI document; fails at start if one has no handler. */
function registerOperations(
  app: express.Express,
  repository: Repository,
  deps: RouteDependencies,
  inFlight: InFlightRequests,
): void {
  const handlers = createHandlers(deps);
  const authenticate = requireMarketer(repository);
  for (const [path, item] of Object.entries(openapiDocument.paths)) {
    const expressPath = path.replace(/\{(\w+)\}/g, ":$1");
    for (const method of METHODS) {
      const operation = (item as Record<string, OperationSpec | undefined>)[method];
      if (!operation) continue;
      const handler = handlers[operation.operationId];
      if (!handler) throw new Error(`OpenAPI operation ${operation.operationId} has no handler in http/routes.ts`);
      const chain: RequestHandler[] = [];
      if (operation.security && operation.security.length > 0) chain.push(authenticate);
      // The proof route's body is parsed by the SDK's parseProofPackage, which reports
      // the same reason codes (malformed_package, non_canonical_field_element) as the SDK.
      if (operation.requestBody && operation["x-body-parser"] === undefined) {
        chain.push(validateBody(operation.requestBody.content["application/json"].schema));
      }
      app[method](expressPath, ...chain, inFlight.track(handler as RequestHandler));
    }
  }
}

export function createApp(
  config: ServiceConfig,
  logger: Logger,
  repository: Repository,
  deps: RouteDependencies,
  inFlight: InFlightRequests,
): express.Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", config.trustProxy);

  app.use((_req: Request, res: Response, next: NextFunction) => {
    res.locals.requestId = crypto.randomUUID();
    res.setHeader("X-Request-Id", res.locals.requestId as string);
    next();
  });

  app.use(helmet());
  app.use(
    rateLimit({
      windowMs: config.rateLimitWindowMs,
      limit: config.rateLimit,
      standardHeaders: "draft-8",
      legacyHeaders: false,
      // Load balancer probes and Prometheus scrapes come often from one address and must not be throttled.
      skip: (req) => req.path === "/healthz" || req.path === "/metrics",
      handler: (_req, _res, next) => {
        next(
          new ServiceError(429, "rate_limited", "too many requests from this client; retry later", {
            retryAfterSeconds: Math.ceil(config.rateLimitWindowMs / 1000),
          }),
        );
      },
    }),
  );

  app.use(express.json({ limit: config.bodyLimitBytes, strict: true }));
  app.use(limitJsonDepth(config.maxJsonDepth));
  registerOperations(app, repository, deps, inFlight);
  if (isWebBuilt()) mountWebPages(app);
  app.use((req: Request) => {
    throw new ServiceError(404, "not_found", `no route ${req.method} ${req.path}; see /openapi.json`);
  });
  app.use(errorHandler(logger));
  return app;
}
