// Loads a bundled customer dataset and has an issuer sign one credential per
// customer, as a CRM would at enrolment.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { createIdentity, exportIdentity, holderCommitment } from "../prover/src/identity.js";
import { issueCredential, type CredentialDocument } from "../prover/src/credential.js";
import type { IssuerKey } from "../prover/src/issuer.js";
import { mapCsv, parseMapping, type CsvMapping, type MappedRow } from "../prover/src/csv/mapping.js";
import { REPO_ROOT } from "../circuits/setup/paths.js";

/** Bundled datasets: CSV file and column mapping under data/. */
export const DATASETS = ["bank-marketing", "bank-churners"] as const;

export interface Customer {
  row: MappedRow;
  /** Exported identity string; in a real deployment it never leaves the customer's device. */
  identity: string;
  credential: CredentialDocument;
  /** The customer's own targeting handle, for example an ad-platform id. */
  handle: string;
}

/** Returns the column mapping file of a dataset: the given one, or data/<name>.mapping.json for a bundled dataset. */
export function mappingFileOf(options: { dataset: string; mapping?: string }): string {
  if (options.mapping) return options.mapping;
  if ((DATASETS as readonly string[]).includes(options.dataset)) {
    return path.join(REPO_ROOT, "data", `${options.dataset}.mapping.json`);
  }
  return "";
}

/** Reads data/<name>.csv with data/<name>.mapping.json, or a CSV path with a mapping path. */
export async function loadDataset(
  dataset: string,
  mappingPath: string | undefined,
  referenceDate: Date,
  limit: number,
): Promise<{ mapping: CsvMapping; rows: MappedRow[]; csvPath: string }> {
  const bundled = (DATASETS as readonly string[]).includes(dataset);
  const csvPath = bundled ? path.join(REPO_ROOT, "data", `${dataset}.csv`) : path.resolve(dataset);
  const mappingFile = mappingFileOf({ dataset, mapping: mappingPath });
  if (!mappingFile) {
    throw new Error(
      `--dataset ${dataset} is not bundled (${DATASETS.join(", ")}); give its column mapping with --mapping FILE`,
    );
  }
  const mapping = parseMapping(JSON.parse(await readFile(mappingFile, "utf8")));
  const rows = mapCsv(await readFile(csvPath, "utf8"), mapping, referenceDate, limit);
  return { mapping, rows, csvPath };
}

/** Creates an identity per row and issues its credential under the mapping's schema. */
export async function enrolCustomers(
  rows: MappedRow[],
  mapping: CsvMapping,
  issuerKey: IssuerKey,
  expiresAt: number,
): Promise<Customer[]> {
  const schema = `${mapping.schema.name}@${mapping.schema.version}`;
  const customers: Customer[] = [];
  for (const row of rows) {
    const identity = createIdentity();
    const credential = await issueCredential(issuerKey, await holderCommitment(identity), row.attributes, {
      schema,
      expiresAt,
    });
    customers.push({ row, identity: exportIdentity(identity), credential, handle: `customer-${row.id}` });
  }
  return customers;
}
