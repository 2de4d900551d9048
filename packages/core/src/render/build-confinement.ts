import { realpath, readFile, stat } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { kustomizationFileIn } from './kustomization-file.js';
import { isLocalRelativePath } from './kustomization-overlay.js';
import {
  kustomizationReferences,
  pluginConfigReferences,
  type PathReference,
} from './kustomization-references.js';
import { NO_REMOTE_BASES, remoteReference, type RemoteReference } from './remote-reference.js';

/** Raised when a build would read outside the artifact, fetch a remote base, loop, or read too much. */
export class BuildConfinementError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BuildConfinementError';
  }
}

/** Limits of {@link checkBuildConfinement}. */
export interface ConfinementLimits {
  /** Total bytes of the files the build reads. */
  maxBytes: number;
  /** Kustomization directories visited (default 1000). */
  maxKustomizations?: number;
  /**
   * Let kustomize fetch remote bases (Flux's default; Tideline's only with the engine option).
   * Without it, any remote reference fails the build before kustomize runs.
   */
  allowRemoteBases?: boolean;
}

/** A remote reference found in the tree, and where. */
export interface FoundRemote extends RemoteReference {
  /** `<kustomization file>: <field> entry '<reference>'`. */
  where: string;
}

const inside = (root: string, path: string): boolean => {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
};

/** Walks kustomization files depth-first, checking every referenced path against the root. */
class Walker {
  private bytes = 0;
  private readonly done = new Set<string>();
  private readonly stack: string[] = [];
  readonly remotes: FoundRemote[] = [];

  constructor(
    private readonly root: string,
    private readonly limits: ConfinementLimits,
  ) {}

  private show(path: string): string {
    return relative(this.root, path) || '.';
  }

  private async account(file: string): Promise<void> {
    this.bytes += (await stat(file)).size;
    if (this.bytes > this.limits.maxBytes)
      throw new BuildConfinementError(`manifests exceed the ${this.limits.maxBytes} byte limit`);
  }

  /** The real path of a reference, or undefined when it does not exist (kustomize reports that). */
  private async confine(from: string, kfile: string, ref: PathReference): Promise<string | undefined> {
    const where = `${this.show(kfile)}: ${ref.field} entry '${ref.path}'`;
    const remote = remoteReference(ref.path);
    if (remote) {
      // Decided here, not by kustomize: it would fetch it with its own HTTP client or git.
      if (!this.limits.allowRemoteBases) throw new BuildConfinementError(`${where}: ${NO_REMOTE_BASES}`);
      this.remotes.push({ ...remote, where });
      return undefined;
    }
    const path = ref.path.replace(/^file:\/\//i, '');
    // What is left and not local (e.g. `file://git::…`) names no file kustomize could read.
    if (!isAbsolute(path) && !isLocalRelativePath(path)) return undefined;
    const full = resolve(from, path);
    if (isAbsolute(path) || !inside(this.root, full))
      throw new BuildConfinementError(`${where} is not in or below the artifact root`);
    let real: string;
    try {
      real = await realpath(full);
    } catch {
      return undefined;
    }
    if (!inside(this.root, real))
      throw new BuildConfinementError(`${where} resolves outside the artifact root`);
    return real;
  }

  /** Visits a kustomization directory; `plugin` when its output feeds generators/transformers/validators. */
  async visitDir(dir: string, plugin = false): Promise<void> {
    const real = await realpath(dir);
    if (this.stack.includes(real)) {
      const loop = [...this.stack.slice(this.stack.indexOf(real)), real].map((d) => this.show(d)).join(' → ');
      throw new BuildConfinementError(`kustomization loop detected: ${loop}`);
    }
    const key = `${real}\u0000${plugin}`;
    if (this.done.has(key)) return;
    if (this.done.size >= (this.limits.maxKustomizations ?? 1000)) {
      throw new BuildConfinementError(`more than ${this.limits.maxKustomizations ?? 1000} kustomizations`);
    }
    const kfile = kustomizationFileIn(real);
    if (!kfile) return;
    if (!inside(this.root, await realpath(kfile)))
      throw new BuildConfinementError(`${this.show(kfile)} resolves outside the artifact root`);
    this.stack.push(real);
    await this.visitFile(real, kfile, plugin);
    this.stack.pop();
    this.done.add(key);
  }

  private async visitFile(dir: string, kfile: string, plugin: boolean): Promise<void> {
    await this.account(kfile);
    let doc: unknown;
    try {
      // Failsafe schema: every scalar is a string, so a path Go reads as text is never read as a number here.
      doc = parse(await readFile(kfile, 'utf8'), {
        schema: 'failsafe',
        merge: true,
        uniqueKeys: true,
        maxAliasCount: 100,
      });
    } catch (error) {
      throw new BuildConfinementError(`${this.show(kfile)}: ${(error as Error).message}`);
    }
    if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return;
    const { references, inline } = kustomizationReferences(doc as Record<string, unknown>);
    for (const { field, config } of inline)
      references.push(...(await this.pluginReferences(config, field, kfile)));
    for (const ref of references) await this.visitReference(dir, kfile, ref, plugin);
  }

  private async pluginReferences(text: string, field: string, kfile: string): Promise<PathReference[]> {
    const out: PathReference[] = [];
    for (const doc of parseAllDocuments(text, { schema: 'failsafe', merge: true })) {
      if (doc.errors.length > 0)
        throw new BuildConfinementError(
          `${this.show(kfile)}: ${field}: ${doc.errors[0]?.message ?? 'invalid YAML'}`,
        );
      const value = doc.toJS({ maxAliasCount: 100 }) as unknown;
      if (value && typeof value === 'object' && !Array.isArray(value))
        out.push(...pluginConfigReferences(value as Record<string, unknown>, field));
    }
    return out;
  }

  private async visitReference(
    dir: string,
    kfile: string,
    ref: PathReference,
    plugin: boolean,
  ): Promise<void> {
    const real = await this.confine(dir, kfile, ref);
    if (!real) return;
    if ((await stat(real)).isDirectory()) {
      await this.visitDir(real, plugin || ref.kind === 'plugin');
      return;
    }
    await this.account(real);
    if (ref.kind !== 'plugin' && !(plugin && ref.kind === 'entry')) return;
    const configs = await this.pluginReferences(await readFile(real, 'utf8'), ref.field, kfile);
    // Plugin configs resolve paths against the kustomization that uses them; check their own directory too.
    for (const inner of configs) {
      await this.confine(dir, kfile, inner);
      await this.confine(dirname(real), kfile, inner);
    }
  }
}

/**
 * Before kustomize runs (with load restrictions off, as Flux does), checks that every path the
 * kustomization tree at `dir` references — resources, components, bases, patches, generator
 * sources, plugin configs, crds, openapi, helm values — stays inside `root` lexically and after
 * resolving symlinks; that kustomizations do not loop; and that the files read stay under a
 * byte cap; and that no reference is remote unless `allowRemoteBases` (the remote references
 * found are returned). Throws {@link BuildConfinementError}.
 */
export async function checkBuildConfinement(
  root: string,
  dir: string,
  limits: ConfinementLimits,
): Promise<FoundRemote[]> {
  const realRoot = await realpath(root);
  const realDir = await realpath(dir);
  if (!inside(realRoot, realDir))
    throw new BuildConfinementError(
      `path '${relative(realRoot, realDir)}' is not in or below the artifact root`,
    );
  const walker = new Walker(realRoot, limits);
  await walker.visitDir(realDir);
  return walker.remotes;
}
