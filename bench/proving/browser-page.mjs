// Runs in headless Chromium: proves zkseg and Semaphore alternately with snarkjs' browser build
// (loaded as the global `snarkjs`) and returns the proving times in milliseconds.

async function load(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`fetching ${url} failed with HTTP ${response.status}`);
  return { type: "mem", data: new Uint8Array(await response.arrayBuffer()) };
}

async function runBenchmark({ pairs, zksegInput, semaphoreInput }) {
  // Files are fetched once and proved from memory, so the times exclude downloads.
  const circuits = {
    zkseg: { input: zksegInput, wasm: await load("/zkseg.wasm"), zkey: await load("/zkseg.zkey") },
    semaphore: { input: semaphoreInput, wasm: await load("/semaphore.wasm"), zkey: await load("/semaphore.zkey") },
  };
  const prove = async (name) => {
    const circuit = circuits[name];
    const started = performance.now();
    await globalThis.snarkjs.groth16.fullProve(circuit.input, circuit.wasm, circuit.zkey);
    return performance.now() - started;
  };
  // One untimed proof each compiles the wasm and starts snarkjs' web workers.
  await prove("zkseg");
  await prove("semaphore");
  const zkseg = [];
  const semaphore = [];
  for (let pair = 0; pair < pairs; pair++) {
    zkseg.push(await prove("zkseg"));
    semaphore.push(await prove("semaphore"));
  }
  return { zkseg, semaphore, hardwareConcurrency: navigator.hardwareConcurrency };
}

globalThis.runBenchmark = runBenchmark;
