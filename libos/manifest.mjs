// Writes headers.json and libos.json next to libos.a; build.sh runs it after ar.
// Usage: node manifest.mjs OUT_DIR (run from the libos directory).

import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const VERSION = "0.2.0";
const SOURCE_EXTENSIONS = [".c", ".S", ".h", ".ld", ".sh", ".mjs"];

/** Lists files under dir with forward-slash paths relative to dir, sorted by code unit. */
function listFiles(dir, prefix = "") {
  const files = [];
  for (const name of readdirSync(join(dir, prefix))) {
    const relative = prefix === "" ? name : `${prefix}/${name}`;
    if (statSync(join(dir, relative)).isDirectory()) files.push(...listFiles(dir, relative));
    else files.push(relative);
  }
  return files.sort();
}

const outDir = process.argv[2];
if (!outDir) {
  console.error("usage: node manifest.mjs OUT_DIR");
  process.exit(2);
}

const headers = {};
for (const name of listFiles("include")) headers[name] = readFileSync(join("include", name), "utf8");
writeFileSync(join(outDir, "headers.json"), JSON.stringify(headers, null, 2) + "\n");

// The sources hash covers "path\0contents\0" for every source, header and build file in path order.
const sources = createHash("sha256");
for (const name of listFiles(".").filter((f) => SOURCE_EXTENSIONS.some((ext) => f.endsWith(ext)))) {
  sources.update(name + "\0");
  sources.update(readFileSync(name));
  sources.update("\0");
}

/* The component of each kernel/ source; the other directories name their component themselves. */
const KERNEL_COMPONENTS = {
  "abort.c": "libc/stdlib",
  "assert.c": "libc/assert",
  "console.c": "console",
  "exit.c": "libc/stdlib",
  "halt.c": "boot",
  "idt.c": "boot",
  "init.c": "boot",
  "io.c": "hardware",
  "irq.c": "interrupts",
  "keyboard.c": "keyboard",
  "paging.c": "faults",
  "panic.c": "faults",
  "pci.c": "pci",
  "pic.c": "interrupts",
  "rtc.c": "time",
  "stack_chk.c": "faults",
  "timer.c": "time",
  "trap.c": "faults",
  "tss.c": "faults",
  "tsc.c": "time",
  "uart.c": "console",
  "vga.c": "vga",
};

/**
 * Maps a source path to its component: boot/start.S is boot, the exception
 * stubs are faults, kernel/ files follow KERNEL_COMPONENTS, libc/DIR/ files
 * are libc/DIR and libgcc/ files are libgcc. Exits on a kernel file
 * missing from the table, so every archive member has a component.
 */
function componentOf(source) {
  if (source === "boot/start.S") return "boot";
  if (source === "boot/vectors.S") return "faults";
  const [dir, sub] = source.split("/");
  if (dir === "kernel") {
    const component = KERNEL_COMPONENTS[sub];
    if (!component) {
      console.error(`manifest.mjs: ${source} has no component; add it to KERNEL_COMPONENTS`);
      process.exit(1);
    }
    return component;
  }
  if (dir === "libc") return `libc/${sub}`;
  if (dir === "libgcc") return "libgcc";
  console.error(`manifest.mjs: ${source} is outside boot/, kernel/, libc/ and libgcc/`);
  process.exit(1);
}

/** The archive member name of each source, as build.sh names the objects. */
function memberOf(source) {
  return source.slice(source.lastIndexOf("/") + 1).replace(/\.[cS]$/, ".o");
}

const components = {};
const objectSources = ["boot", "kernel", "libc", "libgcc"]
  .flatMap((dir) => listFiles(dir).map((name) => `${dir}/${name}`))
  .filter((name) => name.endsWith(".c") || name.endsWith(".S"));
for (const source of objectSources.sort((a, b) => (memberOf(a) < memberOf(b) ? -1 : memberOf(a) > memberOf(b) ? 1 : 0))) {
  components[memberOf(source)] = componentOf(source);
}

const manifest = {
  version: VERSION,
  archive: "libos.a",
  sha256: createHash("sha256").update(readFileSync(join(outDir, "libos.a"))).digest("hex"),
  sources: sources.digest("hex"),
  components,
};
writeFileSync(join(outDir, "libos.json"), JSON.stringify(manifest, null, 2) + "\n");
