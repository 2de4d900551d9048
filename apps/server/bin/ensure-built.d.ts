/** The repository root. */
export const REPO_ROOT: string;

/** A TypeScript project the CLI loads: its folder, package name, and the file its build must produce. */
export interface BuildProject {
  dir: string;
  name?: string;
  output: string;
}

/** Why a project needs building, or undefined when its dist/ is current. */
export function staleReason(root: string, project: BuildProject): string | undefined;

/** Builds what `tideline <argv>` needs and is missing or stale; returns the steps it ran. */
export function ensureBuilt(
  argv: readonly string[],
  options?: { root?: string; say?: (line: string) => void },
): string[];
