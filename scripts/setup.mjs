#!/usr/bin/env node
// Everything a fresh machine needs before Tideline builds, runs or tests. Idempotent and
// fast when done already. No npm dependencies: it runs before `npm ci`.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { installDebianPackages } from './setup/apt.mjs';
import { ensureKubernetes } from './setup/kubernetes.mjs';
import { ensureNpmDependencies } from './setup/npm.mjs';
import { installTools } from './setup/tools.mjs';

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Runs every setup step; `sandbox: false` skips what only the embedded sandbox needs. */
export function setup({ sandbox = true, log = console.log } = {}) {
  installDebianPackages(undefined, log);
  ensureNpmDependencies(REPO_ROOT, log);
  installTools(REPO_ROOT, log);
  if (sandbox && !ensureKubernetes(REPO_ROOT, log)) process.exit(1);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) setup();
