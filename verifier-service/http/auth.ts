// Bearer authentication of marketers by API key.
import type { NextFunction, Request, Response } from "express";
import { ServiceError } from "../errors.js";
import { hashApiKey } from "../apiKeys.js";
import type { Marketer, Repository } from "../data/repository.js";

/** The authenticated marketer of a request; set by requireMarketer. */
export function marketerOf(res: Response): Marketer {
  return res.locals.marketer as Marketer;
}

function unauthorized(message: string): ServiceError {
  return new ServiceError(401, "unauthorized", message);
}

export function requireMarketer(repository: Repository) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const header = req.get("authorization");
    const match = header === undefined ? null : /^Bearer ([A-Za-z0-9_-]{1,200})$/.exec(header);
    res.setHeader("WWW-Authenticate", 'Bearer realm="zkseg"');
    if (!match) throw unauthorized("missing API key; send Authorization: Bearer <key>");
    const marketer = await repository.findMarketerByKeyHash(hashApiKey(match[1]));
    if (!marketer) throw unauthorized("unknown API key; ask the operator for a key");
    res.removeHeader("WWW-Authenticate");
    res.locals.marketer = marketer;
    next();
  };
}
