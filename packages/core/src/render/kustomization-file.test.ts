import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { generatedResources, prepareKustomization, resourceProblem } from './kustomization-file.js';

let dir = '';
function tree(files: Record<string, string>): string {
  dir = mkdtempSync(join(tmpdir(), 'kfile-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}
afterEach(() => rmSync(dir, { recursive: true, force: true }));
const cm = (name: string): string => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n`;

describe('prepareKustomization', () => {
  it('keeps the spelling of untouched values while adding spec fields', async () => {
    const original = [
      'apiVersion: kustomize.config.k8s.io/v1beta1',
      'kind: Kustomization',
      'resources:',
      '  - .',
      '  - 10:20',
      'images:',
      '  - name: app',
      '    newTag: "1.0"',
      '  - name: other',
      '    newTag: 0777',
      'replicas:',
      '  - name: app',
      '    count: 3',
      'generatorOptions:',
      '  disableNameSuffixHash: true',
      '',
    ].join('\n');
    tree({ 'kustomization.yaml': original });
    await prepareKustomization(dir, {
      namePrefix: 'yes',
      images: [{ name: 'other', newName: 'reg/other' }],
      patches: [{ patch: '- op: add\n  path: /x\n  value: 1\n' }],
    });
    const text = readFileSync(join(dir, 'kustomization.yaml'), 'utf8');
    expect(text).toContain('  - .\n  - 10:20\n');
    expect(text).toContain('newTag: "1.0"');
    expect(text).toContain('newTag: 0777');
    expect(text).toContain('count: 3');
    expect(text).toContain('disableNameSuffixHash: true');
    const asGo = parse(text, { version: '1.1' }) as Record<string, unknown>;
    expect(asGo.namePrefix).toBe('yes');
    expect(asGo.images).toEqual([
      { name: 'app', newTag: '1.0' },
      { name: 'other', newTag: 511, newName: 'reg/other' },
    ]);
    expect(asGo.patches).toEqual([{ patch: '- op: add\n  path: /x\n  value: 1\n' }]);
  });

  it('writes back to the file name it found', async () => {
    tree({ Kustomization: 'resources: [a.yaml]\n', 'a.yaml': cm('a') });
    await prepareKustomization(dir, { targetNamespace: 'prod' });
    expect(parse(readFileSync(join(dir, 'Kustomization'), 'utf8'))).toEqual({
      resources: ['a.yaml'],
      apiVersion: 'kustomize.config.k8s.io/v1beta1',
      kind: 'Kustomization',
      namespace: 'prod',
    });
  });

  it('generates one for a plain directory, listing manifests and nested kustomizations', async () => {
    tree({
      'a.yaml': cm('a'),
      'sub/b.yml': cm('b'),
      'nested/kustomization.yaml': 'resources: []\n',
      'nested/c.yaml': cm('c'),
      'notes.txt': 'x',
    });
    await prepareKustomization(dir, { namePrefix: 'p-' });
    expect(parse(readFileSync(join(dir, 'kustomization.yaml'), 'utf8'))).toEqual({
      apiVersion: 'kustomize.config.k8s.io/v1beta1',
      kind: 'Kustomization',
      resources: ['a.yaml', 'nested', 'sub/b.yml'],
      namePrefix: 'p-',
    });
  });

  it('generates a placeholder for an empty directory', async () => {
    tree({ 'README.md': '#' });
    await prepareKustomization(dir, {});
    expect(parse(readFileSync(join(dir, 'kustomization.yaml'), 'utf8'))).toMatchObject({
      namespace: '_placeholder',
    });
  });

  it('refuses a kustomization file that is not a mapping', async () => {
    tree({ 'kustomization.yaml': '- a\n- b\n' });
    await expect(prepareKustomization(dir, {})).rejects.toThrow(
      'kustomization.yaml: not a kustomization document',
    );
  });
});

describe("Flux's generator checks every YAML file", () => {
  it.each<[string, string, string]>([
    [
      'a nameless object',
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  labels: {app: x}\n',
      'failed to decode Kubernetes YAML from bad.yaml: missing metadata.name in object {{v1 ConfigMap} {{ } map[app:x] map[]}}',
    ],
    [
      'a non-Kubernetes YAML file',
      'replicaCount: 2\n',
      'failed to decode Kubernetes YAML from bad.yaml: missing kind in object {{ } {{ } map[] map[]}}',
    ],
    ['broken YAML', 'a: [unclosed\n', 'failed to decode Kubernetes YAML from bad.yaml: '],
  ])('refuses %s', async (_name, content, message) => {
    tree({ 'good.yaml': cm('good'), 'bad.yaml': content });
    await expect(generatedResources(dir)).rejects.toThrow(message);
  });

  it('accepts Lists without names and empty documents', () => {
    expect(resourceProblem({ apiVersion: 'v1', kind: 'ConfigMapList', items: [] })).toBeUndefined();
    expect(resourceProblem(null)).toBeUndefined();
  });

  it('caps the size of a file it reads', async () => {
    tree({ 'big.yaml': `${cm('big')}data:\n  x: "${'a'.repeat(2000)}"\n` });
    await expect(generatedResources(dir, '', 1000)).rejects.toThrow(
      /big\.yaml: file is \d+ bytes, over the 1000 byte limit/,
    );
  });
});
