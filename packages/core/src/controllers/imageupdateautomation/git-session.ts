import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { switchToBranch, commitChanges, pushRefspecs } from '../../sources/git-commit.js';
import { lsRemote } from '../../sources/git-remote.js';
import type { AddressPolicy } from '../../sources/address-policy.js';
import { GitError, type GitOptions } from '../../sources/git-runner.js';
import { prepareCommitSigner, SigningKeyError, type CommitSigner } from '../../sources/git-signing.js';
import { prepareGitTransport, type GitTransport } from '../../sources/git-transport.js';
import { checkoutResolved } from '../gitrepository/checkout.js';
import { remotePatterns, resolveRemote, strategyProblem } from '../gitrepository/checkout-strategy.js';
import { SourceConfigError, type SourceConfig } from './source-config.js';

/** A checked-out working copy, on the push branch. */
export interface WorkingCopy {
  dir: string;
  commit: string;
  /** Flux's `Commit.String()` of the checkout (`main@sha1:<id>`). */
  revision: string;
}

/** What a push did. */
export interface Pushed {
  commit: string;
  refspecs: string[];
}

/**
 * One automation run's Git work (image-automation-controller's `SourceManager`): signing key
 * and transport prepared up front, the remote head read, a shallow clone of the checkout ref
 * on the push branch, then commit and push. `dispose` removes every file it wrote.
 */
export class GitSession {
  private dir?: string;

  private constructor(
    private readonly config: SourceConfig,
    private readonly git: GitOptions,
    private readonly workDir: string,
    private readonly cleanups: (() => Promise<void>)[],
  ) {}

  /** Prepares the signer (a bad key fails here, before any clone, as in Flux) and the transport. */
  static async open(
    config: SourceConfig,
    options: { workDir: string; gitBin?: string; signal: AbortSignal; addressPolicy?: AddressPolicy },
  ): Promise<GitSession> {
    const cleanups: (() => Promise<void>)[] = [];
    let signer: CommitSigner | undefined;
    try {
      if (config.signing) {
        signer = await prepareCommitSigner(config.signing.key, config.signing.secret).catch(
          (error: unknown) => {
            throw error instanceof SigningKeyError ? new SourceConfigError(error.message, 'failed') : error;
          },
        );
        cleanups.push(() => signer!.dispose());
      }
      const transport: GitTransport | undefined = config.transport
        ? await prepareGitTransport(options.workDir, config.url, config.transport, {
            connectTimeoutSeconds: config.timeoutMs / 1000,
          })
        : undefined;
      if (transport) cleanups.push(() => transport.dispose());
      const git: GitOptions = {
        gitBin: options.gitBin,
        timeoutMs: config.timeoutMs,
        signal: options.signal,
        credentials: config.credentials,
        addressPolicy: options.addressPolicy,
        ...(transport ? { transport } : {}),
        ...(signer ? { signing: signer } : {}),
      };
      return new GitSession(config, git, options.workDir, cleanups);
    } catch (error) {
      for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
      throw error;
    }
  }

  /** The revision the checkout ref points to on the remote now (for the "nothing changed" shortcut). */
  async remoteRevision(): Promise<string> {
    const problem = strategyProblem(this.config.checkout);
    if (problem) throw new GitError(problem, 'failed');
    const refs = await lsRemote(this.config.url, remotePatterns(this.config.checkout), this.git);
    const remote = resolveRemote(this.config.checkout, refs, this.config.url);
    if (!remote.ok) throw new GitError(remote.message, 'failed');
    return remote.revision;
  }

  /** Clones the checkout ref (shallow where possible) and checks out the push branch on it. */
  async checkout(): Promise<WorkingCopy> {
    const { config, git } = this;
    const problem = strategyProblem(config.checkout);
    if (problem) throw new GitError(problem, 'failed');
    const refs = await lsRemote(config.url, remotePatterns(config.checkout), git);
    const remote = resolveRemote(config.checkout, refs, config.url);
    if (!remote.ok) throw new GitError(remote.message, 'failed');
    const parent = await mkdtemp(join(this.workDir, 'imageupdateautomation-'));
    this.cleanups.push(() => rm(parent, { recursive: true, force: true }));
    this.dir = join(parent, 'repo');
    const { checkout, revision } = await checkoutResolved(config.url, this.dir, config.checkout, remote, git);
    await switchToBranch(this.dir, config.pushBranch, git);
    return { dir: this.dir, commit: checkout.commit, revision };
  }

  /**
   * Commits every change (signed when a key is configured) and pushes the push branch —
   * force-pushed when it is the automation's own branch — then the refspec, with the push
   * options. Undefined when there was nothing to commit.
   */
  async commitAndPush(author: { name: string; email: string }, message: string): Promise<Pushed | undefined> {
    const { config, git } = this;
    if (!this.dir) throw new Error('commit before checkout');
    const commit = await commitChanges(
      this.dir,
      { authorName: author.name, authorEmail: author.email, message, sign: config.signing !== undefined },
      git,
    );
    if (!commit) return undefined;
    const push = { force: config.switchBranch, options: config.pushOptions };
    await pushRefspecs(this.dir, config.url, [`HEAD:refs/heads/${config.pushBranch}`], push, git);
    const refspecs = config.refspec ? [config.refspec] : [];
    if (config.refspec) await pushRefspecs(this.dir, config.url, refspecs, push, git);
    return { commit, refspecs };
  }

  /** Removes the clone, the transport files and the signing key (stopping gpg's agent). */
  async dispose(): Promise<void> {
    for (const cleanup of this.cleanups.reverse()) await cleanup().catch(() => undefined);
  }
}
