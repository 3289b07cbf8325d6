// Figures the link map view draws: bytes per component and the change
// against the previous build.
import type { LinkMap } from "../../builder/types";

export interface ComponentSize {
  component: string;
  bytes: number;
  /** Bytes added since the previous build; undefined on the first build. */
  delta?: number;
}

/** Sums the placed input sections per component, largest first. */
export function componentSizes(map: LinkMap, previous?: LinkMap): ComponentSize[] {
  const totals = sumByComponent(map);
  const before = previous ? sumByComponent(previous) : undefined;
  const names = new Set([...totals.keys(), ...(before?.keys() ?? [])]);
  const rows: ComponentSize[] = [...names].map((component) => ({
    component,
    bytes: totals.get(component) ?? 0,
    delta: before ? (totals.get(component) ?? 0) - (before.get(component) ?? 0) : undefined,
  }));
  return rows.sort((a, b) => b.bytes - a.bytes || (a.component < b.component ? -1 : 1));
}

function sumByComponent(map: LinkMap): Map<string, number> {
  const totals = new Map<string, number>();
  for (const section of map.sections) {
    for (const input of section.inputs) totals.set(input.component, (totals.get(input.component) ?? 0) + input.size);
  }
  return totals;
}
