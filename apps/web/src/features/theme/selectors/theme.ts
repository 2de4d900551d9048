/** The user's theme choice: follow the operating system, or a fixed one. */
export type ThemeChoice = 'system' | 'light' | 'dark';

/** The theme choices, in the order the toggle offers them. */
export const THEME_CHOICES: readonly ThemeChoice[] = ['system', 'light', 'dark'];

/** The cookie that persists the choice (read by the server, so the first paint is already right). */
export const THEME_COOKIE = 'tideline-theme';

/** The choice a cookie value stands for; anything else follows the system. Pure. */
export function parseThemeChoice(value: string | undefined | null): ThemeChoice {
  return value === 'light' || value === 'dark' ? value : 'system';
}

/** The scheme actually shown for a choice, given whether the OS prefers dark. Pure. */
export function resolvedScheme(choice: ThemeChoice, systemPrefersDark: boolean): 'light' | 'dark' {
  return choice === 'system' ? (systemPrefersDark ? 'dark' : 'light') : choice;
}

/** The Set-Cookie-style string that stores a choice for a year on this site. Pure. */
export function themeCookie(choice: ThemeChoice): string {
  return `${THEME_COOKIE}=${choice}; Path=/; Max-Age=31536000; SameSite=Strict`;
}
