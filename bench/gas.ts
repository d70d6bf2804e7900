// On-chain cost: gas of SegmentRegistry.submit and of the Groth16 verifier, next to Semaphore v4's
// verifier measured on the same local anvil chain by contracts/gas.ts.
import { show, type Recorder } from "./context.js";
import { measureGas } from "../contracts/gas.js";
import { ratio } from "./stats.js";

export async function measureGasCosts(recorder: Recorder): Promise<void> {
  const section = recorder.section("On chain (anvil)");
  const report = await measureGas();
  recorder.set("submitGas", Number(report.submitGas));
  recorder.set("submitGasFirstMember", Number(report.submitGasFirstMember));
  recorder.set("verifierGas", Number(report.verifierGas));
  recorder.set("verifierCallGas", Number(report.verifierCallGas));
  recorder.set("semaphoreVerifierCallGas", Number(report.semaphoreGas));
  const v = recorder.values;
  section.rows.push(
    {
      figure: "SegmentRegistry.submit, segment with members (receipt gasUsed)",
      zkseg: show(v.submitGas, "gas"),
      anchor: "Semaphore v4 validateProof: not measured here (needs a proof under Semaphore's own ceremony key)",
    },
    { figure: "SegmentRegistry.submit, first member", zkseg: show(v.submitGasFirstMember, "gas") },
    {
      figure: "transaction calling only verifyProof (eth_estimateGas)",
      zkseg: show(v.verifierGas, "gas"),
    },
    {
      figure: "inside the verifyProof call (gasleft difference)",
      zkseg: show(v.verifierCallGas, "gas"),
      anchor: `Semaphore v4 SemaphoreVerifier.verifyProof, depth 20: ${show(v.semaphoreVerifierCallGas, "gas")}`,
      ratio: ratio(v.verifierCallGas, v.semaphoreVerifierCallGas),
    },
  );
  section.notes.push(
    "Measured by contracts/gas.ts on a local anvil chain: two accepted submits into one segment, then the bare " +
      "verifier through a probe contract. The Semaphore anchor is @semaphore-protocol/contracts' SemaphoreVerifier " +
      "called with valid curve points that it rejects; the precompiles charge by input size, so a rejected and an " +
      "accepted proof cost the same there. zkseg has 6 public signals, Semaphore 4, and each costs one ecMul and ecAdd.",
  );
}
