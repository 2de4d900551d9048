import { z } from 'zod';
import { INTERVAL_PATTERN } from '../runtime/duration.js';

/**
 * The HelmRelease spec (helm-controller `api/v2`), validated as the CRD validates it. The
 * reconciler reads defaults through `helmrelease-defaults.ts`, never from zod, so an object
 * written by another client (or by Flux) reads the same.
 */

const duration = z.string().regex(INTERVAL_PATTERN);
const stringMap = z.record(z.string(), z.string());

/** A kustomize selector (fluxcd/pkg `kustomize.Selector`). */
export const KustomizeSelectorSchema = z.object({
  group: z.string().optional(),
  version: z.string().optional(),
  kind: z.string().optional(),
  name: z.string().optional(),
  namespace: z.string().optional(),
  annotationSelector: z.string().optional(),
  labelSelector: z.string().optional(),
});

/** One `postRenderers[]` entry: kustomize patches and image overrides. */
export const PostRendererSchema = z.object({
  kustomize: z
    .object({
      patches: z
        .array(z.object({ patch: z.string(), target: KustomizeSelectorSchema.optional() }))
        .optional(),
      images: z
        .array(
          z.object({
            name: z.string(),
            newName: z.string().optional(),
            newTag: z.string().optional(),
            digest: z.string().optional(),
          }),
        )
        .optional(),
    })
    .optional(),
});

/** `healthCheckExprs[]` (fluxcd/pkg `kustomize.CustomHealthCheck`), shared with Kustomization. */
export const CustomHealthCheckSchema = z.object({
  apiVersion: z.string().min(1),
  kind: z.string().min(1),
  current: z.string().min(1),
  inProgress: z.string().optional(),
  failed: z.string().optional(),
});

const strategy = z.object({
  name: z.enum(['RemediateOnFailure', 'RetryOnFailure']),
  retryInterval: duration.optional(),
});

const crds = z.enum(['Skip', 'Create', 'CreateReplace']);
const ssaMode = z.enum(['enabled', 'disabled', 'auto']);

const actionFlags = {
  timeout: duration.optional(),
  disableTakeOwnership: z.boolean().optional(),
  disableWait: z.boolean().optional(),
  disableWaitForJobs: z.boolean().optional(),
  disableHooks: z.boolean().optional(),
  disableOpenAPIValidation: z.boolean().optional(),
  disableSchemaValidation: z.boolean().optional(),
};

const chartTemplate = z.object({
  metadata: z.object({ labels: stringMap.optional(), annotations: stringMap.optional() }).optional(),
  spec: z.object({
    chart: z.string().min(1).max(2048),
    version: z.string().default('*'),
    sourceRef: z.object({
      apiVersion: z.string().optional(),
      kind: z.enum(['HelmRepository', 'GitRepository', 'Bucket']),
      name: z.string().min(1).max(253),
      namespace: z.string().min(1).max(63).optional(),
    }),
    interval: duration.optional(),
    reconcileStrategy: z.enum(['ChartVersion', 'Revision']).default('ChartVersion'),
    valuesFiles: z.array(z.string()).optional(),
    ignoreMissingValuesFiles: z.boolean().optional(),
    verify: z
      .object({
        provider: z.enum(['cosign', 'notation']).default('cosign'),
        secretRef: z.object({ name: z.string() }).optional(),
      })
      .optional(),
  }),
});

/** HelmRelease spec, as the v2 CRD validates it (the chart/chartRef exclusivity is checked by the reconciler). */
export const HelmReleaseSpecSchema = z.object({
  chart: chartTemplate.optional(),
  chartRef: z
    .object({
      apiVersion: z.string().optional(),
      kind: z.enum(['OCIRepository', 'HelmChart', 'ExternalArtifact']),
      name: z.string().min(1).max(253),
      namespace: z.string().min(1).max(63).optional(),
    })
    .optional(),
  interval: duration,
  kubeConfig: z
    .object({
      secretRef: z.object({ name: z.string().min(1), key: z.string().optional() }).optional(),
      configMapRef: z.object({ name: z.string().min(1) }).optional(),
    })
    .optional(),
  suspend: z.boolean().optional(),
  releaseName: z.string().min(1).max(53).optional(),
  targetNamespace: z.string().min(1).max(63).optional(),
  storageNamespace: z.string().min(1).max(63).optional(),
  dependsOn: z
    .array(z.object({ name: z.string(), namespace: z.string().optional(), readyExpr: z.string().optional() }))
    .optional(),
  timeout: duration.optional(),
  maxHistory: z.number().int().optional(),
  serviceAccountName: z.string().min(1).max(253).optional(),
  persistentClient: z.boolean().optional(),
  driftDetection: z
    .object({
      mode: z.enum(['enabled', 'warn', 'disabled']).optional(),
      ignore: z
        .array(z.object({ paths: z.array(z.string()), target: KustomizeSelectorSchema.optional() }))
        .optional(),
    })
    .optional(),
  install: z
    .object({
      ...actionFlags,
      strategy: strategy.optional(),
      remediation: z
        .object({
          retries: z.number().int().optional(),
          ignoreTestFailures: z.boolean().optional(),
          remediateLastFailure: z.boolean().optional(),
        })
        .optional(),
      replace: z.boolean().optional(),
      skipCRDs: z.boolean().optional(),
      crds: crds.optional(),
      createNamespace: z.boolean().optional(),
      serverSideApply: z.boolean().optional(),
    })
    .optional(),
  upgrade: z
    .object({
      ...actionFlags,
      strategy: strategy.optional(),
      remediation: z
        .object({
          retries: z.number().int().optional(),
          ignoreTestFailures: z.boolean().optional(),
          remediateLastFailure: z.boolean().optional(),
          strategy: z.enum(['rollback', 'uninstall']).optional(),
        })
        .optional(),
      force: z.boolean().optional(),
      preserveValues: z.boolean().optional(),
      cleanupOnFail: z.boolean().optional(),
      crds: crds.optional(),
      serverSideApply: ssaMode.optional(),
      chartNameChangeStrategy: z.enum(['InPlaceUpdate', 'Reinstall']).optional(),
    })
    .optional(),
  test: z
    .object({
      enable: z.boolean().optional(),
      timeout: duration.optional(),
      ignoreFailures: z.boolean().optional(),
      filters: z
        .array(z.object({ name: z.string().min(1).max(253), exclude: z.boolean().optional() }))
        .optional(),
    })
    .optional(),
  rollback: z
    .object({
      timeout: duration.optional(),
      disableWait: z.boolean().optional(),
      disableWaitForJobs: z.boolean().optional(),
      disableHooks: z.boolean().optional(),
      recreate: z.boolean().optional(),
      force: z.boolean().optional(),
      cleanupOnFail: z.boolean().optional(),
      serverSideApply: ssaMode.optional(),
    })
    .optional(),
  uninstall: z
    .object({
      timeout: duration.optional(),
      disableHooks: z.boolean().optional(),
      keepHistory: z.boolean().optional(),
      disableWait: z.boolean().optional(),
      deletionPropagation: z.enum(['background', 'foreground', 'orphan']).default('background'),
    })
    .optional(),
  valuesFrom: z
    .array(
      z.object({
        kind: z.enum(['Secret', 'ConfigMap']),
        name: z.string().min(1).max(253),
        valuesKey: z
          .string()
          .max(253)
          .regex(/^[\-._a-zA-Z0-9]+$/)
          .optional(),
        targetPath: z
          .string()
          .max(250)
          .regex(/^([a-zA-Z0-9_\-.\\/]|\[[0-9]{1,5}\])+$/)
          .optional(),
        optional: z.boolean().optional(),
        literal: z.boolean().optional(),
      }),
    )
    .optional(),
  values: z.record(z.string(), z.unknown()).optional(),
  commonMetadata: z.object({ annotations: stringMap.optional(), labels: stringMap.optional() }).optional(),
  postRenderers: z.array(PostRendererSchema).optional(),
  postRenderStrategy: z.enum(['nohooks', 'combined', 'separate']).optional(),
  waitStrategy: z.object({ name: z.enum(['poller', 'legacy']) }).optional(),
  healthCheckExprs: z.array(CustomHealthCheckSchema).optional(),
});

/** HelmRelease spec (input form: defaults may be absent). */
export type HelmReleaseSpec = z.input<typeof HelmReleaseSpecSchema>;
/** One `valuesFrom` entry. */
export type ValuesReference = NonNullable<HelmReleaseSpec['valuesFrom']>[number];
/** One `postRenderers` entry. */
export type PostRenderer = z.input<typeof PostRendererSchema>;
/** One `healthCheckExprs` entry. */
export type CustomHealthCheck = z.input<typeof CustomHealthCheckSchema>;
/** A kustomize selector. */
export type KustomizeSelector = z.input<typeof KustomizeSelectorSchema>;
