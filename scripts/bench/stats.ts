// Summaries of repeated measurements: medians (what every row reports) and the spread shown beside them.

/** The median of a non-empty list; the mean of the middle two for an even count. */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error("Cannot take the median of no measurements");
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Smallest and largest value of a non-empty list. */
export function spread(values: readonly number[]): { min: number; max: number } {
  if (values.length === 0) throw new Error("Cannot take the spread of no measurements");
  return { min: Math.min(...values), max: Math.max(...values) };
}

/** Milliseconds with a precision that suits their size: "0.042 ms", "3.1 ms", "412 ms", "12.3 s". */
export function formatMs(ms: number): string {
  if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms >= 100) return `${ms.toFixed(0)} ms`;
  if (ms >= 1) return `${ms.toFixed(1)} ms`;
  return `${ms.toFixed(3)} ms`;
}

/** Bytes in decimal megabytes, as the targets are stated ("+3 MB"). */
export function formatMb(bytes: number): string {
  return `${(bytes / 1e6).toFixed(2)} MB`;
}
