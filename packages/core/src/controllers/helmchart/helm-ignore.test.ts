import { describe, expect, it } from 'vitest';
import { helmIgnoresFile, parseHelmIgnore } from './helm-ignore.js';

describe('.helmignore (Helm pkg/ignore)', () => {
  const rules = parseHelmIgnore(
    ['# comment', '', '*.tgz', '.git/', '/ci/*.yaml', 'docs/*.md', '.DS_Store'].join('\n'),
  );

  it.each([
    ['Chart.yaml', false],
    ['templates/deployment.yaml', false],
    ['templates/.hidden', true],
    ['charts/dep-1.0.0.tgz', true],
    ['.git/config', true],
    ['.github/workflows/ci.yaml', false],
    ['ci/values.yaml', true],
    ['sub/ci/values.yaml', false],
    ['docs/README.md', true],
    ['docs/deeper/README.md', false],
    ['x/.DS_Store', true],
  ])('%s ignored: %s', (path, ignored) => {
    expect(helmIgnoresFile(rules, path)).toBe(ignored);
  });

  it('keeps Helm quirk: a negated rule ignores what it does not match', () => {
    const negated = parseHelmIgnore('!keep.yaml');
    expect(helmIgnoresFile(negated, 'keep.yaml')).toBe(false);
    expect(helmIgnoresFile(negated, 'other.yaml')).toBe(true);
  });

  it('refuses double stars and applies only the default without a file', () => {
    expect(() => parseHelmIgnore('templates/**')).toThrow('double-star (**) syntax is not supported');
    expect(helmIgnoresFile(parseHelmIgnore(undefined), 'templates/.keep')).toBe(true);
    expect(helmIgnoresFile(parseHelmIgnore(undefined), 'values.yaml')).toBe(false);
  });
});
