/**
 * The helm CLI argument vectors of helm-controller's actions (its `internal/action` options, as
 * flags of helm v4.1). Values come on stdin (`--values -`), so they never touch disk or argv;
 * CRDs are applied by the controller (`--skip-crds`), as Flux does. Pure.
 */

/** Helm 4 wait strategies (`poller` is helm-controller's name for `watcher`). */
export type WaitStrategy = 'watcher' | 'hookOnly' | 'legacy';

/** Flags every release-writing action shares. */
export interface ReleaseFlags {
  release: string;
  namespace: string;
  timeoutMs: number;
  wait: WaitStrategy;
  waitForJobs: boolean;
  disableHooks?: boolean;
  serverSide: boolean;
}

/** `helm install` options. */
export interface InstallArgs extends ReleaseFlags {
  chartPath: string;
  disableOpenAPIValidation?: boolean;
  skipSchemaValidation?: boolean;
  takeOwnership: boolean;
  replace?: boolean;
  createNamespace?: boolean;
}

/** `helm upgrade` options. */
export interface UpgradeArgs extends ReleaseFlags {
  chartPath: string;
  disableOpenAPIValidation?: boolean;
  skipSchemaValidation?: boolean;
  takeOwnership: boolean;
  forceReplace?: boolean;
  cleanupOnFail?: boolean;
  preserveValues?: boolean;
  maxHistory: number;
}

/** `helm rollback` options. */
export interface RollbackArgs extends ReleaseFlags {
  version: number;
  forceReplace?: boolean;
  cleanupOnFail?: boolean;
  maxHistory: number;
}

/** `helm uninstall` options. */
export interface UninstallArgs {
  release: string;
  namespace: string;
  timeoutMs: number;
  disableHooks?: boolean;
  keepHistory?: boolean;
  wait: WaitStrategy;
  deletionPropagation: 'background' | 'foreground' | 'orphan';
}

/** `helm test` options. */
export interface TestArgs {
  release: string;
  namespace: string;
  timeoutMs: number;
  filters: readonly { name: string; exclude?: boolean }[];
}

/**
 * Ends the flags: what follows is a name however it starts. `spec.releaseName` is any string of
 * 1–53 characters, and before this a `--help` one made helm print its help and exit 0.
 */
const END_OF_FLAGS = '--';

/**
 * Adds flags to an argv before its `--` (after it they would be names), or at the end when it
 * has none. Pure.
 */
export function withFlags(args: readonly string[], flags: readonly string[]): string[] {
  const end = args.indexOf(END_OF_FLAGS);
  return end < 0 ? [...args, ...flags] : [...args.slice(0, end), ...flags, ...args.slice(end)];
}

/** A Go duration flag value. Pure. */
export const goDuration = (ms: number): string => `${Math.max(0, Math.round(ms))}ms`;

const flag = (on: boolean | undefined, name: string): string[] => (on ? [name] : []);

function common(a: ReleaseFlags): string[] {
  return [
    '--namespace',
    a.namespace,
    '--timeout',
    goDuration(a.timeoutMs),
    `--wait=${a.wait}`,
    ...flag(a.waitForJobs && a.wait !== 'hookOnly', '--wait-for-jobs'),
    ...flag(a.disableHooks, '--no-hooks'),
  ];
}

/** `helm install … -- NAME CHART` (values on stdin). Pure. */
export function installArgs(a: InstallArgs): string[] {
  return [
    'install',
    ...common(a),
    '--values',
    '-',
    '--skip-crds',
    `--server-side=${a.serverSide}`,
    ...flag(a.serverSide, '--force-conflicts'),
    ...flag(a.disableOpenAPIValidation, '--disable-openapi-validation'),
    ...flag(a.skipSchemaValidation, '--skip-schema-validation'),
    ...flag(a.takeOwnership, '--take-ownership'),
    ...flag(a.replace, '--replace'),
    ...flag(a.createNamespace, '--create-namespace'),
    END_OF_FLAGS,
    a.release,
    a.chartPath,
  ];
}

/** `helm upgrade … -- NAME CHART` (values on stdin; Flux resets values unless preserveValues). Pure. */
export function upgradeArgs(a: UpgradeArgs): string[] {
  return [
    'upgrade',
    ...common(a),
    '--values',
    '-',
    '--skip-crds',
    `--server-side=${a.serverSide}`,
    ...flag(a.serverSide, '--force-conflicts'),
    ...flag(a.forceReplace && !a.serverSide, '--force-replace'),
    a.preserveValues ? '--reuse-values' : '--reset-values',
    '--history-max',
    String(a.maxHistory),
    ...flag(a.cleanupOnFail, '--cleanup-on-fail'),
    ...flag(a.disableOpenAPIValidation, '--disable-openapi-validation'),
    ...flag(a.skipSchemaValidation, '--skip-schema-validation'),
    ...flag(a.takeOwnership, '--take-ownership'),
    END_OF_FLAGS,
    a.release,
    a.chartPath,
  ];
}

/** `helm template` options: what an install or upgrade would render, against the cluster. */
export interface TemplateArgs {
  release: string;
  namespace: string;
  chartPath: string;
  /** `.Release.IsUpgrade` (a release exists) instead of `.Release.IsInstall`. */
  isUpgrade: boolean;
  disableHooks?: boolean;
  skipSchemaValidation?: boolean;
}

/**
 * `helm template --dry-run=server … -- NAME CHART` (values on stdin): the manifest an upgrade
 * would store — the cluster's capabilities and `lookup` as the real action sees them, CRDs and
 * tests left out as the controller leaves them — without writing a release. Pure.
 */
export function templateArgs(a: TemplateArgs): string[] {
  return [
    'template',
    '--namespace',
    a.namespace,
    '--values',
    '-',
    '--dry-run=server',
    '--skip-crds',
    '--skip-tests',
    ...flag(a.isUpgrade, '--is-upgrade'),
    ...flag(a.disableHooks, '--no-hooks'),
    ...flag(a.skipSchemaValidation, '--skip-schema-validation'),
    END_OF_FLAGS,
    a.release,
    a.chartPath,
  ];
}

/** `helm rollback … -- NAME VERSION`. Pure. */
export function rollbackArgs(a: RollbackArgs): string[] {
  return [
    'rollback',
    ...common(a),
    `--server-side=${a.serverSide}`,
    ...flag(a.serverSide, '--force-conflicts'),
    ...flag(a.forceReplace && !a.serverSide, '--force-replace'),
    ...flag(a.cleanupOnFail, '--cleanup-on-fail'),
    '--history-max',
    String(a.maxHistory),
    END_OF_FLAGS,
    a.release,
    String(a.version),
  ];
}

/** `helm uninstall … -- NAME`. Pure. */
export function uninstallArgs(a: UninstallArgs): string[] {
  return [
    'uninstall',
    '--namespace',
    a.namespace,
    '--timeout',
    goDuration(a.timeoutMs),
    `--wait=${a.wait}`,
    '--cascade',
    a.deletionPropagation,
    ...flag(a.disableHooks, '--no-hooks'),
    ...flag(a.keepHistory, '--keep-history'),
    END_OF_FLAGS,
    a.release,
  ];
}

/** `helm test … -- NAME` with Flux's `name`/`!name` filters. Pure. */
export function testArgs(a: TestArgs): string[] {
  const filters = a.filters.flatMap((f) => ['--filter', `${f.exclude ? '!' : ''}name=${f.name}`]);
  return [
    'test',
    '--namespace',
    a.namespace,
    '--timeout',
    goDuration(a.timeoutMs),
    ...filters,
    END_OF_FLAGS,
    a.release,
  ];
}
