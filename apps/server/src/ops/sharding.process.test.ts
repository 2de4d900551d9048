import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeClient, Resources, type KubeObject } from '@tideline/core';
import { startSandbox, type Sandbox } from '@tideline/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  applyGitOpsPair,
  configMap,
  pushFiles,
  readyOf,
  waitForKustomization,
} from '../testing/gitops-objects.js';
import { headlessArgs, startServerProcess, type ServerProcess } from '../testing/server-process.js';

// Sharding as Flux does it: two engine processes on one cluster, one with
// `--watch-label-selector 'sharding.fluxcd.io/key in (shard1)'`, the other with
// `!sharding.fluxcd.io/key`. Each elects itself on its own Lease and reconciles only its objects.

const SHARD1 = 'sharding.fluxcd.io/key in (shard1)';
const MAIN = '!sharding.fluxcd.io/key';
const leaseOf = (selector: string): string =>
  `tideline-engine-leader-election-${createHash('sha256').update(selector).digest('hex').slice(0, 8)}`;

type Lease = KubeObject & { spec?: { holderIdentity?: string } };
type CoreEvent = KubeObject & { reportingInstance?: string; involvedObject: { kind: string; name: string } };

let dir: string;
let sandbox: Sandbox;
let resources: Resources;
const engines: ServerProcess[] = [];

async function startShard(name: string, selector: string): Promise<ServerProcess> {
  const engine = await startServerProcess([
    ...headlessArgs(sandbox.kubeconfigPath, join(dir, name)),
    '--watch-label-selector',
    selector,
    '--log-level',
    'error',
  ]);
  engines.push(engine);
  return engine;
}

async function holder(selector: string): Promise<string> {
  const lease = await resources.get<Lease>({
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    namespace: 'flux-system',
    name: leaseOf(selector),
  });
  return lease?.spec?.holderIdentity ?? '';
}

async function reportersOf(name: string): Promise<Set<string>> {
  const list = await resources.list<CoreEvent>('v1', 'Event', { namespace: 'default' });
  return new Set(
    list.items.filter((e) => e.involvedObject.name === name).map((e) => e.reportingInstance ?? ''),
  );
}

const LOADED_MACHINE_MS = 240_000;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tideline-shards-'));
  sandbox = await startSandbox({ dir: join(dir, 'sandbox'), podStartDelayMs: 100 });
  resources = new Resources(await KubeClient.fromKubeconfig(sandbox.kubeconfigPath));
});

afterAll(async () => {
  for (const engine of engines) engine.child.kill('SIGKILL');
  await sandbox?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('two engines split one cluster by label selector', () => {
  // It once failed 3 runs of 4: each engine kept a second, server-filtered cache of its reconciled
  // kinds, and a reconciler woken by that cache read the object from the unfiltered one before
  // its watch had delivered it, found nothing and dropped the request (the GitRepository never
  // reconciled, the Kustomization stayed at "Source artifact not found").
  it(
    'each leads its own shard and reconciles only the objects its selector picks',
    async () => {
      const [one, main] = await Promise.all([startShard('shard1', SHARD1), startShard('main', MAIN)]);
      for (const engine of [one, main]) {
        const readyz = await fetch(`${engine.metricsUrl}/readyz`);
        expect(await readyz.text()).toContain('[+]leader-election ok (active)');
      }
      const [holderOne, holderMain] = [await holder(SHARD1), await holder(MAIN)];
      expect(holderOne).not.toBe('');
      expect(holderMain).not.toBe('');
      expect(holderOne).not.toBe(holderMain);

      const url = await sandbox.createGitRepository('shards');
      await pushFiles(url, { 'sharded/cm.yaml': configMap('sharded') });
      // Another repository, so shard1 has no artifact of the same digest to reuse for 'cross'.
      const mainUrl = await sandbox.createGitRepository('main-shard');
      await pushFiles(mainUrl, {
        'unsharded/cm.yaml': configMap('unsharded'),
        'cross/cm.yaml': configMap('cross'),
      });
      await applyGitOpsPair(resources, 'sharded', url, { 'sharding.fluxcd.io/key': 'shard1' });
      await applyGitOpsPair(resources, 'unsharded', mainUrl);
      // A shard1 Kustomization of the other shard's source: it fetches the artifact from the
      // server of the engine that stored it.
      await resources.apply(
        {
          apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
          kind: 'Kustomization',
          metadata: { name: 'cross', namespace: 'default', labels: { 'sharding.fluxcd.io/key': 'shard1' } },
          spec: {
            interval: '10m',
            prune: true,
            path: './cross',
            sourceRef: { kind: 'GitRepository', name: 'unsharded' },
          },
        },
        { fieldManager: 'test' },
      );
      // Two engine processes beside a sandbox: on a loaded machine (other test files run alongside)
      // their first clone, build and apply took longer than the default 90 s, twice.
      await waitForKustomization(resources, 'sharded', (o) => readyOf(o) === 'True', LOADED_MACHINE_MS);
      await waitForKustomization(resources, 'unsharded', (o) => readyOf(o) === 'True', LOADED_MACHINE_MS);
      await waitForKustomization(resources, 'cross', (o) => readyOf(o) === 'True', LOADED_MACHINE_MS);

      expect(await reportersOf('sharded')).toEqual(new Set([holderOne]));
      expect(await reportersOf('unsharded')).toEqual(new Set([holderMain]));
      expect(await reportersOf('cross')).toEqual(new Set([holderOne]));

      // Each engine's metrics name only its own objects.
      const metricsOf = async (e: ServerProcess): Promise<string> =>
        (await fetch(`${e.metricsUrl}/metrics`)).text();
      const durationLine = (name: string) =>
        new RegExp(`gotk_reconcile_duration_seconds_count\\{kind="Kustomization",name="${name}"`);
      expect(await metricsOf(one)).toMatch(durationLine('sharded'));
      expect(await metricsOf(one)).not.toMatch(durationLine('unsharded'));
      expect(await metricsOf(main)).toMatch(durationLine('unsharded'));
      expect(await metricsOf(main)).not.toMatch(durationLine('sharded'));
    },
    2 * LOADED_MACHINE_MS,
  );

  it('refuses a selector the API server cannot parse, with one clear line', async () => {
    await expect(startShard('bad', 'sharding.fluxcd.io/key in shard1')).rejects.toThrow(
      /invalid watch label selector "sharding\.fluxcd\.io\/key in shard1"/,
    );
  });
});
