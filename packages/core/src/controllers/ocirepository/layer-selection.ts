import type { OCIRepositorySpec, OCIRepositoryStatus, OciLayerSelector } from '../../api/ocirepository-v1.js';
import type { Descriptor } from '../../sources/oci/registry-client.js';

/** `spec.layerSelector.operation`, defaulting to `extract`. Pure. */
export function layerOperation(spec: Pick<OCIRepositorySpec, 'layerSelector'>): 'extract' | 'copy' {
  return spec.layerSelector?.operation ?? 'extract';
}

/**
 * The layer to use, as source-controller's `selectLayer`: the first layer whose media type
 * equals `layerSelector.mediaType`, or the first layer when no media type is given. Returns
 * Flux's message when there is none. Pure.
 */
export function selectLayer(
  layers: readonly Descriptor[],
  selector: OciLayerSelector | undefined,
): Descriptor | { problem: string } {
  if (layers.length === 0) return { problem: 'no layers found in artifact' };
  const wanted = selector?.mediaType;
  if (!wanted) return layers[0] as Descriptor;
  return (
    layers.find((l) => l.mediaType === wanted) ?? {
      problem: `failed to find layer with media type '${wanted}' in artifact`,
    }
  );
}

/**
 * Whether the artifact must be rebuilt although the remote digest is unchanged: `spec.ignore`
 * or `spec.layerSelector` differ from what the artifact was built with (`ociContentConfigChanged`). Pure.
 */
export function ociContentConfigChanged(
  spec: Pick<OCIRepositorySpec, 'ignore' | 'layerSelector'>,
  status: OCIRepositoryStatus | undefined,
): boolean {
  if ((spec.ignore ?? undefined) !== (status?.observedIgnore ?? undefined)) return true;
  const a = spec.layerSelector;
  const b = status?.observedLayerSelector;
  if ((a === undefined) !== (b === undefined)) return true;
  return (a?.mediaType ?? '') !== (b?.mediaType ?? '') || (a?.operation ?? '') !== (b?.operation ?? '');
}
