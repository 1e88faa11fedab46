import { useEffect, useState } from 'react';

export type Theme = 'light' | 'dark';
const KEY = 'acme-admin-theme';

/** Light by default; dark when the person picked it (remembered in this browser). */
export function useTheme(): [Theme, (theme: Theme) => void] {
  const [theme, setTheme] = useState<Theme>(() => (localStorage.getItem(KEY) === 'dark' ? 'dark' : 'light'));
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
    localStorage.setItem(KEY, theme);
  }, [theme]);
  return [theme, setTheme];
}

export function applyStoredTheme(): void {
  document.documentElement.dataset.theme = localStorage.getItem(KEY) === 'dark' ? 'dark' : 'light';
}
