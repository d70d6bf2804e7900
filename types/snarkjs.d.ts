// Minimal types for the parts of snarkjs 0.7.x that zkseg uses.
declare module "snarkjs" {
  export interface Groth16Proof {
    pi_a: string[];
    pi_b: string[][];
    pi_c: string[];
    protocol: string;
    curve: string;
  }
  export interface Logger {
    debug(message: string): void;
    info(message: string): void;
    warn(message: string): void;
    error(message: string): void;
  }
  type FileSource = string | Uint8Array | { type: "mem"; data?: Uint8Array };
  export namespace groth16 {
    function fullProve(
      input: Record<string, unknown>,
      wasm: FileSource,
      zkey: FileSource,
      logger?: Logger,
    ): Promise<{ proof: Groth16Proof; publicSignals: string[] }>;
    function prove(
      zkey: FileSource,
      witness: FileSource,
      logger?: Logger,
    ): Promise<{ proof: Groth16Proof; publicSignals: string[] }>;
    function verify(
      verificationKey: object,
      publicSignals: string[],
      proof: Groth16Proof,
      logger?: Logger,
    ): Promise<boolean>;
    function exportSolidityCallData(proof: Groth16Proof, publicSignals: string[]): Promise<string>;
  }
  export namespace wtns {
    function calculate(input: Record<string, unknown>, wasm: FileSource, output: FileSource): Promise<void>;
    function check(r1cs: FileSource, witness: FileSource, logger?: Logger): Promise<boolean>;
    function exportJson(witness: FileSource): Promise<bigint[]>;
  }
  export namespace r1cs {
    function info(
      file: FileSource,
      logger?: Logger,
    ): Promise<{ nConstraints: number; nVars: number; nOutputs: number; nPubInputs: number; nPrvInputs: number }>;
  }
  export namespace curves {
    function getCurveFromName(name: string): Promise<{ terminate(): Promise<void> }>;
  }
  export namespace powersOfTau {
    function newAccumulator(curve: object, power: number, file: string, logger?: Logger): Promise<unknown>;
    function contribute(
      oldPtau: string,
      newPtau: string,
      name: string,
      entropy: string,
      logger?: Logger,
    ): Promise<unknown>;
    function beacon(
      oldPtau: string,
      newPtau: string,
      name: string,
      beacon: string,
      iterationsExp: number,
      logger?: Logger,
    ): Promise<unknown>;
    function preparePhase2(oldPtau: string, newPtau: string, logger?: Logger): Promise<unknown>;
  }
  export namespace zKey {
    function newZKey(r1cs: string, ptau: string, zkey: string, logger?: Logger): Promise<unknown>;
    function contribute(
      oldZkey: string,
      newZkey: string,
      name: string,
      entropy: string,
      logger?: Logger,
    ): Promise<unknown>;
    function beacon(
      oldZkey: string,
      newZkey: string,
      name: string,
      beacon: string,
      iterationsExp: number,
      logger?: Logger,
    ): Promise<unknown>;
    function verifyFromR1cs(r1cs: string, ptau: string, zkey: string, logger?: Logger): Promise<boolean>;
    function exportVerificationKey(zkey: FileSource, logger?: Logger): Promise<object>;
    function exportSolidityVerifier(zkey: FileSource, templates: { groth16: string }, logger?: Logger): Promise<string>;
  }
}

// Minimal types for @iden3/binfileutils 0.0.12, the binary container of .ptau, .zkey and .r1cs files.
declare module "@iden3/binfileutils" {
  interface BinFileDescriptor {
    pos: number;
    readULE32(): Promise<number>;
    read(length: number): Promise<Uint8Array>;
    close(): Promise<void>;
  }
  export function readBinFile(
    file: string,
    type: string,
    maxVersion: number,
  ): Promise<{ fd: BinFileDescriptor; sections: Record<number, { p: number; size: number }[] | undefined> }>;
}
