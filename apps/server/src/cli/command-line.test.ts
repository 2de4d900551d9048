import { describe, expect, it } from 'vitest';
import { parseCommandLine } from './command.js';
import { COMMAND_ALIASES, COMMANDS } from './commands.js';
import { parseLabels, validateName } from './create-flow.js';
import { resolveCommand } from './resolve-command.js';

const resolved = (argv: string[]) => {
  const r = resolveCommand(argv, COMMANDS, COMMAND_ALIASES);
  return r.type === 'command' ? { type: r.type, path: r.command.path.join(' '), argv: r.argv } : r;
};

describe('resolveCommand', () => {
  it.each<[string[], unknown]>([
    [['get', 'ks', 'apps'], { type: 'command', path: 'get', argv: ['ks', 'apps'] }],
    [['-n', 'apps', 'get', 'hr'], { type: 'command', path: 'get', argv: ['-n', 'apps', 'hr'] }],
    [
      ['create', 'source', 'git', 'repo', '--url', 'u'],
      { type: 'command', path: 'create source git', argv: ['repo', '--url', 'u'] },
    ],
    [['create', 'src', 'helm', 'charts'], { type: 'command', path: 'create source helm', argv: ['charts'] }],
    [['create'], { type: 'group', prefix: ['create'] }],
    [['create', 'source', '--help'], { type: 'group', prefix: ['create', 'source'] }],
    [['create', 'widget'], { type: 'unknown', prefix: ['create'], word: 'widget' }],
    [['frobnicate'], { type: 'unknown', prefix: [], word: 'frobnicate' }],
    [[], { type: 'group', prefix: [] }],
  ])('%j', (argv, expected) => {
    expect(resolved(argv)).toEqual(expected);
  });
});

describe('parseCommandLine', () => {
  const get = COMMANDS.find((c) => c.path.join(' ') === 'get')!;
  const git = COMMANDS.find((c) => c.path.join(' ') === 'create source git')!;

  it('parses flags with their defaults; repeatable flags split on commas', () => {
    const { positionals, flags } = parseCommandLine(git, [
      'repo',
      '--url=u',
      '--ignore-paths',
      'a,b',
      '--ignore-paths',
      'c',
    ]);
    expect(positionals).toEqual(['repo']);
    expect(flags).toMatchObject({
      url: 'u',
      namespace: 'flux-system',
      timeout: '5m0s',
      'ignore-paths': ['a', 'b', 'c'],
    });
  });

  it.each<[string[], string]>([
    [['ks', '--bogus'], 'unknown flag: --bogus'],
    [['ks', '-n'], 'flag needs an argument: --namespace'],
    [['ks', '--watch=yes'], 'flag --watch does not take a value'],
  ])('%j is a usage error in cobra words', (argv, message) => {
    expect(() => parseCommandLine(get, argv)).toThrow(message);
  });
});

describe('create names and labels', () => {
  it.each<[string | undefined, string | undefined]>([
    ['podinfo', undefined],
    ['a1-b2', undefined],
    [undefined, 'name is required'],
    ['Podinfo', "name 'Podinfo' is invalid"],
    ['-a', "name '-a' is invalid"],
    ['a'.repeat(64), 'is invalid'],
  ])('name %s', (name, error) => {
    if (error) expect(() => validateName(name)).toThrow(error);
    else expect(validateName(name)).toBe(name);
  });

  it.each<[string[], Record<string, string> | undefined | string]>([
    [[], undefined],
    [['app=web', 'example.com/tier=front'], { app: 'web', 'example.com/tier': 'front' }],
    [['app'], "invalid label format 'app', must be key=value"],
    [['a=b=c'], "invalid label format 'a=b=c', must be key=value"],
    [['-bad=x'], "invalid label '-bad': not a qualified name"],
    [['app=-x'], "invalid label value '-x'"],
  ])('labels %j', (labels, expected) => {
    if (typeof expected === 'string') expect(() => parseLabels(labels)).toThrow(expected);
    else expect(parseLabels(labels)).toEqual(expected);
  });
});
