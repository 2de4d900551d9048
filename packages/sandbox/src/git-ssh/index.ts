/** An SSH endpoint for the sandbox Git repositories: git-upload-pack/git-receive-pack behind ssh2. */
export { startGitSshServer, type GitSshServer, type GitSshServerOptions } from './ssh-server.js';
export { generateSshKeyPair, knownHostsLine, type SshKeyPair } from './ssh-keys.js';
export { parseGitSshCommand, type GitSshCommand } from './ssh-command.js';
export { ensureSandboxSshKeys, type SandboxSshKeys } from './sandbox-keys.js';
