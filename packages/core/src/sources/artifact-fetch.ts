import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Artifact } from '../api/meta.js';
import { deadlineSignal } from '../runtime/deadline.js';
import { sha256Digest } from './artifact-store.js';
import { readTarGz, DEFAULT_UNPACK_LIMITS, type UnpackLimits } from './tar-reader.js';

/** Raised when an artifact cannot be fetched; `notFound` mirrors Flux's HTTP 404 handling. */
export class ArtifactFetchError extends Error {
  constructor(
    message: string,
    readonly notFound = false,
  ) {
    super(message);
    this.name = 'ArtifactFetchError';
  }
}

/** Downloads an artifact with time and byte caps and checks it against its digest. */
export async function downloadArtifact(
  artifact: Artifact,
  options: { timeoutMs?: number; maxBytes?: number; signal?: AbortSignal } = {},
): Promise<Buffer> {
  const deadline = deadlineSignal(options.timeoutMs ?? 60_000, options.signal);
  try {
    return await download(artifact, options.maxBytes ?? 100 * 1024 * 1024, deadline.signal);
  } finally {
    deadline.dispose();
  }
}

/**
 * The body, at most `maxBytes`. A body that stalls ends at the deadline like a request that
 * never answers does, and says so as an {@link ArtifactFetchError} rather than a bare abort.
 */
async function readCapped(body: AsyncIterable<Uint8Array>, url: string, maxBytes: number): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for await (const chunk of body) {
      size += chunk.length;
      if (size > maxBytes)
        throw new ArtifactFetchError(`artifact from ${url} is larger than ${maxBytes} bytes`);
      chunks.push(chunk);
    }
  } catch (error) {
    if (error instanceof ArtifactFetchError) throw error;
    throw new ArtifactFetchError(`failed to download artifact from ${url}: ${(error as Error).message}`);
  }
  return Buffer.concat(chunks);
}

async function download(artifact: Artifact, maxBytes: number, signal: AbortSignal): Promise<Buffer> {
  let res: Response;
  try {
    res = await fetch(artifact.url, { signal });
  } catch (error) {
    throw new ArtifactFetchError(
      `failed to download artifact from ${artifact.url}: ${(error as Error).message}`,
    );
  }
  if (res.status === 404) throw new ArtifactFetchError(`artifact not found at ${artifact.url}`, true);
  if (!res.ok || !res.body)
    throw new ArtifactFetchError(`failed to download artifact from ${artifact.url}: HTTP ${res.status}`);
  const data = await readCapped(res.body, artifact.url, maxBytes);
  const digest = sha256Digest(data);
  if (digest !== artifact.digest) {
    throw new ArtifactFetchError(
      `failed to verify artifact: computed digest ${digest} doesn't match ${artifact.digest}`,
    );
  }
  return data;
}

/** Unpacks a tar.gz artifact into `dir` (regular files and dirs only, paths confined). */
export async function unpackArtifact(
  data: Buffer,
  dir: string,
  limits: UnpackLimits = DEFAULT_UNPACK_LIMITS,
): Promise<void> {
  for (const entry of readTarGz(data, limits)) {
    const target = join(dir, entry.path);
    if (entry.type === 'dir') await mkdir(target, { recursive: true });
    else {
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, entry.data, { mode: entry.mode & 0o100 ? 0o700 : 0o600 });
    }
  }
}
