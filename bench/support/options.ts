// Command-line options shared by the benchmark scripts.

/** The environment variable that bench/run.ts sets for `npm run bench -- --quick`. */
export const QUICK_ENVIRONMENT_VARIABLE = "UKP_BENCH_QUICK";

/**
 * Whether the script should cut its repetitions so the whole suite runs in
 * a few minutes: `--quick` on the command line or UKP_BENCH_QUICK=1.
 */
export function isQuick(argv: readonly string[] = process.argv.slice(2), env: NodeJS.ProcessEnv = process.env): boolean {
  return argv.includes("--quick") || env[QUICK_ENVIRONMENT_VARIABLE] === "1";
}

/**
 * Reads `--NAME N` from `argv` as a positive integer; returns `fallback`
 * when the option is absent. Throws a usage error for a missing or invalid value.
 */
export function positiveIntegerOption(argv: readonly string[], name: string, fallback: number): number {
  const index = argv.indexOf(`--${name}`);
  if (index < 0) return fallback;
  const text = argv[index + 1];
  const value = Number(text);
  if (text === undefined || !Number.isInteger(value) || value <= 0) {
    throw new Error(`invalid --${name} ${text ?? "(missing)"}: expected a positive integer, for example --${name} ${fallback}`);
  }
  return value;
}

/** positiveIntegerOption for a script's top level: prints the usage error with the script's name and exits with status 2. */
export function positiveIntegerOptionOrExit(script: string, argv: readonly string[], name: string, fallback: number): number {
  try {
    return positiveIntegerOption(argv, name, fallback);
  } catch (error) {
    console.error(`${script}: ${(error as Error).message}`);
    process.exit(2);
  }
}
