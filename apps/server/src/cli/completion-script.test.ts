import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { COMMANDS } from './commands.js';
import { bashCompletion, fishCompletion, zshCompletion } from './completion-script.js';

const dir = mkdtempSync(join(tmpdir(), 'tideline-completion-'));
const script = join(dir, 'tideline.bash');
writeFileSync(script, bashCompletion(COMMANDS));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What real bash's completion function offers for a line (the cursor after the last word). */
function complete(...words: string[]): string[] {
  const line = ['tideline', ...words];
  const program = [
    `source ${JSON.stringify(script)}`,
    `COMP_WORDS=(${line.map((w) => `'${w}'`).join(' ')})`,
    `COMP_CWORD=${line.length - 1}`,
    '_tideline',
    'printf "%s\\n" "${COMPREPLY[@]}"',
  ].join('\n');
  const out = execFileSync('bash', ['--noprofile', '--norc', '-c', program], {
    encoding: 'utf8',
    timeout: 10_000,
  });
  return out.split('\n').filter(Boolean).sort();
}

describe('bash completion, run in real bash', () => {
  it('offers the kinds after `tideline get `', () => {
    const offered = complete('get', '');
    expect(offered).toEqual(
      expect.arrayContaining([
        'all',
        'kustomizations',
        'helmreleases',
        'sources',
        'images',
        'receivers',
        'alerts',
        'alert-providers',
        'ks',
        'hr',
      ]),
    );
    expect(offered).not.toContain('kustomization');
  });

  it.each<[string[], string[]]>([
    [
      ['get', 'sources', ''],
      ['all', 'chart', 'git', 'helm', 'oci'],
    ],
    [['-n', 'apps', 'get', 'sources', 'g'], ['git']],
    [
      ['suspend', 'k'],
      ['ks', 'kustomization'],
    ],
    [
      ['create', 'source', ''],
      ['git', 'helm', 'oci'],
    ],
    [['tr'], ['trace', 'tree']],
    [['tree', ''], ['kustomization']],
  ])('%j', (words, expected) => {
    expect(complete(...words)).toEqual(expected);
  });

  it('offers a command’s flags after a dash', () => {
    const flags = complete('get', 'ks', '--st');
    expect(flags).toEqual(['--status-selector']);
    expect(complete('check', '--')).toEqual([
      '--context',
      '--help',
      '--kubeconfig',
      '--namespace',
      '--pre',
      '--timeout',
    ]);
  });
});

describe('zsh and fish scripts', () => {
  it('zsh loads the bash function through bashcompinit', () => {
    const text = zshCompletion(COMMANDS);
    expect(text.split('\n').slice(0, 3)).toEqual([
      '#compdef tideline',
      '# tideline completion for zsh',
      'autoload -U +X bashcompinit && bashcompinit',
    ]);
    expect(text).toContain('complete -F _tideline tideline');
  });

  it('fish completes the kinds of get and the flags of check', () => {
    const text = fishCompletion(COMMANDS);
    expect(text).toMatch(
      /complete -c tideline -f -n 'test "\(__tideline_words\)" = '\\''get'\\''' -a '[^']*\bkustomizations\b/,
    );
    expect(text).toContain(`-l pre -d 'only run pre-installation checks'`);
  });
});
