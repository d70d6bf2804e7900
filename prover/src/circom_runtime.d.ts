// Minimal types for the witness calculator of circom_runtime 0.1.28 (circom 2 circuits).
declare module "circom_runtime" {
  export interface WitnessCalculator {
    /** Computes the witness and returns it in snarkjs' .wtns file format. */
    calculateWTNSBin(input: Record<string, unknown>, sanityCheck?: boolean): Promise<Uint8Array>;
    circom_version(): number;
  }
  export function WitnessCalculatorBuilder(
    code: Uint8Array | WebAssembly.Module,
    options?: { memorySize?: number },
  ): Promise<WitnessCalculator>;
}
