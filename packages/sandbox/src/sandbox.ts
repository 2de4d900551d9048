import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startChartRepository, type ChartRepository } from './chart-repo/index.js';
import { startControlPlane, type ControlPlane } from './control-plane/index.js';
import { startGitServer, type GitServer } from './git-server/index.js';
import { ensureSandboxSshKeys, startGitSshServer, type SshKeyPair } from './git-ssh/index.js';
import { startKubelet, type Kubelet } from './kubelet/index.js';
import { ProcessSupervisor } from './processes.js';
import { startRegistry, type Registry } from './registry/index.js';
import { startWebhookSink, type WebhookSink } from './webhook-sink/index.js';
import { readPorts, writePorts } from './state.js';

/** Basic-auth credentials for a sandbox peer. */
export interface BasicAuth {
  username: string;
  password: string;
}

/** Options for {@link startSandbox}. */
export interface SandboxOptions {
  /** Data dir: etcd, Git repositories, charts, registry blobs, logs. Reused across restarts. */
  dir: string;
  /** Where the control-plane binaries are cached (default ~/.cache/tideline/k8s-v1.20.2). */
  cacheDir?: string;
  /** Delay before the simulated kubelet reports a Pod Running (default 500 ms). */
  podStartDelayMs?: number;
  /** Fail Pods whose image is on the sandbox registry but does not exist (default true). */
  imageCheck?: boolean;
  gitAuth?: BasicAuth;
  registryAuth?: BasicAuth;
  onProgress?: (line: string) => void;
}

/** The sandbox's SSH endpoint: what a GitRepository Secret needs to reach it. */
export interface SandboxGitSsh {
  /** `ssh://git@127.0.0.1:PORT`, no trailing slash. */
  url: string;
  /** The `known_hosts` line for the endpoint (its host key is kept in the data dir). */
  knownHosts: string;
  /** The key pair the endpoint accepts (kept in the data dir). */
  deployKey: SshKeyPair;
}

/** The peers an outage drill can stop and start again. */
export type SandboxPeer = 'git' | 'charts' | 'registry' | 'kube-apiserver' | 'etcd';

/** A running sandbox: real peers on loopback. */
export interface Sandbox {
  dir: string;
  kubeconfigPath: string;
  gitUrl: string;
  /** The same repositories over SSH (`ssh://git@127.0.0.1:PORT/<name>.git`). */
  gitSsh: SandboxGitSsh;
  chartRepoUrl: string;
  registryHost: string;
  /** The webhook sink: records what notification providers send (`GET /_sink/requests`). */
  webhookSink: WebhookSink;
  /** Creates (or reuses) a bare repository on the Git server; resolves its clone URL. */
  createGitRepository(name: string): Promise<string>;
  /** Pids of the child processes (etcd, kube-*, docker-registry). */
  childPids(): number[];
  /**
   * Stops one peer (an outage): its process or listener goes away, its data stays. Requests to it
   * are refused until {@link Sandbox.startPeer} brings it back on the same port.
   */
  stopPeer(peer: SandboxPeer): Promise<void>;
  /** Starts a stopped peer again on the same port with the same data, and waits until it serves. */
  startPeer(peer: SandboxPeer): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts every sandbox peer in this process: the control plane and the registry as child
 * processes, the Git server, chart repository and simulated kubelet in-process.
 */
export async function startSandbox(options: SandboxOptions): Promise<Sandbox> {
  const progress = options.onProgress ?? (() => {});
  const dir = options.dir;
  const logDir = join(dir, 'logs');
  mkdirSync(logDir, { recursive: true });
  const supervisor = new ProcessSupervisor();
  const previous = readPorts(dir);
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async (): Promise<void> => {
    for (const stop of stops.splice(0).reverse()) await stop().catch(() => {});
    await supervisor.stopAll();
  };
  try {
    const controlPlane: ControlPlane = await startControlPlane({
      dataDir: join(dir, 'cluster'),
      cacheDir: options.cacheDir,
      supervisor,
      onProgress: progress,
    });
    const registryOptions = {
      dataDir: join(dir, 'registry'),
      port: previous.registry,
      htpasswd: options.registryAuth,
      supervisor,
      logFile: join(logDir, 'registry.log'),
    };
    let registry: Registry = await startRegistry(registryOptions);
    stops.push(() => registry.stop());
    progress(`OCI registry on ${registry.host}`);
    const gitOptions = { root: join(dir, 'git'), port: previous.git, auth: options.gitAuth };
    let git: GitServer = await startGitServer(gitOptions);
    stops.push(() => git.stop());
    progress(`Git server on ${git.url}`);
    const sshKeys = ensureSandboxSshKeys(join(dir, 'git-ssh'));
    const gitSsh = await startGitSshServer({
      root: join(dir, 'git'),
      port: previous.gitSsh,
      hostKey: sshKeys.hostKey.privateKey,
      authorizedKeys: [sshKeys.deployKey.publicKey],
    });
    stops.push(() => gitSsh.stop());
    // For people trying ssh:// by hand: the line changes with the port, so it is rewritten each start.
    writeFileSync(join(dir, 'git-ssh', 'known_hosts'), `${gitSsh.knownHosts}\n`, { mode: 0o600 });
    progress(`Git SSH endpoint on ${gitSsh.url}`);
    let charts: ChartRepository = await startChartRepository({
      root: join(dir, 'charts'),
      port: previous.charts,
    });
    stops.push(() => charts.stop());
    progress(`Helm chart repository on ${charts.url}`);
    const webhookSink = await startWebhookSink({ port: previous.webhookSink });
    stops.push(() => webhookSink.stop());
    progress(`webhook sink on ${webhookSink.url}`);
    const kubelet: Kubelet = await startKubelet({
      kubeconfigPath: controlPlane.kubeconfigPath,
      podStartDelayMs: options.podStartDelayMs,
      imageCheck:
        options.imageCheck === false
          ? undefined
          : { registryHost: registry.host, insecure: true, credentials: options.registryAuth },
      logger: () => {},
    });
    stops.push(() => kubelet.stop());
    progress(`simulated kubelet: ${kubelet.nodeNames.join(', ')}`);
    writePorts(dir, {
      git: git.port,
      gitSsh: gitSsh.port,
      charts: charts.port,
      registry: registry.port,
      webhookSink: webhookSink.port,
    });
    return {
      dir,
      kubeconfigPath: controlPlane.kubeconfigPath,
      gitUrl: git.url,
      gitSsh: { url: gitSsh.url, knownHosts: gitSsh.knownHosts, deployKey: sshKeys.deployKey },
      chartRepoUrl: charts.url,
      registryHost: registry.host,
      webhookSink,
      createGitRepository: (name) => git.createRepository(name),
      childPids: () => supervisor.pids(),
      stopPeer: async (peer) => {
        if (peer === 'git') await git.stop();
        else if (peer === 'charts') await charts.stop();
        else if (peer === 'registry') await registry.stop();
        else await controlPlane.stopComponent(peer);
      },
      startPeer: async (peer) => {
        if (peer === 'git') git = await samePort(git.port, startGitServer({ ...gitOptions, port: git.port }));
        else if (peer === 'charts')
          charts = await samePort(
            charts.port,
            startChartRepository({ root: charts.root, port: charts.port }),
          );
        else if (peer === 'registry')
          registry = await samePort(
            registry.port,
            startRegistry({ ...registryOptions, port: registry.port }),
          );
        else await controlPlane.startComponent(peer);
      },
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/**
 * A restarted peer must come back where the cluster's objects point; a peer that had to take
 * another port (someone else took it meanwhile) is stopped and reported.
 */
async function samePort<T extends { port: number; stop(): Promise<void> }>(
  port: number,
  starting: Promise<T>,
): Promise<T> {
  const started = await starting;
  if (started.port === port) return started;
  await started.stop();
  throw new Error(`peer restarted on port ${started.port} instead of ${port} (the port was taken)`);
}
