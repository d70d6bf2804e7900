// The campaign's running parts: the verifier service on the embedded
// database and a local anvil chain with the registry deployed.
import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { JsonRpcProvider, type Contract } from "ethers";
import { createService, type ZksegService } from "../verifier-service/service.js";
import { startAnvil, type AnvilInstance } from "../contracts/anvil.js";
import { deployRegistry } from "../contracts/deploy.js";

export interface CampaignEnvironment {
  service: ZksegService;
  serviceUrl: string;
  dataDir: string;
  anvil: AnvilInstance;
  registry: Contract;
  registryAddress: string;
  stop(): Promise<void>;
}

/**
 * Starts the service with k-anonymity 1 (the campaign compares exact counts
 * with the ground truth) and anvil with a fresh registry. `dataDir` defaults
 * to a new folder under the OS temp directory.
 */
export async function startEnvironment(options: { dataDir?: string; port: number }): Promise<CampaignEnvironment> {
  const dataDir = options.dataDir ?? (await mkdtemp(path.join(os.tmpdir(), "zkseg-demo-")));
  const service = await createService({ dataDir, kAnonymity: 1, logLevel: "warn" });
  const serviceUrl = await service.start(options.port);
  let anvil: AnvilInstance | undefined;
  try {
    anvil = await startAnvil();
    const signer = await new JsonRpcProvider(anvil.rpcUrl).getSigner(0);
    const { registry, registryAddress } = await deployRegistry(signer);
    const running = anvil;
    return {
      service,
      serviceUrl,
      dataDir,
      anvil: running,
      registry,
      registryAddress,
      async stop() {
        await Promise.allSettled([service.stop(), running.stop()]);
      },
    };
  } catch (error) {
    await Promise.allSettled([service.stop(), anvil?.stop()]);
    throw error;
  }
}
