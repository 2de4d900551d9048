import type { ImageManifest, Descriptor } from '../../sources/oci/registry-client.js';
import { MediaType } from '../../sources/oci/media-types.js';

/**
 * The chart layer of a manifest pushed by `helm push`, checked as Helm's registry client `Pull`
 * does: a Helm config blob, and a chart content layer (or the legacy `application/tar+gzip`).
 * Throws with Helm's wording otherwise. Pure.
 */
export function helmChartLayer(manifest: ImageManifest): Descriptor {
  if (manifest.config?.mediaType !== MediaType.helmConfig) {
    throw new Error(`could not load config with mediatype ${MediaType.helmConfig}`);
  }
  const layer = manifest.layers.find(
    (l) => l.mediaType === MediaType.helmChartContent || l.mediaType === MediaType.helmLegacyChartContent,
  );
  if (!layer)
    throw new Error(`manifest does not contain a layer with mediatype ${MediaType.helmChartContent}`);
  return layer;
}
