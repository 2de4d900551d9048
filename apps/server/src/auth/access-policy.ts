import { unwatchFile, watchFile } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { parse } from 'yaml';
import { z } from 'zod';
import type { Grant } from './access.js';
import { ROLES } from './roles.js';

/** A policy file larger than this is refused (it is a list of grants, not data). */
const MAX_POLICY_BYTES = 256 * 1024;

const name = z.string().min(1).max(253);
const PolicySchema = z.object({
  grants: z
    .array(
      z
        .object({
          role: z.enum(ROLES),
          users: z.array(name).max(10_000).optional(),
          groups: z.array(name).max(10_000).optional(),
          namespaces: z
            .array(
              z
                .string()
                .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'must be a namespace name')
                .max(63),
            )
            .min(1)
            .optional(),
        })
        .strict()
        .refine((g) => (g.users?.length ?? 0) + (g.groups?.length ?? 0) > 0, 'names no user and no group'),
    )
    .max(10_000)
    .default([]),
});

/**
 * The grants of an access policy (YAML or JSON): `grants: [{role, users?, groups?, namespaces?}]`.
 * Throws with every problem named. Pure.
 */
export function parseAccessPolicy(text: string): Grant[] {
  const result = PolicySchema.safeParse(parse(text) ?? {});
  if (!result.success)
    throw new Error(
      `invalid access policy: ${result.error.issues.map((i) => `${i.path.join('.') || 'value'}: ${i.message}`).join('; ')}`,
    );
  return result.data.grants;
}

/**
 * The access policy file, read at start and again whenever it changes (polled every
 * `pollMs`: editors replace files, which inotify watches lose). A missing file grants nothing
 * (only the admin token signs in); a broken edit keeps the last good grants and is reported,
 * so a typo never locks everyone out or opens everything.
 */
export class AccessPolicy {
  private current: readonly Grant[] = [];
  private readonly listeners = new Set<() => void>();

  private constructor(
    readonly path: string | undefined,
    private readonly log: (line: string) => void,
  ) {}

  /** Reads the file (when given) and starts watching it. */
  static async open(
    path: string | undefined,
    log: (line: string) => void,
    pollMs = 2000,
  ): Promise<AccessPolicy> {
    const policy = new AccessPolicy(path, log);
    if (!path) return policy;
    policy.current = (await policy.read()) ?? [];
    watchFile(path, { interval: pollMs, persistent: false }, () => void policy.reload());
    return policy;
  }

  /** A policy from grants in memory (tests, and a server started without a file). */
  static fixed(grants: readonly Grant[]): AccessPolicy {
    const policy = new AccessPolicy(undefined, () => undefined);
    policy.current = grants;
    return policy;
  }

  /** The grants in force. */
  grants(): readonly Grant[] {
    return this.current;
  }

  /** Called after the grants changed (sessions whose rights changed are ended there). */
  onChange(listener: () => void): void {
    this.listeners.add(listener);
  }

  /** Re-reads the file now. */
  async reload(): Promise<void> {
    const next = await this.read();
    if (!next) return;
    this.current = next;
    for (const listener of this.listeners) listener();
  }

  /** Stops watching. */
  close(): void {
    if (this.path) unwatchFile(this.path);
  }

  private async read(): Promise<Grant[] | undefined> {
    if (!this.path) return [];
    try {
      const size = (await stat(this.path)).size;
      if (size > MAX_POLICY_BYTES) throw new Error(`larger than ${MAX_POLICY_BYTES} bytes`);
      const grants = parseAccessPolicy(await readFile(this.path, 'utf8'));
      this.log(`✔ access policy ${this.path}: ${grants.length} grant(s)`);
      return grants;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      this.log(
        `⚠ access policy ${this.path} not applied (the previous grants stay): ${(error as Error).message}`,
      );
      return undefined;
    }
  }
}
