import { z } from 'zod';
import { FLUX_KINDS } from '../api/dto.js';

/** Kubernetes names: DNS-1123 subdomain, at most 253 characters. */
const name = z
  .string()
  .min(1)
  .max(253)
  .regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/);

/** Input identifying one Flux object. */
export const objectKeyInput = z.object({ kind: z.enum(FLUX_KINDS), namespace: name, name });
