// Loads another developer's module at run time, so a part that has not landed yet leaves its
// figures "not measured" instead of breaking the whole benchmark.
import { access } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { REPO_ROOT } from "../circuits/setup/paths.js";

/** Imports a repo-relative TypeScript module, or throws an error naming the missing file. */
export async function importOptional<T>(relativePath: string, exportName: string): Promise<T> {
  const file = path.join(REPO_ROOT, relativePath);
  if (
    !(await access(file).then(
      () => true,
      () => false,
    ))
  )
    throw new Error(`${relativePath} is not in this checkout`);
  const module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  if (!(exportName in module)) throw new Error(`${relativePath} does not export ${exportName}`);
  return module[exportName] as T;
}
