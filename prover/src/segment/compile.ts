// One call from readable text to everything a prover or verifier needs about a segment.
import { type SegmentDefinition, formatSegment, parseSegment } from "./definition.js";
import { encodeSegment, type SegmentEncoding, segmentHash } from "./encoding.js";

/** A segment parsed, encoded for the circuit and hashed. */
export interface CompiledSegment {
  definition: SegmentDefinition;
  encoding: SegmentEncoding;
  /** The segmentHash public signal that proofs of this segment output. */
  segmentHash: bigint;
  /** Canonical readable form; compiling it again yields the same segmentHash. */
  text: string;
}

/**
 * Parses, encodes and hashes a readable segment definition over a schema
 * (default "retail@1").
 *
 * @throws ZksegError("invalid_segment") naming the clause that is wrong.
 */
export async function compileSegment(text: string, schemaReference = "retail@1"): Promise<CompiledSegment> {
  const definition = parseSegment(text, schemaReference);
  const encoding = encodeSegment(definition);
  return { definition, encoding, segmentHash: await segmentHash(encoding), text: formatSegment(definition) };
}
