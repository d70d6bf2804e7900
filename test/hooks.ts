// Mocha root hooks: release snarkjs' worker threads so `npm test` exits by itself.
export const mochaHooks = {
  async afterAll() {
    const curve = (globalThis as { curve_bn128?: { terminate(): Promise<void> } }).curve_bn128;
    if (curve) await curve.terminate();
  },
};
