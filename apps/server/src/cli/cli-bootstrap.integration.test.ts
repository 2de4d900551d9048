import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeObject } from '@tideline/core';
import { startCliFixture, type CliFixture } from '../testing/cli-fixture.js';
import { fluxGotkSync } from '../testing/gotk-sync-golden.js';

const run = promisify(execFile);
const AUTH = { username: 'fleet', password: 's3cret-token' };

let fx: CliFixture;
let url: string;
let work: string;

/** The URL with the test's own credentials in it, for the test's git commands only. */
function authed(repoUrl: string): string {
  const u = new URL(repoUrl);
  u.username = AUTH.username;
  u.password = AUTH.password;
  return u.href;
}

/** Runs git in `cwd` as a test user. */
function git(cwd: string, ...args: string[]) {
  return run('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd });
}

/** The commit `main` points to on the remote, or '' when there is none. */
async function remoteHead(repoUrl: string): Promise<string> {
  const { stdout } = await git(work, 'ls-remote', authed(repoUrl), 'refs/heads/main');
  return stdout.split('\t')[0] ?? '';
}

/** A fresh clone of `main`. */
async function clone(repoUrl: string): Promise<string> {
  const dir = mkdtempSync(join(work, 'clone-'));
  await git(work, 'clone', '-q', '-b', 'main', authed(repoUrl), dir);
  return dir;
}

/** `tideline bootstrap git` against the fleet repository with the good credentials, plus `extra`. */
function bootstrap(...extra: string[]) {
  return fx.cli(
    'bootstrap',
    'git',
    `--url=${url}`,
    '--branch=main',
    '--path=clusters/my-cluster',
    '--allow-insecure-http',
    `--username=${AUTH.username}`,
    `--password=${AUTH.password}`,
    ...extra,
  );
}

/** The progress lines after the git part, when the credentials flags are given. */
function tail(): string[] {
  return [
    '► determining if source secret "flux-system/flux-system" exists',
    '► generating source secret',
    '► applying source secret "flux-system/flux-system"',
    '✔ reconciled source secret',
    '► applying sync manifests',
    '✔ reconciled sync configuration',
    '◎ waiting for GitRepository "flux-system/flux-system" to be reconciled',
    '✔ GitRepository reconciled successfully',
    '◎ waiting for Kustomization "flux-system/flux-system" to be reconciled',
    '✔ Kustomization reconciled successfully',
    '',
  ];
}

beforeAll(async () => {
  fx = await startCliFixture({ gitAuth: AUTH });
  url = await fx.sandbox.createGitRepository('fleet');
  work = mkdtempSync(join(tmpdir(), 'tideline-bootstrap-it-'));
});

afterAll(async () => {
  await fx?.stop();
  rmSync(work, { recursive: true, force: true });
});

describe('tideline bootstrap git against the sandbox', () => {
  it('bad credentials: one clear line, nothing pushed and nothing applied', async () => {
    const r = await fx.cli(
      'bootstrap',
      'git',
      `--url=${url}`,
      '--path=clusters/my-cluster',
      '--allow-insecure-http',
      `--username=${AUTH.username}`,
      '--password=wrong',
    );
    const failure = `unable to clone '${url}': authentication required`;
    expect([r.code, r.stderr]).toEqual([
      1,
      [
        `► cloning branch "main" from Git repository "${url}"`,
        `⚠️  clone failure: ${failure}`,
        `⚠️  clone failure: ${failure}`,
        `✗ failed to clone repository: ${failure}`,
        '',
      ].join('\n'),
    ]);
    expect(r.stderr).not.toContain('wrong');
    expect(await remoteHead(url)).toBe('');
    const ref = { namespace: 'flux-system', name: 'flux-system' };
    expect(await fx.resources.get({ apiVersion: 'v1', kind: 'Secret', ...ref })).toBeUndefined();
    expect(
      await fx.resources.get({ apiVersion: 'source.toolkit.fluxcd.io/v1', kind: 'GitRepository', ...ref }),
    ).toBeUndefined();
  });

  it('an empty repository: the branch is created, the sync manifests pushed, applied and reconciled', async () => {
    const r = await bootstrap();
    const sha = await remoteHead(url);
    expect(sha).toMatch(/^[0-9a-f]{40}$/);
    expect(r.stderr).toBe(
      [
        `► cloning branch "main" from Git repository "${url}"`,
        '✔ cloned repository',
        '► generating sync manifests',
        '✔ generated sync manifests',
        `✔ committed sync manifests to "main" ("${sha}")`,
        `► pushing sync manifests to "${url}"`,
        ...tail(),
      ].join('\n'),
    );
    expect(r.code).toBe(0);
    expect(r.stderr + r.stdout).not.toContain(AUTH.password);
    const dir = await clone(url);
    expect(readFileSync(join(dir, 'clusters/my-cluster/flux-system/gotk-sync.yaml'), 'utf8')).toBe(
      fluxGotkSync({ interval: '1m0s', branch: 'main', url, path: 'clusters/my-cluster' }),
    );
    expect(readFileSync(join(dir, 'clusters/my-cluster/flux-system/kustomization.yaml'), 'utf8')).toBe(
      'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n- gotk-sync.yaml\n',
    );
    const log = await git(dir, 'log', '--format=%an <%ae>|%s', 'main');
    expect(log.stdout).toBe('Flux <>|Add Flux sync manifests\n');
    const secret = await fx.resources.get<KubeObject & { data: Record<string, string> }>({
      apiVersion: 'v1',
      kind: 'Secret',
      namespace: 'flux-system',
      name: 'flux-system',
    });
    expect(Buffer.from(secret?.data.password ?? '', 'base64').toString()).toBe(AUTH.password);
  });

  it('re-running changes nothing: the manifests are up to date', async () => {
    const before = await remoteHead(url);
    const r = await bootstrap();
    expect(r.stderr).toBe(
      [
        `► cloning branch "main" from Git repository "${url}"`,
        '✔ cloned repository',
        '► generating sync manifests',
        '✔ generated sync manifests',
        '✔ sync manifests are up to date',
        ...tail(),
      ].join('\n'),
    );
    expect(r.code).toBe(0);
    expect(await remoteHead(url)).toBe(before);
  });

  it('an app pushed under the path is applied by the flux-system Kustomization', async () => {
    const dir = await clone(url);
    const app = join(dir, 'clusters/my-cluster/apps/app.yaml');
    mkdirSync(dirname(app), { recursive: true });
    writeFileSync(
      app,
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bootstrapped-app\n  namespace: default\ndata:\n  a: b\n',
    );
    await git(dir, 'add', '-A');
    await git(dir, 'commit', '-q', '-m', 'app');
    await git(dir, 'push', '-q', 'origin', 'main');
    const sha = await remoteHead(url);
    const r = await fx.cli('reconcile', 'kustomization', 'flux-system', '--with-source');
    expect([r.code, r.stderr.split('\n').at(-2)]).toEqual([0, `✔ applied revision main@sha1:${sha}`]);
    const cm = await fx.resources.get({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      namespace: 'default',
      name: 'bootstrapped-app',
    });
    expect(cm?.metadata.labels?.['kustomize.toolkit.fluxcd.io/name']).toBe('flux-system');
    // Bootstrap again: nothing to commit, and both objects are at the app's commit.
    const again = await bootstrap();
    expect([again.code, again.stderr.includes('✔ sync manifests are up to date')]).toEqual([0, true]);
  });

  it('a broken manifest fails the Kustomization wait in flux’s words; fixed, a re-run takes the new commit', async () => {
    const brokenUrl = await fx.sandbox.createGitRepository('fleet-broken');
    const dir = mkdtempSync(join(work, 'broken-'));
    await git(dir, 'init', '-q', '-b', 'main');
    mkdirSync(join(dir, 'clusters/broken'), { recursive: true });
    writeFileSync(
      join(dir, 'clusters/broken/bad.yaml'),
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: Not_Valid\n  namespace: default\n',
    );
    await git(dir, 'add', '-A');
    await git(dir, 'commit', '-q', '-m', 'broken');
    await git(dir, 'push', '-q', authed(brokenUrl), 'main');
    const args = [
      'bootstrap',
      'git',
      `--url=${brokenUrl}`,
      '--path=clusters/broken',
      '--allow-insecure-http',
      `--username=${AUTH.username}`,
      `--password=${AUTH.password}`,
      '-n',
      'broken-system',
      '--timeout',
      '40s',
    ];
    const started0 = Date.now();
    const broken = await fx.cli(...args);
    const failedAfter = Date.now() - started0;
    expect(broken.code).toBe(1);
    const lines = broken.stderr.trimEnd().split('\n');
    expect(lines.slice(-4, -1)).toEqual([
      '✔ GitRepository reconciled successfully',
      '◎ waiting for Kustomization "broken-system/broken-system" to be reconciled',
      lines.at(-2),
    ]);
    const why = (lines.at(-2) ?? '').replace(/^✗ /, '');
    // At once, in the Ready message (flux would wait to the deadline: the failing
    // Kustomization keeps status.observedGeneration at -1).
    expect(why).toMatch(/^ConfigMap\/default\/Not_Valid dry-run failed/);
    expect(failedAfter).toBeLessThan(30_000);
    expect(lines.at(-1)).toBe(
      `✗ bootstrap failed with 1 health check failure(s): error while waiting for Kustomization to be ready: '${why}'`,
    );
    // The fix is a new commit: the re-run asks for a reconcile, so it neither waits for the
    // 1m interval nor takes the Ready=False left from the broken commit for its result.
    const fixed = await clone(brokenUrl);
    await git(fixed, 'rm', '-q', 'clusters/broken/bad.yaml');
    await git(fixed, 'commit', '-q', '-m', 'fix');
    await git(fixed, 'push', '-q', 'origin', 'main');
    const started = Date.now();
    const again = await fx.cli(...args);
    expect([again.code, again.stderr.split('\n').at(-2)]).toEqual([
      0,
      '✔ Kustomization reconciled successfully',
    ]);
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it('refuses another path for an existing flux-system Kustomization, and pushes nothing', async () => {
    const before = await remoteHead(url);
    const r = await fx.cli(
      'bootstrap',
      'git',
      `--url=${url}`,
      '--path=clusters/other',
      '--allow-insecure-http',
      `--password=${AUTH.password}`,
      `--username=${AUTH.username}`,
    );
    expect([r.code, r.stderr]).toEqual([
      1,
      '✗ sync path configuration ("clusters/other") would overwrite path ("./clusters/my-cluster") of existing Kustomization\n',
    ]);
    expect(await remoteHead(url)).toBe(before);
  });

  it('an http:// URL without --allow-insecure-http is refused as flux refuses it', async () => {
    const r = await fx.cli('bootstrap', 'git', `--url=${url}`, '--path=clusters/my-cluster');
    expect([r.code, r.stderr.split('\n')[0]]).toEqual([
      2,
      '✗ scheme http is insecure, pass --allow-insecure-http=true to allow it',
    ]);
  });

  it('over SSH with --private-key-file, into another namespace it creates', async () => {
    await fx.sandbox.createGitRepository('fleet-ssh');
    const sshUrl = `${fx.sandbox.gitSsh.url}/fleet-ssh.git`;
    const keyFile = join(work, 'deploy-key');
    writeFileSync(keyFile, fx.sandbox.gitSsh.deployKey.privateKey, { mode: 0o600 });
    const r = await fx.cli(
      'bootstrap',
      'git',
      `--url=${sshUrl}`,
      '--path=clusters/ssh',
      `--private-key-file=${keyFile}`,
      '-n',
      'ssh-system',
    );
    expect(r.stderr).toContain('✔ committed sync manifests to "main"');
    expect(r.stderr.endsWith('✔ Kustomization reconciled successfully\n')).toBe(true);
    expect(r.code).toBe(0);
    expect(r.stderr).not.toContain('PRIVATE KEY');
    const repo = await fx.resources.get<KubeObject & { spec: { url: string } }>({
      apiVersion: 'source.toolkit.fluxcd.io/v1',
      kind: 'GitRepository',
      namespace: 'ssh-system',
      name: 'ssh-system',
    });
    expect(repo?.spec.url).toBe(sshUrl);
  });
});
