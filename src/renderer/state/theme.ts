export const themes = ['system', 'light', 'dark'] as const;
export type Theme = (typeof themes)[number];

const key = 'alga-console-theme';

export function storedTheme(): Theme {
  const value = localStorage.getItem(key);
  return themes.find((t) => t === value) ?? 'system';
}

/** Applies a theme to the document (CSS picks colours with light-dark()) and remembers it. */
export function applyTheme(theme: Theme): void {
  if (theme === 'system') {
    delete document.documentElement.dataset.theme;
    localStorage.removeItem(key);
  } else {
    document.documentElement.dataset.theme = theme;
    localStorage.setItem(key, theme);
  }
}
