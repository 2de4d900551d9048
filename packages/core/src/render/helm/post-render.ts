import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { PostRenderer } from '../../api/helmrelease-spec.js';
import { runProcess } from '../subprocess.js';
import {
  applyMetadataPatches,
  isHook,
  parseStream,
  writeStream,
  type MetadataPatch,
} from './post-render-metadata.js';

/** What one Helm action's post-rendering does (helm-controller's `BuildPostRenderers`). */
export interface PostRenderSpec {
  /** `spec.postRenderers` (kustomize patches and images), in order. */
  postRenderers: readonly PostRenderer[];
  /** `spec.commonMetadata`, then the origin labels: applied after the kustomize renderers. */
  metadata: readonly MetadataPatch[];
  /** `spec.postRenderStrategy` (default `combined`: hooks and manifests together). */
  strategy: 'nohooks' | 'combined' | 'separate';
}

/** Tools and caps the kustomize renderer needs. */
export interface KustomizeRunner {
  kubectlBin: string;
  workDir: string;
  timeoutMs: number;
  maxBytes: number;
}

/** Runs `kubectl kustomize` over the documents with the renderer's patches and images. */
async function kustomize(stream: string, renderer: PostRenderer, runner: KustomizeRunner): Promise<string> {
  const k = renderer.kustomize;
  if (!k || (!k.patches?.length && !k.images?.length)) return stream;
  const dir = await mkdtemp(join(runner.workDir, 'post-render-'));
  try {
    await writeFile(join(dir, 'resources.yaml'), stream, { mode: 0o600 });
    const kustomization = {
      apiVersion: 'kustomize.config.k8s.io/v1beta1',
      kind: 'Kustomization',
      resources: ['resources.yaml'],
      ...(k.patches?.length ? { patches: k.patches } : {}),
      ...(k.images?.length ? { images: k.images } : {}),
    };
    await writeFile(join(dir, 'kustomization.yaml'), stringify(kustomization), { mode: 0o600 });
    const result = await runProcess(runner.kubectlBin, ['kustomize', dir], {
      timeoutMs: runner.timeoutMs,
      maxStdoutBytes: runner.maxBytes,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin' },
    });
    if (result.code !== 0)
      throw new Error(result.stderr.trim().replace(/^Error: /, '') || `kustomize exited ${result.code}`);
    return result.stdout;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function pipeline(stream: string, spec: PostRenderSpec, runner: KustomizeRunner): Promise<string> {
  let out = stream;
  for (const renderer of spec.postRenderers) out = await kustomize(out, renderer, runner);
  return spec.metadata.length > 0 ? applyMetadataPatches(out, spec.metadata, false) : out;
}

/**
 * Post-renders Helm's stream as helm-controller does: kustomize renderers in order, then the
 * metadata patches. `combined` runs everything over hooks and manifests together, `separate`
 * over each set on its own, `nohooks` over manifests only (hooks pass unchanged).
 */
export async function postRender(
  stream: string,
  spec: PostRenderSpec,
  runner: KustomizeRunner,
): Promise<string> {
  if (spec.strategy === 'combined') return pipeline(stream, spec, runner);
  const docs = parseStream(stream);
  const hooks = writeStream(docs.filter(isHook));
  const manifests = writeStream(docs.filter((d) => !isHook(d)));
  const rendered = await pipeline(manifests, spec, runner);
  const renderedHooks = spec.strategy === 'separate' && hooks ? await pipeline(hooks, spec, runner) : hooks;
  return `${rendered}${rendered.endsWith('\n') || !rendered ? '' : '\n'}${renderedHooks}`;
}
