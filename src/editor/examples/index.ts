// The examples gallery, in menu order.
import { heap, hello, printfFormats, serialEcho, setjmpExample, tinyShell } from "./basics";
import { life, nullPointer, portIo, primes, timer, vgaArt } from "./devices";
import type { Example } from "./types";

export type { Example };

export const EXAMPLES: readonly Example[] = [
  hello,
  printfFormats,
  timer,
  serialEcho,
  tinyShell,
  heap,
  vgaArt,
  nullPointer,
  setjmpExample,
  portIo,
  life,
  primes,
];

export const DEFAULT_EXAMPLE = hello;

export function findExample(id: string): Example | undefined {
  return EXAMPLES.find((example) => example.id === id);
}
