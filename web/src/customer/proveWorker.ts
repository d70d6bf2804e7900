// Web Worker entry of the customer page: the SDK's prover worker, after the Buffer polyfill
// that circomlibjs needs when its modules load.
import "../shared/bufferPolyfill.js";
import "../../../prover/src/browser/worker.js";
