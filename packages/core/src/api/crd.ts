import { z } from 'zod';

/** A printer column of a CRD version. */
export interface PrinterColumn {
  name: string;
  type: 'string' | 'date' | 'integer' | 'boolean';
  jsonPath: string;
  priority?: number;
}

/** Describes one Flux kind, from which its CRD manifest is generated. */
export interface KindDefinition {
  group: string;
  version: string;
  kind: string;
  plural: string;
  singular: string;
  shortNames: string[];
  categories: string[];
  spec: z.ZodType;
  columns: PrinterColumn[];
}

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
  if (extra && !('type' in extra)) delete out.additionalProperties; // `{}` (any value) is not structural
  if (out.type === 'object' && !out.properties && !out.additionalProperties) {
    out['x-kubernetes-preserve-unknown-fields'] = true;
  }
  return out;
}

/** Ready condition columns shared by every Flux kind. */
export const READY_COLUMNS: PrinterColumn[] = [
  { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
  { name: 'Ready', type: 'string', jsonPath: '.status.conditions[?(@.type=="Ready")].status' },
  { name: 'Status', type: 'string', jsonPath: '.status.conditions[?(@.type=="Ready")].message' },
];

/** The CustomResourceDefinition manifest for a kind. Pure. */
export function crdManifest(def: KindDefinition): Record<string, unknown> {
  const specSchema = toStructural(
    z.toJSONSchema(def.spec, { io: 'input', unrepresentable: 'any' }) as JsonSchema,
  );
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: {
      name: `${def.plural}.${def.group}`,
      labels: { 'app.kubernetes.io/part-of': 'tideline' },
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
      versions: [
        {
          name: def.version,
          served: true,
          storage: true,
          subresources: { status: {} },
          additionalPrinterColumns: def.columns,
          schema: {
            openAPIV3Schema: {
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
            },
          },
        },
      ],
    },
  };
}
