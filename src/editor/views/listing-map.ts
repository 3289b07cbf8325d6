// Source-line mapping of the compiler's assembly listing. The code
// generator puts a `# file:line: source` comment before each statement's
// instructions, so every listing line after such a comment belongs to that
// source line until the next comment or the end of the function.

export interface SourceLine {
  file: string;
  line: number;
}

export interface ListingMap {
  /** The listings of all files joined, each under a `## file` header line. */
  text: string;
  /** For each 1-based listing line (index 0 unused), the source line it came from. */
  sourceOf: (SourceLine | undefined)[];
}

const STATEMENT_COMMENT = /^# (.+?):(\d+): /;
const FUNCTION_END = /^\s*\.size\s/;

/** Joins the listings in file-name order and maps each listing line to its source line. */
export function mapListings(listings: Record<string, string>): ListingMap {
  const lines: string[] = [];
  const sourceOf: (SourceLine | undefined)[] = [undefined];
  for (const file of Object.keys(listings).sort()) {
    lines.push(`## ${file}`);
    sourceOf.push(undefined);
    let current: SourceLine | undefined;
    for (const line of listings[file].replace(/\n$/, "").split("\n")) {
      const comment = STATEMENT_COMMENT.exec(line);
      if (comment) current = { file: comment[1], line: Number(comment[2]) };
      lines.push(line);
      sourceOf.push(current);
      if (FUNCTION_END.test(line)) current = undefined;
    }
  }
  return { text: lines.join("\n"), sourceOf };
}

/** Returns the 1-based listing lines that came from `file:line`, in order. */
export function listingLinesFor(map: ListingMap, file: string, line: number): number[] {
  const found: number[] = [];
  map.sourceOf.forEach((source, index) => {
    if (source && source.file === file && source.line === line) found.push(index);
  });
  return found;
}
