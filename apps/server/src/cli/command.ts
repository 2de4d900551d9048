import { parseArgs } from 'node:util';
import { parseDuration, type Resources } from '@tideline/core';
import { UsageError } from './cli-error.js';
import type { Say } from './say.js';

/** One flag of a command (`--name`/`-s`). */
export interface FlagSpec {
  name: string;
  short?: string;
  type: 'string' | 'boolean';
  /** Repeatable; values may also be comma-separated, as cobra's StringSlice. */
  multiple?: boolean;
  default?: string | boolean;
  /** The value's placeholder in help (`--url URL`). */
  value?: string;
  description: string;
  /** The values shell completion offers. */
  choices?: readonly string[];
}

/** What a positional argument completes to. */
export type PositionalCompletion = 'kinds' | 'names' | 'files' | 'none';

/** A command of the `tideline` CLI: the help text, the flags, and what it runs. */
export interface CliCommand {
  /** Its words (`['create', 'source', 'git']`). */
  path: readonly string[];
  /** The arguments after the words, for the usage line (`NAME --url URL`). */
  args: string;
  summary: string;
  /** Paragraphs after the usage line. */
  description?: string;
  flags: readonly FlagSpec[];
  examples?: readonly string[];
  /** Whether the cluster flags (`--kubeconfig`, `--context`, `-n`, `--timeout`) apply. */
  cluster?: boolean;
  complete?: PositionalCompletion;
  run(ctx: CommandContext): Promise<number>;
}

/** Parsed flag values. */
export type FlagValues = Record<string, string | boolean | string[] | undefined>;

/** What a command's `run` receives. */
export interface CommandContext {
  positionals: string[];
  flags: FlagValues;
  say: Say;
  /** Writes to stdout. */
  out(text: string): void;
  /** The namespace (`-n`, default `flux-system`). */
  namespace: string;
  /** `--timeout` in milliseconds (default 5m). */
  timeoutMs: number;
  /** A client of the cluster, once connected (the first call connects and checks it answers). */
  cluster(): Promise<Resources>;
}

/** The flags every command that talks to the cluster takes, as the flux CLI's global flags. */
export const CLUSTER_FLAGS: readonly FlagSpec[] = [
  {
    name: 'kubeconfig',
    type: 'string',
    value: 'PATH',
    description: 'kubeconfig file (default: $KUBECONFIG, the running sandbox, ~/.kube/config)',
  },
  { name: 'context', type: 'string', value: 'NAME', description: 'kubeconfig context to use' },
  {
    name: 'namespace',
    short: 'n',
    type: 'string',
    default: 'flux-system',
    value: 'NS',
    description: 'the namespace scope of the operation',
  },
  {
    name: 'timeout',
    type: 'string',
    default: '5m0s',
    value: 'DURATION',
    description: 'how long to wait for the cluster and for reconciliations',
  },
];

/** `-h`/`--help`, on every command. */
export const HELP_FLAG: FlagSpec = {
  name: 'help',
  short: 'h',
  type: 'boolean',
  description: 'help for this command',
};

/** All flags a command accepts. Pure. */
export function flagsOf(command: CliCommand): FlagSpec[] {
  return [...command.flags, ...(command.cluster ? CLUSTER_FLAGS : []), HELP_FLAG];
}

/**
 * Parses a command's arguments strictly: an unknown flag, a missing value or a value given to a
 * boolean flag is a {@link UsageError} with one line, as cobra's `unknown flag: --x`. Repeatable
 * flags also split on commas. Pure.
 */
export function parseCommandLine(
  command: CliCommand,
  argv: readonly string[],
): { positionals: string[]; flags: FlagValues } {
  const specs = flagsOf(command);
  const options = Object.fromEntries(
    specs.map((f) => [
      f.name,
      {
        type: f.type,
        ...(f.short ? { short: f.short } : {}),
        ...(f.multiple ? { multiple: true } : {}),
        ...(f.default !== undefined ? { default: f.multiple ? [String(f.default)] : f.default } : {}),
      },
    ]),
  );
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(parseErrorLine(error));
  }
  const flags = { ...parsed.values } as FlagValues;
  for (const f of specs) {
    const value = flags[f.name];
    if (f.multiple && Array.isArray(value))
      flags[f.name] = value.flatMap((v) => v.split(',')).filter(Boolean);
  }
  return { positionals: parsed.positionals, flags };
}

/** One line for a `parseArgs` error, in cobra's words. Pure. */
function parseErrorLine(error: unknown): string {
  const code = (error as { code?: string }).code;
  const message = error instanceof Error ? error.message : String(error);
  // Node quotes the option as `'-n, --namespace <value>'` or `'--bogus'`: name it by its long form.
  const quoted = /'([^']+)'/.exec(message)?.[1] ?? '';
  const flag = /--[^\s,<]+/.exec(quoted)?.[0] ?? /-[^\s,<]+/.exec(quoted)?.[0] ?? '';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `unknown flag: ${flag}`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    return message.includes('does not take an argument')
      ? `flag ${flag} does not take a value`
      : `flag needs an argument: ${flag}`;
  }
  return message.split('\n')[0] ?? message;
}

/** A string flag. */
export function stringFlag(flags: FlagValues, name: string): string | undefined {
  const value = flags[name];
  return typeof value === 'string' ? value : undefined;
}

/** A boolean flag. */
export function booleanFlag(flags: FlagValues, name: string): boolean {
  return flags[name] === true;
}

/** A repeatable flag's values. */
export function listFlag(flags: FlagValues, name: string): string[] {
  const value = flags[name];
  return Array.isArray(value) ? value : [];
}

/** A duration flag in milliseconds; a wrong value is a usage error naming the flag. */
export function durationFlag(flags: FlagValues, name: string, fallback: string): number {
  const text = stringFlag(flags, name) ?? fallback;
  try {
    return parseDuration(text);
  } catch {
    throw new UsageError(`invalid argument "${text}" for "--${name}" flag: time: invalid duration "${text}"`);
  }
}
