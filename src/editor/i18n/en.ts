// English UI text. Placeholders in braces are filled by `translate`.
export const en = {
  title: "Unikernel playground",
  run: "Run",
  runLabel: "Build and boot the program (Ctrl+Enter)",
  stop: "Stop",
  stopLabel: "Stop the running guest",
  language: "Language",
  editorHeading: "main.c",
  editorLabel: "C source editor",
  consoleHeading: "Serial console (COM1)",
  consoleLabel: "Serial console of the guest; type here to send input to COM1",

  loadingEditor: "Loading the editor…",
  loadingEmulator: "Loading the emulator…",
  loadingLibrary: "Loading the library OS…",
  ready: "Ready. Press Run or Ctrl+Enter.",
  building: "Building…",
  booting: "Booting…",
  running: "Running",

  compileMs: "compile {value} ms",
  linkMs: "link {value} ms",
  imageBytes: "image {value} bytes",
  bootInstructions: "boot {value} instructions",
  bootMicros: "{value} µs to main",
  firstOutputMs: "first output {value} ms after Run",

  exitCode: "exited with code {code}",
  panic: "guest panicked, exit code {code}",
  halt: "guest halted without an exit code",
  crash: "emulator crashed: {message}",
  timeout: "timed out",
  stopped: "stopped",
  buildFailed: "build failed: {count} error(s), see the console",

  editorFailed: "The editor failed to load: {message}. Reload the page to try again.",
  emulatorFailed: "The emulator failed to load: {message}. Reload the page to try again.",
  libraryFailed: "The library OS failed to load: {message}. Reload the page to try again.",
  workerFailed: "The build worker failed: {message}. Your code is kept; press Run to retry.",
  runFailed: "The run failed: {message}. Your code is kept; press Run to retry.",
} as const;

export type MessageKey = keyof typeof en;
