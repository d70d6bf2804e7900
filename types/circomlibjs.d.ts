// Minimal types for the parts of circomlibjs 0.1.7 that zkseg uses.
declare module "circomlibjs" {
  interface Field {
    e(value: bigint | number | string): Uint8Array;
    toObject(value: Uint8Array): bigint;
    fromObject(value: bigint): Uint8Array;
    eq(a: Uint8Array, b: Uint8Array): boolean;
    isZero(value: Uint8Array): boolean;
  }
  type Point = [Uint8Array, Uint8Array];
  interface Poseidon {
    (inputs: (bigint | Uint8Array)[]): Uint8Array;
    F: Field;
  }
  interface Signature {
    R8: Point;
    S: bigint;
  }
  interface Eddsa {
    F: Field;
    babyJub: BabyJub;
    prv2pub(privateKey: Uint8Array): Point;
    signPoseidon(privateKey: Uint8Array, message: Uint8Array): Signature;
    verifyPoseidon(message: Uint8Array, signature: Signature, publicKey: Point): boolean;
  }
  interface BabyJub {
    F: Field;
    p: bigint;
    subOrder: bigint;
    order: bigint;
    Base8: Point;
    inCurve(point: Point): boolean;
    inSubgroup(point: Point): boolean;
    mulPointEscalar(point: Point, scalar: bigint): Point;
    addPoint(a: Point, b: Point): Point;
  }
  export function buildPoseidon(): Promise<Poseidon>;
  export function buildEddsa(): Promise<Eddsa>;
  export function buildBabyjub(): Promise<BabyJub>;
}
