// The difference between two link maps, for showing what a change to the
// app did to the image: bytes per component and the symbols that appeared,
// disappeared or changed size.
import type { ImageSymbol, LinkMap } from "../types";
import { bytesPerComponent } from "./link-map";

export interface ComponentChange {
  component: string;
  fileBytesBefore: number;
  fileBytesAfter: number;
  memoryBytesBefore: number;
  memoryBytesAfter: number;
}

export interface SymbolChange {
  name: string;
  /** The defining object in the newer map, or in the older one for a removed symbol. */
  object: string;
  component: string;
  kind: ImageSymbol["kind"];
  /** Size in the older map; absent for an added symbol. */
  sizeBefore?: number;
  /** Size in the newer map; absent for a removed symbol. */
  sizeAfter?: number;
}

export interface LinkMapDiff {
  /** Components whose byte counts changed, including ones that appeared or disappeared. */
  components: ComponentChange[];
  added: SymbolChange[];
  removed: SymbolChange[];
  /** Symbols present in both maps whose size changed. */
  resized: SymbolChange[];
}

/**
 * Compares two link maps. Symbols are matched by name and defining object,
 * so a `static` function in two files counts as two symbols; linker-defined
 * symbols, which have no size, are left out.
 */
export function diffLinkMaps(before: LinkMap, after: LinkMap): LinkMapDiff {
  return { components: diffComponents(before, after), ...diffSymbols(before, after) };
}

function diffComponents(before: LinkMap, after: LinkMap): ComponentChange[] {
  const changes = new Map<string, ComponentChange>();
  const entry = (component: string) => {
    let change = changes.get(component);
    if (change === undefined) {
      change = { component, fileBytesBefore: 0, fileBytesAfter: 0, memoryBytesBefore: 0, memoryBytesAfter: 0 };
      changes.set(component, change);
    }
    return change;
  };
  for (const bytes of bytesPerComponent(before)) {
    const change = entry(bytes.component);
    change.fileBytesBefore = bytes.fileBytes;
    change.memoryBytesBefore = bytes.memoryBytes;
  }
  for (const bytes of bytesPerComponent(after)) {
    const change = entry(bytes.component);
    change.fileBytesAfter = bytes.fileBytes;
    change.memoryBytesAfter = bytes.memoryBytes;
  }
  return [...changes.values()]
    .filter((c) => c.fileBytesBefore !== c.fileBytesAfter || c.memoryBytesBefore !== c.memoryBytesAfter)
    .sort((a, b) => Math.abs(b.fileBytesAfter - b.fileBytesBefore) - Math.abs(a.fileBytesAfter - a.fileBytesBefore) || a.component.localeCompare(b.component));
}

function diffSymbols(before: LinkMap, after: LinkMap): Omit<LinkMapDiff, "components"> {
  const key = (symbol: ImageSymbol) => `${symbol.name}\0${symbol.object}`;
  const sized = (map: LinkMap) => new Map(map.symbols.filter((s) => s.component !== "linker").map((s) => [key(s), s]));
  const older = sized(before);
  const newer = sized(after);
  const describe = (symbol: ImageSymbol) => ({ name: symbol.name, object: symbol.object, component: symbol.component, kind: symbol.kind });
  const added: SymbolChange[] = [];
  const resized: SymbolChange[] = [];
  for (const [id, symbol] of newer) {
    const old = older.get(id);
    if (old === undefined) added.push({ ...describe(symbol), sizeAfter: symbol.size });
    else if (old.size !== symbol.size) resized.push({ ...describe(symbol), sizeBefore: old.size, sizeAfter: symbol.size });
  }
  const removed: SymbolChange[] = [];
  for (const [id, symbol] of older) if (!newer.has(id)) removed.push({ ...describe(symbol), sizeBefore: symbol.size });
  const byName = (a: SymbolChange, b: SymbolChange) => a.name.localeCompare(b.name) || a.object.localeCompare(b.object);
  return { added: added.sort(byName), removed: removed.sort(byName), resized: resized.sort(byName) };
}
