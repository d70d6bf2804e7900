// Audience export: every member's targeting handle as a CSV download.

/** One audience member as the service lists it. */
export interface AudienceMember {
  handle: string;
  receiptId: string;
  joinedAt: string;
}

/**
 * Quotes a CSV field per RFC 4180, and prefixes cells starting with =, +, -, @, tab or carriage return
 * with an apostrophe, because handles are customer-chosen text and spreadsheets run such cells as formulas.
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** Writes the members as CSV with a header row and CRLF line ends. */
export function audienceToCsv(members: readonly AudienceMember[]): string {
  const rows = [["handle", "receiptId", "joinedAt"], ...members.map((m) => [m.handle, m.receiptId, m.joinedAt])];
  return rows.map((row) => row.map(csvField).join(",")).join("\r\n") + "\r\n";
}

/** Offers `csv` as a file download named `fileName`. */
export function downloadCsv(fileName: string, csv: string): void {
  const url = URL.createObjectURL(new Blob([csv], { type: "text/csv;charset=utf-8" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
