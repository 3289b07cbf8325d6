// Figures the link map view draws, from the linker's own summaries: bytes
// per component and the change against the previous build.
import { bytesPerComponent } from "../../builder/ld/link-map";
import { diffLinkMaps, type SymbolChange } from "../../builder/ld/link-map-diff";
import type { LinkMap } from "../../builder/types";

export interface ComponentSize {
  component: string;
  /** Bytes in the image file (everything but .bss). */
  bytes: number;
  /** Bytes in guest memory, .bss included. */
  memoryBytes: number;
  /** File bytes added since the previous build; undefined on the first build. */
  delta?: number;
}

/** Lists the components largest first, with deltas when `previous` is given; a component that disappeared has 0 bytes. */
export function componentSizes(map: LinkMap, previous?: LinkMap): ComponentSize[] {
  const rows: ComponentSize[] = bytesPerComponent(map).map((c) => ({ component: c.component, bytes: c.fileBytes, memoryBytes: c.memoryBytes }));
  if (!previous) return rows;
  const changes = new Map(diffLinkMaps(previous, map).components.map((c) => [c.component, c]));
  for (const row of rows) {
    const change = changes.get(row.component);
    row.delta = change ? change.fileBytesAfter - change.fileBytesBefore : 0;
  }
  for (const change of changes.values()) {
    if (rows.some((row) => row.component === change.component)) continue;
    rows.push({ component: change.component, bytes: 0, memoryBytes: 0, delta: -change.fileBytesBefore });
  }
  return rows;
}

export interface SymbolDelta {
  name: string;
  component: string;
  /** Size before and after; undefined for an added or a removed symbol. */
  before?: number;
  after?: number;
}

/** Lists the symbols added, removed or resized since `previous`, largest change first. */
export function symbolChanges(map: LinkMap, previous: LinkMap): SymbolDelta[] {
  const diff = diffLinkMaps(previous, map);
  const all: SymbolChange[] = [...diff.added, ...diff.removed, ...diff.resized];
  const change = (s: SymbolChange) => Math.abs((s.sizeAfter ?? 0) - (s.sizeBefore ?? 0));
  return all
    .sort((a, b) => change(b) - change(a) || a.name.localeCompare(b.name))
    .map((s) => ({ name: s.name, component: s.component, before: s.sizeBefore, after: s.sizeAfter }));
}
