// Light and dark theme: a `data-theme` attribute on <html> switches the CSS
// variables, and listeners restyle Monaco and xterm. The choice is saved;
// without one, the system's prefers-color-scheme decides.
export type Theme = "light" | "dark";

const STORAGE_KEY = "ukp.playground.theme";
const listeners: ((theme: Theme) => void)[] = [];
let current: Theme = "light";

export function isTheme(value: string | null | undefined): value is Theme {
  return value === "light" || value === "dark";
}

/** Picks the starting theme: `requested` (from an embed option), then the saved choice, then the system's. */
export function initTheme(requested?: Theme): Theme {
  let saved: string | null = null;
  try {
    saved = localStorage.getItem(STORAGE_KEY);
  } catch {
    saved = null;
  }
  const systemDark = typeof matchMedia === "function" && matchMedia("(prefers-color-scheme: dark)").matches;
  current = requested ?? (isTheme(saved) ? saved : systemDark ? "dark" : "light");
  document.documentElement.dataset.theme = current;
  return current;
}

export function currentTheme(): Theme {
  return current;
}

export function setTheme(theme: Theme, remember = true): void {
  current = theme;
  document.documentElement.dataset.theme = theme;
  if (remember) {
    try {
      localStorage.setItem(STORAGE_KEY, theme);
    } catch {
      // Storage is unavailable, so the choice lasts for this page only.
    }
  }
  for (const listener of listeners) listener(theme);
}

export function onThemeChange(listener: (theme: Theme) => void): void {
  listeners.push(listener);
}
