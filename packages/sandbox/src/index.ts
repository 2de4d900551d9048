export {
  startSandbox,
  type Sandbox,
  type SandboxPeer,
  type SandboxGitSsh,
  type SandboxOptions,
  type BasicAuth,
} from './sandbox.js';
export {
  sandboxUp,
  sandboxDown,
  sandboxStatus,
  type SandboxStatus,
  type SandboxUpResult,
} from './lifecycle.js';
export { defaultSandboxDir } from './defaults.js';
export { readState, isAlive, type SandboxState } from './state.js';
export * from './control-plane/index.js';
export * from './git-server/index.js';
export * from './chart-repo/index.js';
export * from './registry/index.js';
export * from './kubelet/index.js';
export { freePort } from './ports.js';
export { waitFor, sleep } from './wait.js';
export { ProcessSupervisor } from './processes.js';
export { createSandboxGitRepository, setSandboxPushWebhook } from './repositories.js';
export * from './git-ssh/index.js';
export * from './tls/index.js';
export * from './webhook-sink/index.js';
