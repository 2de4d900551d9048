import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** The repository root (this file lives in apps/server/src or apps/server/dist). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** Where the server keeps its own state: the admin token hash, the session secret, artifacts. */
export function defaultStateDir(): string {
  return join(homedir(), '.local', 'share', 'tideline', 'server');
}

const ConfigSchema = z.object({
  kubeconfig: z.string().min(1).optional(),
  host: z.string().min(1).default('127.0.0.1'),
  port: z.coerce.number().int().min(0).max(65535).default(3000),
  stateDir: z.string().min(1).default(defaultStateDir()),
  sandboxDir: z.string().min(1).optional(),
  adminToken: z.string().min(16, 'TIDELINE_ADMIN_TOKEN must be at least 16 characters').optional(),
  kubectlBin: z
    .string()
    .min(1)
    .default(join(REPO_ROOT, '.tools', 'bin', 'kubectl')),
  helmBin: z
    .string()
    .min(1)
    .default(join(REPO_ROOT, '.tools', 'bin', 'helm')),
  webDir: z
    .string()
    .min(1)
    .default(join(REPO_ROOT, 'apps', 'web')),
  /** Watch and act on a cluster whose Flux controllers do the reconciling; run no engine. */
  observe: z.boolean().default(false),
  /** Create and bootstrap the demo repository (default: when running on the embedded sandbox). */
  demo: z.boolean().optional(),
});

/** Validated server configuration. */
export type Config = z.output<typeof ConfigSchema>;

/**
 * The one place configuration enters: flags win over environment variables
 * (TIDELINE_PORT, TIDELINE_HOST, TIDELINE_ADMIN_TOKEN, KUBECTL_BIN, HELM_BIN, TIDELINE_STATE_DIR).
 */
export function loadConfig(flags: Partial<Record<keyof Config, unknown>>, env: NodeJS.ProcessEnv): Config {
  const pick = <T>(flag: T | undefined, value: string | undefined): T | string | undefined =>
    flag ?? (value || undefined);
  const result = ConfigSchema.safeParse({
    ...flags,
    host: pick(flags.host, env.TIDELINE_HOST),
    port: pick(flags.port, env.TIDELINE_PORT),
    adminToken: env.TIDELINE_ADMIN_TOKEN || undefined,
    stateDir: pick(flags.stateDir, env.TIDELINE_STATE_DIR),
    kubectlBin: pick(flags.kubectlBin, env.KUBECTL_BIN),
    helmBin: pick(flags.helmBin, env.HELM_BIN),
  });
  if (!result.success) {
    throw new Error(
      `invalid configuration: ${result.error.issues.map((i) => `${i.path.join('.') || 'value'}: ${i.message}`).join('; ')}`,
    );
  }
  return result.data;
}
