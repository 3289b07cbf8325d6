// The toolbar's optimisation selector (-O0, -O1, -O2). The page script
// builds it in front of the time-limit field before the first translation
// pass, so its texts come from the dictionary like the rest of the toolbar.
import type { OptimizeLevel } from "../builder/cc";
import type { MessageKey } from "./i18n";
import { isOptimizeLevel, OPTIMIZE_LEVELS } from "./workspace";

const OPTION_KEYS: Record<OptimizeLevel, MessageKey> = { 0: "optimizeOption0", 1: "optimizeOption1", 2: "optimizeOption2" };

/**
 * Creates the labelled `<select id="optimize">`, disabled until the page
 * enables it, and inserts it before `before`. Returns the select.
 */
export function insertOptimizeSelect(before: Element): HTMLSelectElement {
  const document = before.ownerDocument;
  const label = document.createElement("label");
  label.className = "field";
  label.dataset.i18nTitle = "optimizeLabel";

  const caption = document.createElement("span");
  caption.dataset.i18n = "optimizeLevel";
  caption.textContent = "Optimisation";

  const select = document.createElement("select");
  select.id = "optimize";
  select.dataset.testid = "optimize";
  select.disabled = true;
  // On the select too, so that screen readers announce the tooltip as its description.
  select.dataset.i18nTitle = "optimizeLabel";
  for (const level of OPTIMIZE_LEVELS) {
    const option = document.createElement("option");
    option.value = String(level);
    option.dataset.i18n = OPTION_KEYS[level];
    option.textContent = `-O${level}`;
    select.append(option);
  }

  label.append(caption, select);
  before.before(label);
  return select;
}

/** Returns the level picked in the select. */
export function selectedOptimizeLevel(select: HTMLSelectElement): OptimizeLevel {
  const level = Number(select.value);
  if (!isOptimizeLevel(level)) throw new Error(`internal error: the optimisation select has the value '${select.value}'`);
  return level;
}
