// The shape of a gallery example. Each one is a small lesson: its files
// carry English and Korean comments, and `expect` lists what its console
// must show, which the example tests check.
export interface Example {
  id: string;
  title: { en: string; ko: string };
  files: Record<string, string>;
  /** Text typed into the serial console after the first output, for examples that read input. */
  input?: string;
  /** Patterns that consecutive console lines must match, from the first line. */
  expect: RegExp[];
  /** The exit the run must end with: an exit code, or "panic" for a library OS panic. */
  exit: number | "panic";
}
