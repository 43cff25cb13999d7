// The smallest Bun-compiled program: the baseline for the agent's binary size, cold start and memory.
console.log("hello world");
