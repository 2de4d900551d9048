import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { encryptedSourceCandidates } from './kustomization-sources.js';

let root = '';
afterEach(() => rmSync(root, { recursive: true, force: true }));

function tree(files: Record<string, string>): string {
  root = mkdtempSync(join(tmpdir(), 'dec-src-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

describe('encryptedSourceCandidates', () => {
  it('finds the sources Flux decrypts, under any spelling encoding/json folds to the field', async () => {
    // kustomize-controller reads kustomization.yaml with sigs.k8s.io/yaml, i.e. encoding/json:
    // `SecretGenerator`, `FILES`, `Path`, `re\u017fources` (long s) are the fields it knows.
    tree({
      'app/kustomization.yaml':
        'SecretGenerator:\n  - name: s\n    FILES: [creds.yaml]\n    Envs: [app.env]\nPatches:\n  - Path: patch.yaml\nre\u017fources: [../base]\n',
      'base/kustomization.yaml': 'secretGenerator:\n  - name: b\n    files: [base.json]\n',
    });
    const found = await encryptedSourceCandidates(root, join(root, 'app'));
    expect(found.map((s) => [relative(root, s.path), s.format]).sort()).toEqual([
      ['app/app.env', 'dotenv'],
      ['app/creds.yaml', 'yaml'],
      ['app/patch.yaml', 'yaml'],
      ['base/base.json', 'json'],
    ]);
  });
});
