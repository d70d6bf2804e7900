pragma circom 2.1.5;

// Semaphore v4 at Merkle tree depth 20 (about one million members), public inputs as published.
include "semaphore.circom";

component main {public [message, scope]} = Semaphore(20);
