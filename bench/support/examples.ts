// The gallery examples as benchmark inputs.
import { EXAMPLES, type Example } from "../../src/editor/examples";

/** Total source characters of an example, headers included. */
export function sourceCharacters(example: Example): number {
  return Object.values(example.files).reduce((sum, text) => sum + text.length, 0);
}

/** Total source lines of an example, headers included; a final line without a newline counts. */
export function sourceLines(example: Example): number {
  return Object.values(example.files).reduce((sum, text) => sum + lineCount(text), 0);
}

export function lineCount(text: string): number {
  return text.split("\n").length - (text.endsWith("\n") ? 1 : 0);
}

/** Returns the example with the most source characters: the largest input the gallery gives the builder. */
export function largestExample(examples: readonly Example[] = EXAMPLES): Example {
  if (examples.length === 0) throw new Error("no examples to choose from");
  return examples.reduce((largest, example) => (sourceCharacters(example) > sourceCharacters(largest) ? example : largest));
}

/** Returns the files of an example that a build compiles or assembles (every file but `.h` headers, as build() chooses them). */
export function compiledSources(example: Example): string[] {
  return Object.keys(example.files).filter((name) => !name.endsWith(".h")).sort();
}

export function findGalleryExample(id: string): Example {
  const example = EXAMPLES.find((candidate) => candidate.id === id);
  if (!example) throw new Error(`no gallery example with id ${id}; ids: ${EXAMPLES.map((e) => e.id).join(", ")}`);
  return example;
}

export { EXAMPLES };
export type { Example };
