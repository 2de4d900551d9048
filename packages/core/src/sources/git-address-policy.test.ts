import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GitWorkTree } from '../testing/git-fixture.js';
import {
  generateSshKeyPair,
  startGitServer,
  startGitSshServer,
  type GitServer,
  type GitSshServer,
} from '../testing/sandbox.js';
import type { AddressPolicy } from './address-policy.js';
import { curlResolveEntry, gitAddressPins, gitEndpoint } from './git-address-pin.js';
import { checkoutCommits } from './git-checkout.js';
import { lsRemote } from './git-remote.js';
import { GitError } from './git-runner.js';
import { updateSubmodules } from './git-submodules.js';
import { prepareGitTransport } from './git-transport.js';

/**
 * The address policy on git (a subprocess: checked before it runs, pinned with
 * `http.curloptResolve` / ssh `HostName`), against real git servers on 127.0.0.1 (allowed as an
 * exception) and 127.0.0.2 (loopback, forbidden).
 */
const scratch = mkdtempSync(join(tmpdir(), 'git-address-policy-'));
const key = generateSshKeyPair('policy');
let allowed: GitServer;
let forbidden: GitServer;
let ssh: GitSshServer;
let work: GitWorkTree;
let commit = '';

const policy: AddressPolicy = { refuseInternal: true, allow: ['127.0.0.1', '::1'] };
const git = { timeoutMs: 20_000 };

beforeAll(async () => {
  allowed = await startGitServer({ root: join(scratch, 'repos'), host: '127.0.0.1' });
  forbidden = await startGitServer({ root: join(scratch, 'repos'), host: '127.0.0.2' });
  ssh = await startGitSshServer({ root: join(scratch, 'repos'), authorizedKeys: [key.publicKey] });
  work = new GitWorkTree(await allowed.createRepository('r'));
  commit = await work.commit({ 'a.txt': 'a\n' });
}, 60_000);

afterAll(async () => {
  work?.remove();
  for (const server of [allowed, forbidden, ssh]) await server?.stop();
  rmSync(scratch, { recursive: true, force: true });
});

const on = (server: GitServer, host: string): string => `http://${host}:${server.port}/r.git`;

describe('gitEndpoint and the pins', () => {
  it.each<[string, ReturnType<typeof gitEndpoint>]>([
    ['https://git.example.com/org/r.git', { scheme: 'http', host: 'git.example.com', port: 443 }],
    ['http://127.0.0.1:8080/r.git', { scheme: 'http', host: '127.0.0.1', port: 8080 }],
    ['http://[::1]:8080/r.git', { scheme: 'http', host: '::1', port: 8080 }],
    ['ssh://git@git.example.com:2222/r.git', { scheme: 'ssh', host: 'git.example.com', port: 2222 }],
    ['git@github.com:org/r.git', { scheme: 'ssh', host: 'github.com', port: 22 }],
    ['file:///tmp/r.git', undefined],
  ])('%s', (url, endpoint) => {
    expect(gitEndpoint(url)).toEqual(endpoint);
  });

  it('pins a name to the addresses it was checked at, and refuses redirects', async () => {
    expect(await gitAddressPins([on(allowed, 'localhost')], policy)).toEqual([
      ['http.curloptResolve', `localhost:${allowed.port}:127.0.0.1`],
      ['http.followRedirects', 'false'],
    ]);
    expect(curlResolveEntry('h', 443, ['10.0.0.1', 'fd00::1'])).toBe('h:443:10.0.0.1,[fd00::1]');
  });
});

describe('address policy on git over HTTP', () => {
  it('reaches the forbidden server without a policy (so the refusal below is real)', async () => {
    const refs = await lsRemote(on(forbidden, '127.0.0.2'), ['refs/heads/main'], git);
    expect(refs.get('refs/heads/main')).toBe(commit);
  });

  it('refuses a forbidden address before git runs, as a clone failure', async () => {
    const error = await lsRemote(on(forbidden, '127.0.0.2'), [], { ...git, addressPolicy: policy }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(GitError);
    expect((error as Error).message).toBe(
      `unable to clone '${on(forbidden, '127.0.0.2')}': refusing to connect to 127.0.0.2, a loopback address (engine address policy)`,
    );
  });

  it('refuses a name that resolves to a forbidden address', async () => {
    await expect(
      lsRemote(on(allowed, 'localhost'), [], { ...git, addressPolicy: { refuseInternal: true } }),
    ).rejects.toThrow('refusing to connect to localhost: it resolves to 127.0.0.1, a loopback address');
  });

  it('works for an allowed name, pinned to the checked address', async () => {
    const refs = await lsRemote(on(allowed, 'localhost'), ['refs/heads/main'], {
      ...git,
      addressPolicy: policy,
    });
    expect(refs.get('refs/heads/main')).toBe(commit);
  });

  it('git connects where http.curloptResolve says, not where DNS would', async () => {
    // `pinned.invalid` has no DNS answer: only the pin can make this work.
    const pin = curlResolveEntry('pinned.invalid', allowed.port, ['127.0.0.1']);
    const transport = {
      kind: 'tls' as const,
      config: [['http.curloptResolve', pin] as const],
      env: {},
      secrets: [],
    };
    const refs = await lsRemote(`http://pinned.invalid:${allowed.port}/r.git`, ['refs/heads/main'], {
      ...git,
      transport,
    });
    expect(refs.get('refs/heads/main')).toBe(commit);
  });
});

describe('address policy on git over SSH', () => {
  const url = (): string => `ssh://git@localhost:${ssh.port}/r.git`;

  it('pins the host to the checked address; host keys still match the name', async () => {
    const line = ssh.knownHosts.replace(/^\S+/, `[localhost]:${ssh.port}`);
    const transport = await prepareGitTransport(
      scratch,
      url(),
      { ssh: { identity: key.privateKey, knownHosts: line } },
      { connectTimeoutSeconds: 10, addressPolicy: policy },
    );
    try {
      const config = readFileSync(join(transport?.env.GIT_SSH ?? '', '..', 'ssh_config'), 'utf8');
      expect(config).toContain(
        `Host localhost\n  HostName 127.0.0.1\n  HostKeyAlias [localhost]:${ssh.port}\n`,
      );
      const refs = await lsRemote(url(), ['refs/heads/main'], { ...git, transport, addressPolicy: policy });
      expect(refs.get('refs/heads/main')).toBe(commit);
    } finally {
      await transport?.dispose();
    }
  });

  it('refuses an SSH host that resolves to a forbidden address', async () => {
    await expect(
      prepareGitTransport(
        scratch,
        url(),
        { ssh: { identity: key.privateKey, knownHosts: ssh.knownHosts } },
        { connectTimeoutSeconds: 10, addressPolicy: { refuseInternal: true } },
      ),
    ).rejects.toThrow(
      `unable to clone '${url()}': refusing to connect to localhost: it resolves to 127.0.0.1, a loopback address (engine address policy)`,
    );
  });
});

describe('address policy on submodules', () => {
  /** A repository whose submodule `sub` is `url`; resolves its clone URL. */
  async function withSubmodule(name: string, url: string): Promise<string> {
    const remote = await allowed.createRepository(name);
    const tree = new GitWorkTree(remote);
    await tree.commit({ 'README.md': `${name}\n` });
    await tree.git('-c', 'protocol.file.allow=never', 'submodule', 'add', '-q', '--', url, 'sub');
    await tree.commit({ 'README.md': `${name} with sub\n` });
    tree.remove();
    return remote;
  }

  async function checkout(url: string, policy: AddressPolicy): Promise<string> {
    const dir = join(mkdtempSync(join(scratch, 'co-')), 'repo');
    const options = { ...git, addressPolicy: policy };
    await checkoutCommits(url, dir, { wants: ['refs/heads/main'], checkout: 'FETCH_HEAD' }, options);
    await updateSubmodules(dir, url, options);
    return dir;
  }

  it('checks and pins every level of nested submodules', async () => {
    const viaName = (url: string): string => url.replace('//127.0.0.1:', '//localhost:');
    const middle = await withSubmodule('middle', on(allowed, 'localhost'));
    const top = await withSubmodule('top', viaName(middle));
    const dir = await checkout(viaName(top), policy);
    expect(existsSync(join(dir, 'sub', 'sub', 'a.txt'))).toBe(true);
  });

  it('refuses a submodule on a forbidden address before fetching it', async () => {
    const parent = await withSubmodule('to-forbidden', on(forbidden, '127.0.0.2'));
    await expect(checkout(parent, policy)).rejects.toThrow(
      `unable to clone '${parent}': refusing to connect to 127.0.0.2, a loopback address (engine address policy)`,
    );
  });

  it('refuses a nested submodule on a forbidden address', async () => {
    const middle = await withSubmodule('middle-forbidden', on(forbidden, '127.0.0.2'));
    const top = await withSubmodule('top-forbidden', middle);
    await expect(checkout(top, policy)).rejects.toThrow(
      'refusing to connect to 127.0.0.2, a loopback address',
    );
  });
});
