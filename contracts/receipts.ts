// Waits for transaction receipts by polling for them directly.
//
// ethers v6's `wait()` looks the receipt up once and then waits for the next
// block before looking again. On anvil with automine, a receipt can be missing
// right after eth_sendTransaction, and no further block comes unless another
// transaction is sent, so `wait()` can block forever. Polling
// eth_getTransactionReceipt does not depend on new blocks.
import type { ContractTransactionReceipt, ContractTransactionResponse, TransactionReceipt } from "ethers";

/** Maximum wait for a receipt, in milliseconds. */
export const RECEIPT_TIMEOUT_MS = 120_000;
const POLL_INTERVAL_MS = 100;

/**
 * Resolves with the mined receipt of `response`; throws when the transaction
 * reverted or no receipt appeared within `timeoutMs`.
 */
export async function waitForReceipt(
  response: ContractTransactionResponse,
  timeoutMs = RECEIPT_TIMEOUT_MS,
): Promise<ContractTransactionReceipt> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const receipt: TransactionReceipt | null = await response.provider.getTransactionReceipt(response.hash);
    if (receipt) {
      if (receipt.status !== 1) {
        throw new Error(`transaction ${response.hash} reverted in block ${receipt.blockNumber}`);
      }
      return receipt as ContractTransactionReceipt;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `no receipt for transaction ${response.hash} after ${timeoutMs / 1000} s; check that the node at the RPC URL is mining`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
  }
}
