import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePorts } from '../ports.js';
import { ProcessSupervisor, type ManagedProcess } from '../processes.js';
import { waitFor } from '../wait.js';
import { ensureKubernetesBinaries, type KubernetesBinaries } from './binaries.js';
import { ensureCredentials } from './credentials.js';
import {
  apiserverArgs,
  controllerManagerArgs,
  etcdArgs,
  schedulerArgs,
  type ControlPlaneFiles,
  type ControlPlanePorts,
} from './flags.js';
import { httpsGet } from './https-probe.js';
import { renderKubeconfig, writeKubeconfig } from './kubeconfig.js';

/** Options for {@link startControlPlane}. */
export interface ControlPlaneOptions {
  /** Holds etcd data, keys, certs, logs and the kubeconfig; reused across restarts. */
  dataDir: string;
  /** Where the built binaries are cached (default: ~/.cache/tideline/k8s-v1.20.2). */
  cacheDir?: string;
  /** Use these binaries instead of building. */
  binaries?: KubernetesBinaries;
  /** Children are started through this supervisor (one is created when absent). */
  supervisor?: ProcessSupervisor;
  onProgress?: (line: string) => void;
}

/** A running control plane. */
export interface ControlPlane {
  kubeconfigPath: string;
  server: string;
  token: string;
  caFile: string;
  ports: ControlPlanePorts;
  stop(): Promise<void>;
  /** Stops one component, leaving the rest running (an outage drill); its data and ports are kept. */
  stopComponent(component: ControlPlaneComponent): Promise<void>;
  /** Starts a stopped component again on the same ports and data, and waits until it is ready. */
  startComponent(component: ControlPlaneComponent): Promise<void>;
}

/** The control-plane processes an outage drill can stop and start again. */
export type ControlPlaneComponent = 'etcd' | 'kube-apiserver';

const PORTS_FILE = 'ports.json';

/**
 * Starts etcd, kube-apiserver, kube-controller-manager and kube-scheduler on free loopback
 * ports (the previous run's ports when still free), waits for `/readyz` and for the default
 * ServiceAccount, and writes `<dataDir>/kubeconfig`. Objects survive a stop and start.
 */
export async function startControlPlane(options: ControlPlaneOptions): Promise<ControlPlane> {
  const progress = options.onProgress ?? (() => {});
  const binaries =
    options.binaries ??
    (await ensureKubernetesBinaries({ cacheDir: options.cacheDir, onProgress: progress }));
  const dataDir = options.dataDir;
  const logDir = join(dataDir, 'logs');
  mkdirSync(logDir, { recursive: true });
  const credentials = ensureCredentials(dataDir);
  const ports = await pickPorts(dataDir);
  const files: ControlPlaneFiles = {
    etcdDataDir: join(dataDir, 'etcd'),
    certDir: credentials.certDir,
    tokensCsv: credentials.tokensCsv,
    serviceAccountKey: credentials.serviceAccountKey,
    serviceAccountPub: credentials.serviceAccountPub,
    kubeconfig: join(dataDir, 'kubeconfig'),
    caFile: join(credentials.certDir, 'apiserver.crt'),
  };
  const ownSupervisor = options.supervisor === undefined;
  const supervisor = options.supervisor ?? new ProcessSupervisor();
  const server = `https://127.0.0.1:${ports.apiserver}`;
  const readiness = { ports, files, logDir, adminToken: credentials.adminToken, server };
  const startEtcd = async (): Promise<void> => {
    const etcd = await supervisor.start({
      name: 'etcd',
      command: binaries.etcd,
      args: etcdArgs(ports, files),
      logFile: join(logDir, 'etcd.log'),
      env: { ...process.env, ETCD_UNSUPPORTED_ARCH: process.arch === 'x64' ? '' : process.arch },
    });
    await waitForEtcd(etcd, readiness);
  };
  const startApiserver = async (): Promise<void> => {
    const apiserver = await supervisor.start({
      name: 'kube-apiserver',
      command: binaries.apiserver,
      args: apiserverArgs(ports, files),
      logFile: join(logDir, 'kube-apiserver.log'),
    });
    await waitForApiserver(apiserver, readiness);
  };
  try {
    progress(`starting etcd on 127.0.0.1:${ports.etcdClient}`);
    await startEtcd();
    progress(`starting kube-apiserver on ${server}`);
    await startApiserver();
    writeKubeconfig(
      files.kubeconfig,
      renderKubeconfig({ server, caFile: files.caFile, token: credentials.adminToken }),
    );

    progress('starting kube-controller-manager and kube-scheduler');
    const controllerManager = await supervisor.start({
      name: 'kube-controller-manager',
      command: binaries.controllerManager,
      args: controllerManagerArgs(files),
      logFile: join(logDir, 'kube-controller-manager.log'),
    });
    const scheduler = await supervisor.start({
      name: 'kube-scheduler',
      command: binaries.scheduler,
      args: schedulerArgs(files),
      logFile: join(logDir, 'kube-scheduler.log'),
    });
    // Pods are only admitted once the default ServiceAccount exists; waiting for it also proves
    // the controller-manager is working.
    await waitFor(
      async () => {
        exitedEarly(controllerManager);
        exitedEarly(scheduler);
        const res = await httpsGet(`${server}/api/v1/namespaces/default/serviceaccounts/default`, {
          token: credentials.adminToken,
          ca: readFileSync(files.caFile),
        });
        return res.status === 200;
      },
      {
        timeoutMs: 60_000,
        intervalMs: 250,
        what: `the default ServiceAccount (log: ${join(logDir, 'kube-controller-manager.log')})`,
      },
    );
    progress('control plane ready');
  } catch (error) {
    if (ownSupervisor) await supervisor.stopAll();
    throw error;
  }
  return {
    kubeconfigPath: files.kubeconfig,
    server,
    token: credentials.adminToken,
    caFile: files.caFile,
    ports,
    stop: async () => {
      if (ownSupervisor) await supervisor.stopAll();
    },
    stopComponent: (component) => supervisor.stopNamed(component),
    startComponent: (component) => (component === 'etcd' ? startEtcd() : startApiserver()),
  };
}

interface Readiness {
  ports: ControlPlanePorts;
  files: ControlPlaneFiles;
  logDir: string;
  adminToken: string;
  server: string;
}

async function waitForEtcd(etcd: ManagedProcess, r: Readiness): Promise<void> {
  await waitFor(
    async () => (await fetchOk(`http://127.0.0.1:${r.ports.etcdClient}/health`)) || exitedEarly(etcd),
    { timeoutMs: 30_000, what: `etcd health (log: ${join(r.logDir, 'etcd.log')})` },
  );
}

async function waitForApiserver(apiserver: ManagedProcess, r: Readiness): Promise<void> {
  await waitFor(
    async () => {
      exitedEarly(apiserver);
      if (!existsSync(r.files.caFile)) return false;
      const res = await httpsGet(`${r.server}/readyz`, {
        token: r.adminToken,
        ca: readFileSync(r.files.caFile),
      });
      return res.status === 200 && res.body.trim() === 'ok';
    },
    {
      timeoutMs: 90_000,
      intervalMs: 250,
      what: `kube-apiserver /readyz (log: ${join(r.logDir, 'kube-apiserver.log')})`,
    },
  );
}

async function pickPorts(dataDir: string): Promise<ControlPlanePorts> {
  const file = join(dataDir, PORTS_FILE);
  let previous: Partial<ControlPlanePorts> = {};
  if (existsSync(file)) {
    try {
      previous = JSON.parse(readFileSync(file, 'utf8')) as Partial<ControlPlanePorts>;
    } catch {
      previous = {};
    }
  }
  const [etcdClient, etcdPeer, apiserver] = await freePorts([
    previous.etcdClient,
    previous.etcdPeer,
    previous.apiserver,
  ]);
  const ports = { etcdClient, etcdPeer, apiserver } as ControlPlanePorts;
  writeFileSync(file, `${JSON.stringify(ports, null, 2)}\n`);
  return ports;
}

async function fetchOk(url: string): Promise<boolean> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
    return res.ok;
  } catch {
    return false;
  }
}

/** Throws when a managed process has already exited, so waits fail fast with its name. */
function exitedEarly(process: ManagedProcess): false {
  const { exitCode, signalCode } = process.child;
  if (exitCode !== null || signalCode !== null) {
    throw new Error(`${process.name} exited early (${exitCode ?? signalCode}); see its log`);
  }
  return false;
}
