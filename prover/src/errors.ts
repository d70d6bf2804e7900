// One error family for the SDK: every rejection names the field, the value
// when it is safe to show, and what to do next.

/** Machine-readable reason of a ZksegError, stable across versions. */
export type ZksegErrorCode =
  "invalid_input" | "invalid_credential" | "invalid_segment" | "not_in_segment" | "artifact_mismatch" | "invalid_proof";

/** The error thrown by every zkseg SDK function on bad input or a failed check. */
export class ZksegError extends Error {
  readonly code: ZksegErrorCode;
  /** Path of the offending field, such as `attributes.birthDate` or `publicSignals[3]`. */
  readonly field?: string;

  constructor(code: ZksegErrorCode, message: string, field?: string) {
    super(message);
    this.name = "ZksegError";
    this.code = code;
    this.field = field;
  }
}

export function invalidInput(field: string, message: string): ZksegError {
  return new ZksegError("invalid_input", `invalid ${field}: ${message}`, field);
}
