import { join } from 'node:path';
import { REPO_ROOT } from '../config.js';

/** The pinned tool a command runs: `KUBECTL_BIN`/`HELM_BIN`, else the project's `.tools/bin` (as `tideline start`). */
export function pinnedTool(tool: 'kubectl' | 'helm', env: NodeJS.ProcessEnv = process.env): string {
  const override = tool === 'kubectl' ? env.KUBECTL_BIN : env.HELM_BIN;
  return override || join(REPO_ROOT, '.tools', 'bin', tool);
}
