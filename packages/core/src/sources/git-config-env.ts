/**
 * git configuration passed through the environment (`GIT_CONFIG_COUNT`, `GIT_CONFIG_KEY_<n>`,
 * `GIT_CONFIG_VALUE_<n>`, git ≥ 2.31) rather than `-c` flags: values set this way (auth headers,
 * paths of key files) stay out of the process's argv, which any local user can read in /proc.
 */

/** One `key`, `value` pair of git configuration. */
export type GitConfigEntry = readonly [key: string, value: string];

/** The environment variables that hand `entries` to git; empty when there are none. Pure. */
export function gitConfigEnvironment(entries: readonly GitConfigEntry[]): Record<string, string> {
  if (entries.length === 0) return {};
  const env: Record<string, string> = { GIT_CONFIG_COUNT: String(entries.length) };
  entries.forEach(([key, value], i) => {
    env[`GIT_CONFIG_KEY_${i}`] = key;
    env[`GIT_CONFIG_VALUE_${i}`] = value;
  });
  return env;
}
