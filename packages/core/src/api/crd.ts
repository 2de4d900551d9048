import { z } from 'zod';
import type { KindDefinition, PrinterColumn } from './kind-definition.js';

type JsonSchema = Record<string, unknown>;

/** The OpenAPI v3 keywords a Kubernetes structural schema accepts (the rest are dropped). */
const STRUCTURAL_KEYS = new Set([
  'type',
  'properties',
  'items',
  'required',
  'enum',
  'pattern',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'minItems',
  'maxItems',
  'default',
  'description',
  'format',
  'additionalProperties',
]);

/**
 * Turns zod's JSON Schema into a Kubernetes structural schema: only keywords the API server
 * accepts, no `additionalProperties: false` beside `properties`, open objects marked
 * `x-kubernetes-preserve-unknown-fields`. Pure.
 */
export function toStructural(schema: JsonSchema): JsonSchema {
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (!STRUCTURAL_KEYS.has(key)) continue;
    if (key === 'additionalProperties' && typeof value !== 'object') continue;
    if (key === 'properties' && value && typeof value === 'object') {
      out.properties = Object.fromEntries(
        Object.entries(value as Record<string, JsonSchema>).map(([k, v]) => [k, toStructural(v)]),
      );
    } else if ((key === 'items' || key === 'additionalProperties') && value && typeof value === 'object') {
      out[key] = toStructural(value as JsonSchema);
    } else {
      out[key] = value;
    }
  }
  const extra = out.additionalProperties as JsonSchema | undefined;
  // `{}` (any value, zod's loose objects) is not structural: it becomes "keep unknown fields".
  const anyExtra = extra !== undefined && !('type' in extra);
  if (anyExtra) delete out.additionalProperties;
  const properties = out.properties as JsonSchema | undefined;
  if (properties && Object.keys(properties).length === 0) delete out.properties;
  if (out.type === 'object' && (anyExtra || (!out.properties && !out.additionalProperties))) {
    out['x-kubernetes-preserve-unknown-fields'] = true;
  }
  return out;
}

/** The label that marks a CRD as installed by Tideline (Flux's carry `part-of: flux`). */
export const CRD_OWNER_LABEL = 'app.kubernetes.io/part-of';
/** Its value on Tideline's CRDs. */
export const CRD_OWNER = 'tideline';

/** Ready condition columns shared by every Flux kind. */
export const READY_COLUMNS: PrinterColumn[] = [
  { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
  { name: 'Ready', type: 'string', jsonPath: '.status.conditions[?(@.type=="Ready")].status' },
  { name: 'Status', type: 'string', jsonPath: '.status.conditions[?(@.type=="Ready")].message' },
];

/** The OpenAPI schema of one version: the object envelope around a spec schema. Pure. */
function versionSchema(spec: z.ZodType): JsonSchema {
  const specSchema = toStructural(
    z.toJSONSchema(spec, { io: 'input', unrepresentable: 'any' }) as JsonSchema,
  );
  return {
    type: 'object',
    properties: {
      apiVersion: { type: 'string' },
      kind: { type: 'string' },
      metadata: { type: 'object' },
      spec: specSchema,
      status: {
        type: 'object',
        default: { observedGeneration: -1 },
        'x-kubernetes-preserve-unknown-fields': true,
      },
    },
  };
}

/**
 * The CustomResourceDefinition manifest for a kind: every version Flux serves, the first one
 * stored, conversion `None` (as Flux's CRDs: the versions share one shape on the wire). Pure.
 */
export function crdManifest(def: KindDefinition): Record<string, unknown> {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: {
      name: `${def.plural}.${def.group}`,
      labels: { [CRD_OWNER_LABEL]: CRD_OWNER },
      annotations: { 'kustomize.toolkit.fluxcd.io/substitute': 'disabled' },
    },
    spec: {
      group: def.group,
      names: {
        kind: def.kind,
        listKind: `${def.kind}List`,
        plural: def.plural,
        singular: def.singular,
        shortNames: def.shortNames,
        categories: def.categories,
      },
      scope: 'Namespaced',
      conversion: { strategy: 'None' },
      versions: def.versions.map((version, index) => ({
        name: version.name,
        served: true,
        storage: index === 0,
        ...(version.deprecationWarning
          ? { deprecated: true, deprecationWarning: version.deprecationWarning }
          : {}),
        subresources: { status: {} },
        additionalPrinterColumns: version.columns ?? def.columns,
        schema: { openAPIV3Schema: versionSchema(version.spec ?? def.spec) },
      })),
    },
  };
}
