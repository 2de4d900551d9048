import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import type { KubeObject, Resources } from '@tideline/core';

const run = promisify(execFile);

/** Commits `files` (path → content) to `main` of the repository at `url` and pushes. */
export async function pushFiles(url: string, files: Record<string, string>): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'tideline-push-'));
  const git = (...args: string[]) =>
    run('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd: work });
  try {
    await git('init', '-q', '-b', 'main');
    await git('remote', 'add', 'origin', url);
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(dirname(join(work, path)), { recursive: true });
      writeFileSync(join(work, path), content);
    }
    await git('add', '-A');
    await git('commit', '-q', '-m', 'test');
    await git('push', '-q', '-f', 'origin', 'main');
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** A ConfigMap manifest. */
export const configMap = (name: string): string =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: default\ndata:\n  a: b\n`;

/** Applies a GitRepository and a Kustomization named `name` (path `./<name>`) with `labels`. */
export async function applyGitOpsPair(
  resources: Resources,
  name: string,
  url: string,
  labels: Record<string, string> = {},
): Promise<void> {
  const metadata = { name, namespace: 'default', labels };
  await resources.apply(
    {
      apiVersion: 'source.toolkit.fluxcd.io/v1',
      kind: 'GitRepository',
      metadata,
      spec: { url, interval: '10m', ref: { branch: 'main' } },
    },
    { fieldManager: 'test' },
  );
  await resources.apply(
    {
      apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
      kind: 'Kustomization',
      metadata,
      spec: { interval: '10m', prune: true, path: `./${name}`, sourceRef: { kind: 'GitRepository', name } },
    },
    { fieldManager: 'test' },
  );
}

/** A Kustomization as tests read it. */
export type KustomizationObject = KubeObject & {
  spec?: { suspend?: boolean };
  status?: {
    lastHandledReconcileAt?: string;
    lastAppliedRevision?: string;
    conditions?: { type: string; status: string; reason: string; message?: string }[];
  };
};

/** Polls until `predicate` holds for the Kustomization; fails with the last state seen. */
export async function waitForKustomization(
  resources: Resources,
  name: string,
  predicate: (o: KustomizationObject) => boolean,
  timeoutMs = 90_000,
  namespace = 'default',
): Promise<KustomizationObject> {
  const ref = {
    apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
    kind: 'Kustomization',
    namespace,
    name,
  };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const obj = await resources.get<KustomizationObject>(ref);
    if (obj && predicate(obj)) return obj;
    if (Date.now() > deadline)
      throw new Error(`Kustomization ${name}: timed out; last: ${JSON.stringify(obj?.status)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** The Ready status of a Kustomization. */
export const readyOf = (o: KustomizationObject): string | undefined =>
  o.status?.conditions?.find((c) => c.type === 'Ready')?.status;
