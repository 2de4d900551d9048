import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** The Kubernetes version the sandbox builds and runs. */
export const KUBERNETES_VERSION = 'v1.20.2';

/** Paths of the control-plane binaries. */
export interface KubernetesBinaries {
  apiserver: string;
  controllerManager: string;
  scheduler: string;
  etcd: string;
}

/** Where built binaries are cached: outside the repo, keyed by version, shared by every checkout. */
export function defaultKubernetesCacheDir(): string {
  return join(homedir(), '.cache', 'tideline', `k8s-${KUBERNETES_VERSION}`);
}

/** The binaries expected in `cacheDir` (they may not exist yet). */
export function kubernetesBinaries(cacheDir: string): KubernetesBinaries {
  const bin = join(cacheDir, 'bin');
  return {
    apiserver: join(bin, 'kube-apiserver'),
    controllerManager: join(bin, 'kube-controller-manager'),
    scheduler: join(bin, 'kube-scheduler'),
    etcd: '/usr/bin/etcd',
  };
}

/** Raised when the control plane cannot be built on this machine. */
export class ControlPlaneBuildError extends Error {
  constructor(
    message: string,
    readonly logFile: string,
  ) {
    super(message);
    this.name = 'ControlPlaneBuildError';
  }
}

const BUILD_SCRIPT = resolve(dirname(fileURLToPath(import.meta.url)), '../../scripts/build-kubernetes.sh');

/**
 * Makes sure the control-plane binaries exist, building them from Debian's source package the
 * first time (minutes; every output line goes to `onProgress` and to `<cacheDir>/build.log`).
 */
export async function ensureKubernetesBinaries(options: {
  cacheDir?: string;
  onProgress?: (line: string) => void;
}): Promise<KubernetesBinaries> {
  const cacheDir = options.cacheDir ?? defaultKubernetesCacheDir();
  const binaries = kubernetesBinaries(cacheDir);
  const missing = [binaries.apiserver, binaries.controllerManager, binaries.scheduler].filter(
    (p) => !existsSync(p),
  );
  if (missing.length > 0) await runBuild(cacheDir, options.onProgress ?? (() => {}));
  if (!existsSync(binaries.etcd)) {
    throw new ControlPlaneBuildError(
      'etcd is not installed (Debian package etcd-server): run `npm run setup` as root, or use --kubeconfig with an existing cluster',
      join(cacheDir, 'build.log'),
    );
  }
  return binaries;
}

async function runBuild(cacheDir: string, onProgress: (line: string) => void): Promise<void> {
  mkdirSync(cacheDir, { recursive: true });
  const logFile = join(cacheDir, 'build.log');
  const log = createWriteStream(logFile, { flags: 'a' });
  onProgress(
    `building the Kubernetes ${KUBERNETES_VERSION} control plane once for this machine (log: ${logFile})`,
  );
  const child = spawn('bash', [BUILD_SCRIPT, cacheDir], { stdio: ['ignore', 'pipe', 'pipe'] });
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => {
      log.write(`${line}\n`);
      if (line.startsWith('[k8s]') || line.startsWith('+++')) onProgress(line);
    });
  }
  const code = await new Promise<number | null>((done) => {
    child.once('error', () => done(-1));
    child.once('exit', (c) => done(c));
  });
  await new Promise<void>((done) => log.end(done));
  if (code !== 0) {
    throw new ControlPlaneBuildError(
      `building the Kubernetes control plane failed (exit ${code}); the build log is kept at ${logFile}. ` +
        'The sandbox needs a Debian machine with apt access; otherwise point Tideline at an existing cluster with --kubeconfig PATH.',
      logFile,
    );
  }
}
