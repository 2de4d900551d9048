import { writeFileSync } from 'node:fs';

/** Renders a kubeconfig for one cluster with a bearer token. Pure. */
export function renderKubeconfig(options: {
  server: string;
  caFile: string;
  token: string;
  name?: string;
}): string {
  const name = options.name ?? 'tideline-sandbox';
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    `- name: ${name}`,
    '  cluster:',
    `    server: ${options.server}`,
    `    certificate-authority: ${options.caFile}`,
    'users:',
    `- name: ${name}-admin`,
    '  user:',
    `    token: ${options.token}`,
    'contexts:',
    `- name: ${name}`,
    '  context:',
    `    cluster: ${name}`,
    `    user: ${name}-admin`,
    `current-context: ${name}`,
    '',
  ].join('\n');
}

/** Writes a kubeconfig readable only by its owner. */
export function writeKubeconfig(path: string, content: string): void {
  writeFileSync(path, content, { mode: 0o600 });
}
