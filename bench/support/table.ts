// Markdown tables for benchmark output, so results paste into a document as printed.

/** Prints a markdown table; columns after the first are right-aligned. */
export function printTable(header: readonly string[], rows: readonly (readonly string[])[]): void {
  console.log(`| ${header.join(" | ")} |`);
  console.log(`|${header.map((_, i) => (i === 0 ? "---" : "---:")).join("|")}|`);
  for (const row of rows) {
    if (row.length !== header.length) throw new Error(`table row has ${row.length} cells, the header ${header.length}: ${row.join(" | ")}`);
    console.log(`| ${row.join(" | ")} |`);
  }
}

/** Formats a ratio with two decimals and an x, as "3.41x". */
export function times(ratio: number): string {
  return `${ratio.toFixed(2)}x`;
}
