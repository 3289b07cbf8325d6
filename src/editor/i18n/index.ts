// The UI's message dictionary: English and Korean, chosen by a `?lang=`
// query parameter, then the saved choice, then navigator.language.
import { en, type MessageKey } from "./en";
import { ko } from "./ko";

export type { MessageKey };
export type Language = "en" | "ko";

export const LANGUAGES: readonly Language[] = ["en", "ko"];

const dictionaries: Record<Language, Record<MessageKey, string>> = { en, ko };

const STORAGE_KEY = "ukp.playground.language";

let current: Language = "en";
const listeners = new Set<(language: Language) => void>();

function isLanguage(value: string | null | undefined): value is Language {
  return value === "en" || value === "ko";
}

/** Picks the starting language: `?lang=en|ko`, then the saved choice, then the browser's. */
export function detectLanguage(search: string, saved: string | null, browserLanguage: string): Language {
  const requested = new URLSearchParams(search).get("lang");
  if (isLanguage(requested)) return requested;
  if (isLanguage(saved)) return saved;
  return browserLanguage.toLowerCase().startsWith("ko") ? "ko" : "en";
}

export function initLanguage(): Language {
  let saved: string | null = null;
  try {
    saved = localStorage.getItem(STORAGE_KEY);
  } catch {
    // Storage is unavailable in some privacy modes, and then the choice is not remembered.
  }
  current = detectLanguage(location.search, saved, navigator.language);
  document.documentElement.lang = current;
  return current;
}

export function currentLanguage(): Language {
  return current;
}

export function setLanguage(language: Language): void {
  current = language;
  document.documentElement.lang = language;
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Storage is unavailable (see initLanguage), so the choice lasts for this page only.
  }
  for (const listener of listeners) listener(language);
}

/** Registers a listener for language changes and returns a function that removes it. */
export function onLanguageChange(listener: (language: Language) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Looks up `key` in the current language and fills its `{name}` placeholders from `params`. */
export function translate(key: MessageKey, params: Record<string, string | number> = {}): string {
  const template = dictionaries[current][key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

/** Formats a number with the current language's grouping and at most `fractionDigits` decimals. */
export function formatNumber(value: number, fractionDigits = 0): string {
  return new Intl.NumberFormat(current === "ko" ? "ko-KR" : "en-US", {
    maximumFractionDigits: fractionDigits,
    minimumFractionDigits: fractionDigits,
  }).format(value);
}

/**
 * Fills every element with `data-i18n="key"` (its text), `data-i18n-title="key"`
 * (its tooltip) or `data-i18n-aria="key"` (its aria-label).
 */
export function translateDocument(root: ParentNode): void {
  for (const element of root.querySelectorAll<HTMLElement>("[data-i18n]")) {
    element.textContent = translate(element.dataset.i18n as MessageKey);
  }
  for (const element of root.querySelectorAll<HTMLElement>("[data-i18n-title]")) {
    element.title = translate(element.dataset.i18nTitle as MessageKey);
  }
  for (const element of root.querySelectorAll<HTMLElement>("[data-i18n-aria]")) {
    element.setAttribute("aria-label", translate(element.dataset.i18nAria as MessageKey));
  }
}
