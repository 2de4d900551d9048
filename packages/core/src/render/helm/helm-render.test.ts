import { describe, expect, it } from 'vitest';
import {
  installArgs,
  rollbackArgs,
  templateArgs,
  testArgs,
  uninstallArgs,
  upgradeArgs,
  withFlags,
} from './helm-args.js';
import { helmError, lastHelmLogs, slogToFlux } from './helm-log.js';
import { applyMetadataPatches } from './post-render-metadata.js';

const flags = {
  release: 'web-podinfo',
  namespace: 'web',
  timeoutMs: 300_000,
  waitForJobs: true,
  serverSide: false,
};

describe('helm argv', () => {
  it('installs with values on stdin, CRDs left to the controller, ownership taken', () => {
    expect(
      installArgs({
        ...flags,
        chartPath: '/c.tgz',
        wait: 'watcher',
        takeOwnership: true,
        createNamespace: true,
      }),
    ).toEqual([
      'install',
      '--namespace',
      'web',
      '--timeout',
      '300000ms',
      '--wait=watcher',
      '--wait-for-jobs',
      '--values',
      '-',
      '--skip-crds',
      '--server-side=false',
      '--take-ownership',
      '--create-namespace',
      '--',
      'web-podinfo',
      '/c.tgz',
    ]);
  });

  it('upgrades resetting values unless preserved; force replaces only without SSA', () => {
    const args = upgradeArgs({
      ...flags,
      chartPath: '/c.tgz',
      wait: 'hookOnly',
      takeOwnership: false,
      forceReplace: true,
      maxHistory: 5,
    });
    expect(args).toContain('--reset-values');
    expect(args).toContain('--force-replace');
    expect(args).not.toContain('--wait-for-jobs');
    expect(args.slice(args.indexOf('--history-max'), args.indexOf('--history-max') + 2)).toEqual([
      '--history-max',
      '5',
    ]);
    const ssa = upgradeArgs({
      ...flags,
      serverSide: true,
      chartPath: '/c.tgz',
      wait: 'watcher',
      takeOwnership: true,
      forceReplace: true,
      preserveValues: true,
      maxHistory: 0,
    });
    expect(ssa).toEqual(
      expect.arrayContaining(['--server-side=true', '--force-conflicts', '--reuse-values']),
    );
    expect(ssa).not.toContain('--force-replace');
  });

  it('templates against the cluster, as an upgrade when a release exists, names after --', () => {
    expect(
      templateArgs({
        release: '--help',
        namespace: 'web',
        chartPath: '/c.tgz',
        isUpgrade: true,
        disableHooks: true,
      }),
    ).toEqual([
      'template',
      '--namespace',
      'web',
      '--values',
      '-',
      '--dry-run=server',
      '--skip-crds',
      '--skip-tests',
      '--is-upgrade',
      '--no-hooks',
      '--',
      '--help',
      '/c.tgz',
    ]);
    expect(templateArgs({ release: 'r', namespace: 'n', chartPath: '/c', isUpgrade: false })).not.toContain(
      '--is-upgrade',
    );
  });

  it('rolls back, uninstalls and tests with Flux filters', () => {
    const rollback = rollbackArgs({ ...flags, version: 3, wait: 'watcher', maxHistory: 5 });
    expect([rollback[0], ...rollback.slice(-3)]).toEqual(['rollback', '--', 'web-podinfo', '3']);
    expect(
      uninstallArgs({
        release: 'r',
        namespace: 'n',
        timeoutMs: 1000,
        wait: 'hookOnly',
        keepHistory: true,
        deletionPropagation: 'foreground',
      }),
    ).toEqual([
      'uninstall',
      '--namespace',
      'n',
      '--timeout',
      '1000ms',
      '--wait=hookOnly',
      '--cascade',
      'foreground',
      '--keep-history',
      '--',
      'r',
    ]);
    expect(
      testArgs({
        release: 'r',
        namespace: 'n',
        timeoutMs: 1000,
        filters: [{ name: 'a' }, { name: 'b', exclude: true }],
      }),
    ).toEqual([
      'test',
      '--namespace',
      'n',
      '--timeout',
      '1000ms',
      '--filter',
      'name=a',
      '--filter',
      '!name=b',
      '--',
      'r',
    ]);
  });
});

describe('option injection through a release name (CVE-2021-41254 class)', () => {
  // `spec.releaseName` is any string of 1–53 characters (Flux's CRD has no pattern). Before a
  // `--` helm reads `--help` as its flag and exits 0 having done nothing; after it, helm sees a
  // name and refuses it with its own "invalid release name" error, as helm-controller does.
  const evil = '--help';
  const chart = { chartPath: '/c.tgz', takeOwnership: false, maxHistory: 5 };
  it.each([
    ['install', installArgs({ ...flags, ...chart, release: evil, wait: 'watcher' })],
    ['upgrade', upgradeArgs({ ...flags, ...chart, release: evil, wait: 'watcher' })],
    ['rollback', rollbackArgs({ ...flags, release: evil, version: 2, wait: 'watcher', maxHistory: 5 })],
    [
      'uninstall',
      uninstallArgs({ ...flags, release: evil, wait: 'watcher', deletionPropagation: 'background' }),
    ],
    ['test', testArgs({ ...flags, release: evil, filters: [{ name: '-x' }] })],
  ])('%s passes the release name and chart only after --', (command, args) => {
    expect(args[0]).toBe(command);
    const end = args.indexOf('--');
    expect(end).toBeGreaterThan(0);
    expect(args.indexOf(evil)).toBe(end + 1);
    expect(args.slice(end + 1).every((a) => a === evil || !a.startsWith('-'))).toBe(true);
  });

  it('adds connection flags before the --, never among the names', () => {
    expect(withFlags(['uninstall', '--namespace', 'n', '--', evil], ['--debug'])).toEqual([
      'uninstall',
      '--namespace',
      'n',
      '--debug',
      '--',
      evil,
    ]);
    expect(withFlags(['version'], ['--debug'])).toEqual(['version', '--debug']);
  });
});

describe('helm logs and errors', () => {
  it("turns slog text into Flux's log lines, folding repeats", () => {
    expect(slogToFlux('level=DEBUG msg="waiting for resource" kind=Deployment name="a b"')).toBe(
      'waiting for resource: {"kind":"Deployment","name":"a b"}',
    );
    expect(slogToFlux('level=WARN msg=careful')).toBe('warning: careful: {}');
    expect(slogToFlux('Error: boom')).toBeUndefined();
    const lines = [0, 1, 2, 3].map((i) => ({
      atMs: Date.UTC(2026, 0, 1, 0, 0, i),
      text: 'level=DEBUG msg=same',
    }));
    expect(lastHelmLogs([{ atMs: Date.UTC(2026, 0, 1), text: 'level=DEBUG msg=first' }, ...lines])).toBe(
      '2026-01-01T00:00:00Z: first: {}\n2026-01-01T00:00:00Z: same: {}\n2026-01-01T00:00:03Z: same: {} (2 duplicate lines omitted)',
    );
    const many = Array.from({ length: 15 }, (_, i) => ({
      atMs: Date.UTC(2026, 0, 1, 0, 0, 0, 500),
      text: `level=DEBUG msg=m${i}`,
    }));
    const kept = lastHelmLogs(many).split('\n');
    expect(kept).toHaveLength(10);
    expect(kept[0]).toBe('2026-01-01T00:00:00.5Z: m5: {}');
  });

  it('reads the SDK error out of the CLI output', () => {
    expect(helmError('level=DEBUG msg=x\nError: INSTALLATION FAILED: template: c/t.yaml:1:2: boom\n')).toBe(
      'template: c/t.yaml:1:2: boom',
    );
    expect(helmError('Error: UPGRADE FAILED: context deadline exceeded')).toBe('context deadline exceeded');
    expect(helmError('nothing')).toBeUndefined();
  });
});

describe('metadata post-renderer', () => {
  const stream = [
    '---',
    'apiVersion: v1',
    'kind: ConfigMap',
    'metadata:',
    '  name: a',
    '  annotations:',
    '    postrenderer.helm.sh/postrender-filename: c/templates/a.yaml',
    'data:',
    '  enabled: "yes"',
    '---',
    'apiVersion: v1',
    'kind: Pod',
    'metadata:',
    '  name: t',
    '  annotations:',
    '    helm.sh/hook: test',
    '',
  ].join('\n');

  it('labels every object (hooks too) and quotes what YAML 1.1 would retype', () => {
    const out = applyMetadataPatches(stream, [{ labels: { team: 'yes' }, annotations: { a: 'b' } }], false);
    expect(out).toContain('team: "yes"');
    expect(out.match(/team:/g)).toHaveLength(2);
    expect(out).toContain('postrenderer.helm.sh/postrender-filename: c/templates/a.yaml');
    expect(out).toContain('enabled: "yes"');
  });

  it('leaves hooks alone with nohooks', () => {
    const out = applyMetadataPatches(stream, [{ labels: { team: 'x' } }], true);
    expect(out.match(/team:/g)).toHaveLength(1);
  });
});
