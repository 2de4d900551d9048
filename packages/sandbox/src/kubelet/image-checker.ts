import {
  classifyManifestResponse,
  MANIFEST_MEDIA_TYPES,
  planImageCheck,
  type ImageResolution,
} from './image-check-plan.js';
import type { ImageCheckOptions, Logger } from './options.js';

/** Resolves container images against the configured registry. */
export interface ImageChecker {
  /** One resolution per distinct image. */
  resolve(images: readonly string[]): Promise<Map<string, ImageResolution>>;
}

const PROBE_TIMEOUT_MS = 5000;

/**
 * An {@link ImageChecker} that asks the registry at `options.registryHost` for each image's
 * manifest (HEAD, falling back to GET when HEAD is not allowed); images on other hosts are
 * accepted as they are.
 */
export function createImageChecker(options: ImageCheckOptions, logger: Logger): ImageChecker {
  const insecure = options.insecure ?? false;
  const credentials = options.credentials;
  const headers: Record<string, string> = { Accept: MANIFEST_MEDIA_TYPES.join(', ') };
  if (credentials !== undefined) {
    headers.Authorization = `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`;
  }

  async function probe(url: string): Promise<ImageResolution> {
    try {
      let response = await fetch(url, {
        method: 'HEAD',
        headers,
        signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
      });
      if (response.status === 405) {
        response = await fetch(url, {
          method: 'GET',
          headers,
          signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
        });
        await response.body?.cancel();
      }
      const resolution = classifyManifestResponse(
        response.status,
        response.headers.get('docker-content-digest'),
        credentials !== undefined,
      );
      if (response.status === 401 || response.status === 403)
        logger(`image check: ${url} answered ${response.status}`);
      return resolution;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return { kind: 'unreachable', message: `pulling manifest ${url}: ${message}` };
    }
  }

  async function resolveOne(image: string): Promise<ImageResolution> {
    const step = planImageCheck(image, options.registryHost, insecure);
    switch (step.kind) {
      case 'accept':
        return { kind: 'present' };
      case 'invalid':
        return { kind: 'invalid', message: step.message };
      case 'probe':
        return probe(step.url);
    }
  }

  return {
    async resolve(images) {
      const distinct = [...new Set(images)];
      const resolved = await Promise.all(
        distinct.map(async (image) => [image, await resolveOne(image)] as const),
      );
      return new Map(resolved);
    },
  };
}
