// Request body checks that run before any use case: JSON nesting depth and the
// OpenAPI schema of the operation.
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import type { NextFunction, Request, Response } from "express";
import { badRequest } from "../errors.js";

/**
 * Rejects JSON nested deeper than `maxDepth`. Walks iteratively: a body within
 * the size limit can still nest thousands of levels, which would overflow a
 * recursive walk and make later code slow.
 */
export function limitJsonDepth(maxDepth: number) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    const stack: [unknown, number][] = [[req.body, 1]];
    while (stack.length > 0) {
      const [value, depth] = stack.pop() as [unknown, number];
      if (typeof value !== "object" || value === null) continue;
      if (depth > maxDepth) {
        throw badRequest("too_deeply_nested", `JSON body nests deeper than ${maxDepth} levels`);
      }
      for (const child of Object.values(value)) stack.push([child, depth + 1]);
    }
    next();
  };
}

/** Turns Ajv's instance path `/trustedIssuers/0/1` into `trustedIssuers[0][1]`. */
function fieldPath(error: ErrorObject): string {
  let path = "";
  for (const part of error.instancePath.split("/").slice(1)) {
    path += /^[0-9]+$/.test(part) ? `[${part}]` : `${path === "" ? "" : "."}${part}`;
  }
  if (error.keyword === "required") path += `${path === "" ? "" : "."}${error.params.missingProperty}`;
  if (error.keyword === "additionalProperties") path += `${path === "" ? "" : "."}${error.params.additionalProperty}`;
  return path === "" ? "body" : path;
}

const ajv = new Ajv2020({ allErrors: false, strict: true, strictTypes: false, useDefaults: true });
ajv.addKeyword("example");
ajv.addFormat("date-time", true);

/** Compiles a validator for an operation's request body schema. */
export function validateBody(schema: object) {
  const validate: ValidateFunction = ajv.compile(schema);
  return (req: Request, _res: Response, next: NextFunction): void => {
    if (req.body === undefined) {
      throw badRequest("invalid_body", "expected a JSON body with Content-Type: application/json", "body");
    }
    if (!validate(req.body)) {
      const error = (validate.errors as ErrorObject[])[0];
      const field = fieldPath(error);
      let detail = error.message ?? "is invalid";
      if (error.keyword === "additionalProperties") detail = "is not a known field; remove it";
      if (error.keyword === "required") detail = "is missing";
      throw badRequest("invalid_body", `${field} ${detail}`, field);
    }
    next();
  };
}
