import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';

/**
 * e2e runs the product the way `npm start` does (`tideline start`, which brings up the
 * embedded sandbox and the demo repository), on scratch dirs so a developer's own sandbox is
 * untouched, and drives Debian's Chromium.
 */
export const E2E_PORT = Number(process.env.TIDELINE_E2E_PORT ?? 3210);
export const E2E_DIR = process.env.TIDELINE_E2E_DIR ?? join(tmpdir(), `tideline-e2e-${process.ppid}`);
export const E2E_TOKEN = 'e2e-admin-token-0123456789';
/**
 * Where sso.spec.ts runs a real OpenID provider (oidc-provider) during its test. Tideline is
 * started pointing at it: it asks the provider only when someone signs in with it.
 */
export const E2E_OIDC_PORT = Number(process.env.TIDELINE_E2E_OIDC_PORT ?? E2E_PORT + 1);
/** Tideline's client at that provider. */
export const E2E_OIDC_CLIENT = { id: 'tideline-e2e', secret: 'e2e-oidc-client-secret-0123456789' };
/** The access policy: the provider's `e2e-viewers` group may look, everywhere. */
export const E2E_ACCESS_POLICY = join(E2E_DIR, 'access.yaml');
mkdirSync(E2E_DIR, { recursive: true });
writeFileSync(E2E_ACCESS_POLICY, 'grants: [{role: viewer, groups: [e2e-viewers]}]\n');

process.env.TIDELINE_E2E_DIR = E2E_DIR;

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  fullyParallel: false,
  workers: 1,
  timeout: 180_000,
  expect: { timeout: 30_000 },
  reporter: [['list']],
  outputDir: join(E2E_DIR, 'test-results'),
  use: {
    baseURL: `http://127.0.0.1:${E2E_PORT}`,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_BIN ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  webServer: {
    command: `node apps/server/bin/tideline.js start --port ${E2E_PORT} --sandbox-dir ${join(E2E_DIR, 'sandbox')} --state-dir ${join(E2E_DIR, 'state')} --access-policy ${E2E_ACCESS_POLICY}`,
    cwd: join(import.meta.dirname, '..'),
    url: `http://127.0.0.1:${E2E_PORT}/healthz`,
    timeout: 600_000,
    reuseExistingServer: false,
    env: {
      TIDELINE_ADMIN_TOKEN: E2E_TOKEN,
      NEXT_TELEMETRY_DISABLED: '1',
      TIDELINE_OIDC_ISSUER: `http://127.0.0.1:${E2E_OIDC_PORT}`,
      TIDELINE_OIDC_CLIENT_ID: E2E_OIDC_CLIENT.id,
      TIDELINE_OIDC_CLIENT_SECRET: E2E_OIDC_CLIENT.secret,
    },
    gracefulShutdown: { signal: 'SIGTERM', timeout: 30_000 },
    stdout: 'pipe',
    stderr: 'pipe',
  },
});
