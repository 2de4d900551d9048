import {
  composeValues,
  type KubeObject,
  type Resources,
  type ValuesObjectReader,
  type ValuesReference,
} from '@tideline/core';
import { stringify } from 'yaml';
import type { HelmValuesDto } from '../api/dto.js';
import { valuesSourceName } from '../cache/helm-detail.js';
import { maskSecretData } from '../cache/masked-values.js';
import type { FluxResource } from '../cache/to-dto.js';
import { ValuesUnavailableError, type ObjectKey } from './types.js';

/** Bounds of one values request: references read, time, YAML size, requests at once. */
export const VALUES_LIMITS = {
  maxReferences: 50,
  timeoutMs: 10_000,
  maxYamlBytes: 256 * 1024,
  concurrent: 4,
} as const;

/** What the values service reads: the cached HelmRelease, and ConfigMaps/Secrets from the cluster. */
export interface HelmValuesDeps {
  release(key: ObjectKey): FluxResource | undefined;
  resources: Pick<Resources, 'get'>;
}

/**
 * A reader of the HelmRelease's namespace that masks every Secret value as it reads it, so
 * nothing after this function ever holds one (ConfigMaps are read as they are).
 */
function maskingReader(
  deps: HelmValuesDeps,
  namespace: string,
  refs: readonly ValuesReference[],
  signal: AbortSignal,
): ValuesObjectReader {
  return async (kind, name) => {
    signal.throwIfAborted();
    const obj = await deps.resources.get<KubeObject & { data?: Record<string, string> }>({
      apiVersion: 'v1',
      kind,
      namespace,
      name,
    });
    signal.throwIfAborted();
    if (!obj) return undefined;
    const data = obj.data ?? {};
    if (kind === 'ConfigMap') return { data };
    const decoded = Object.fromEntries(
      Object.entries(data).map(([k, v]) => [k, Buffer.from(v, 'base64').toString('utf8')]),
    );
    return { data: maskSecretData(namespace, name, decoded, refs) };
  };
}

async function compose(deps: HelmValuesDeps, hr: FluxResource, signal: AbortSignal): Promise<HelmValuesDto> {
  const namespace = hr.metadata.namespace ?? '';
  const refs = (hr.spec?.valuesFrom ?? []) as ValuesReference[];
  if (refs.length > VALUES_LIMITS.maxReferences)
    throw new ValuesUnavailableError(
      `${refs.length} valuesFrom references: the dashboard composes at most ${VALUES_LIMITS.maxReferences}`,
    );
  const inline = hr.spec?.values as Record<string, unknown> | undefined;
  const { values } = await composeValues(
    namespace,
    inline,
    refs,
    maskingReader(deps, namespace, refs, signal),
  );
  const yaml = Object.keys(values).length === 0 ? '' : stringify(values, { sortMapEntries: true });
  const bytes = Buffer.byteLength(yaml);
  return {
    yaml: bytes > VALUES_LIMITS.maxYamlBytes ? yaml.slice(0, VALUES_LIMITS.maxYamlBytes) : yaml,
    sources: [...refs.map((ref) => valuesSourceName(namespace, ref)), 'Inline values (spec.values)'],
    truncated: bytes > VALUES_LIMITS.maxYamlBytes,
  };
}

/**
 * A HelmRelease's merged values for its page, computed when asked: `valuesFrom` in order,
 * then inline values, as helm-controller composes them (core's `composeValues`), with every
 * value that came from a Secret masked before the merge. Bounded in references, time, size and
 * requests at once; a composition error is helm-controller's ValuesError text.
 */
export function createHelmValuesService(deps: HelmValuesDeps): (key: ObjectKey) => Promise<HelmValuesDto> {
  let running = 0;
  return async (key) => {
    if (key.kind !== 'HelmRelease') throw new ValuesUnavailableError(`a ${key.kind} has no Helm values`);
    const hr = deps.release(key);
    if (!hr) throw new ValuesUnavailableError(`HelmRelease ${key.namespace}/${key.name} is not in the cache`);
    if (running >= VALUES_LIMITS.concurrent)
      throw new ValuesUnavailableError(`${VALUES_LIMITS.concurrent} values requests are running; try again`);
    running++;
    const signal = AbortSignal.timeout(VALUES_LIMITS.timeoutMs);
    try {
      return await compose(deps, hr, signal);
    } catch (error) {
      if (signal.aborted)
        throw new ValuesUnavailableError(
          `reading the values took longer than ${VALUES_LIMITS.timeoutMs / 1000}s`,
        );
      throw new ValuesUnavailableError(error instanceof Error ? error.message : String(error));
    } finally {
      running--;
    }
  };
}
