/** A smart-HTTP git server for the sandbox: `git http-backend` behind a Node HTTP server. */
export { startGitServer, type GitServer, type GitServerOptions, type GitServerTls } from './git-server.js';
export { normalizeRepositoryName, InvalidRepositoryNameError } from './repository-name.js';
export type { BasicCredentials } from './basic-auth.js';
export { setPushWebhook, type PushWebhook } from './push-webhook.js';
