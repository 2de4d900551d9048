import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeClient, RECONCILE_REQUESTED_ANNOTATION, Resources, type KubeObject } from '@tideline/core';
import { CHART_FIXTURES_DIR, publishCharts, startSandbox, type Sandbox } from '@tideline/sandbox';
import { pool } from '../scenarios/engine-process.js';
import { readClusterSnapshot } from './cluster-snapshot.js';
import { waitForConvergence } from './convergence.js';
import {
  drillHelmRelease,
  drillKustomization,
  expectedAppObjects,
  type ExpectedObject,
} from './drill-content.js';
import { DrillRepo } from './drill-repo.js';
import { EngineRunner, engineProcessCommand, type ProcessCommand } from './engine-runner.js';
import { checkInvariants, type Findings } from './invariants.js';

/** Options of a drill world. */
export interface DrillWorldOptions {
  /** Kustomizations, each an app of the MTTP shape from one GitRepository. */
  apps: number;
  /** HelmReleases of podinfo from the sandbox chart repository. */
  helmReleases: number;
  kubectlBin: string;
  helmBin: string;
  concurrency: number;
  log: (line: string) => void;
  /** Another process to run the engine in (the soak runs the server); the bare engine by default. */
  engineCommand?: (sandbox: Sandbox, dir: string) => ProcessCommand;
}

const FIELD_MANAGER = 'drill';

/**
 * A sandbox, the engine in its own process, and the drill's content: N Kustomizations from one
 * Git repository and M HelmReleases. `advance` moves the content to a new generation (a commit,
 * new values for half the releases); `check` reads the cluster back and runs the invariants.
 */
export class DrillWorld {
  generation = 0;
  revision = '';
  private repoUrl = '';

  private constructor(
    readonly dir: string,
    readonly sandbox: Sandbox,
    readonly resources: Resources,
    readonly engine: EngineRunner,
    readonly repo: DrillRepo,
    readonly options: DrillWorldOptions,
  ) {}

  /** Starts the sandbox and the engine, and applies generation 0 of the content (not awaited). */
  static async start(options: DrillWorldOptions): Promise<DrillWorld> {
    const dir = mkdtempSync(join(tmpdir(), 'drill-'));
    const sandbox = await startSandbox({ dir, imageCheck: false });
    const resources = new Resources(await KubeClient.fromKubeconfig(sandbox.kubeconfigPath));
    const engine = new EngineRunner(
      options.engineCommand?.(sandbox, dir) ??
        engineProcessCommand({
          kubeconfigPath: sandbox.kubeconfigPath,
          storageDir: join(dir, 'engine'),
          kubectlBin: options.kubectlBin,
          helmBin: options.helmBin,
          concurrency: options.concurrency,
        }),
    );
    const world = new DrillWorld(dir, sandbox, resources, engine, new DrillRepo(options.apps), options);
    await world.setUp();
    return world;
  }

  private async setUp(): Promise<void> {
    await this.engine.start();
    for (const name of ['flux-system', 'apps'])
      await this.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
    await publishCharts({
      root: join(this.dir, 'charts'),
      chartDirs: [join(CHART_FIXTURES_DIR, 'podinfo-6.2.2')],
      url: this.sandbox.chartRepoUrl,
      helmBin: this.options.helmBin,
    });
    this.repoUrl = await this.sandbox.createGitRepository('drill');
    this.revision = await this.repo.commit(0, this.repoUrl);
    await this.apply({
      apiVersion: 'source.toolkit.fluxcd.io/v1',
      kind: 'GitRepository',
      metadata: { name: 'drill', namespace: 'flux-system' },
      spec: { url: this.repoUrl, interval: '1m', ref: { branch: 'main' } },
    });
    await this.apply({
      apiVersion: 'source.toolkit.fluxcd.io/v1',
      kind: 'HelmRepository',
      metadata: { name: 'podinfo', namespace: 'flux-system' },
      spec: { url: this.sandbox.chartRepoUrl, interval: '1m' },
    });
    await pool(
      Array.from({ length: this.options.apps }, (_, i) => i),
      16,
      (i) => this.apply(drillKustomization(i)),
    );
    await pool(
      Array.from({ length: this.options.helmReleases }, (_, j) => j),
      16,
      (j) => this.apply(drillHelmRelease(j, 0)),
    );
  }

  private async apply(obj: Record<string, unknown>): Promise<void> {
    await this.resources.apply(obj as KubeObject, { fieldManager: FIELD_MANAGER });
  }

  /** The bare repository on disk: where a commit goes while the Git server is down. */
  get bareRepoPath(): string {
    return join(this.dir, 'git', 'drill.git');
  }

  /**
   * Moves the content to the next generation: a commit (renaming a fifth of the ConfigMaps) and
   * new values for half the HelmReleases, then a reconcile request on the GitRepository (what a
   * push webhook does). `viaDisk` pushes to the bare repository directly (the Git server is down);
   * `request: false` leaves the pickup to the engine's own retries.
   */
  async advance(options: { viaDisk?: boolean; request?: boolean } = {}): Promise<void> {
    this.generation += 1;
    this.revision = await this.repo.commit(
      this.generation,
      options.viaDisk ? this.bareRepoPath : this.repoUrl,
    );
    await pool(
      Array.from({ length: this.options.helmReleases }, (_, j) => j),
      16,
      (j) => this.apply(drillHelmRelease(j, this.generation)),
    );
    if (options.request !== false)
      await this.requestReconcile('source.toolkit.fluxcd.io/v1', 'GitRepository', 'flux-system', 'drill');
  }

  /** Sets `reconcile.fluxcd.io/requestedAt` on an object, as `flux reconcile` does. */
  async requestReconcile(apiVersion: string, kind: string, namespace: string, name: string): Promise<void> {
    await this.resources.mergePatch(
      { apiVersion, kind, namespace, name },
      { metadata: { annotations: { [RECONCILE_REQUESTED_ANNOTATION]: new Date().toISOString() } } },
      FIELD_MANAGER,
    );
  }

  /** Waits until every Kustomization is applied at the current revision and every release Ready. */
  converged(timeoutMs: number): Promise<number> {
    return waitForConvergence(
      this.resources,
      { revision: this.revision, kustomizations: this.options.apps, helmReleases: this.options.helmReleases },
      { timeoutMs, log: this.options.log },
    );
  }

  /** Reads the cluster back and checks the invariants against the current generation. */
  async check(): Promise<Findings> {
    const kustomizations = new Map<string, ExpectedObject[]>();
    for (let i = 0; i < this.options.apps; i++)
      kustomizations.set(`flux-system/app-${i}`, expectedAppObjects(i, this.generation));
    const helmReleases = Array.from({ length: this.options.helmReleases }, (_, j) => `apps/hr-${j}`);
    return checkInvariants(await readClusterSnapshot(this.resources), { kustomizations, helmReleases });
  }

  /** Stops the engine and the sandbox and removes every file. */
  async stop(): Promise<void> {
    await this.engine.stop().catch(() => undefined);
    await this.sandbox.stop();
    this.repo.remove();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
