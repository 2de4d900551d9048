import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, found from this file's location (src or dist). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');

/** Path of a pinned tool installed by `npm run setup` (`KUBECTL_BIN`/`HELM_BIN` override in tests). */
function pinned(name: 'kubectl' | 'helm', override: string | undefined): string {
  if (override) return override;
  const path = join(REPO_ROOT, '.tools', 'bin', name);
  if (!existsSync(path)) throw new Error(`${path} is missing: run \`npm run setup\` first`);
  return path;
}

/** The pinned kubectl v1.35.2 (kustomize v5.7.1). */
export function pinnedKubectl(): string {
  return pinned('kubectl', process.env.KUBECTL_BIN);
}

/** The pinned helm v4.1.4. */
export function pinnedHelm(): string {
  return pinned('helm', process.env.HELM_BIN);
}
