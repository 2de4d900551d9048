import type { EdgeType } from '@tideline/core';
import type { ActionName } from './objects.js';

/** Sign-ins, sign-outs and API tokens made or revoked: audited, but about no Flux object. */
export type AccessActionName = 'sign-in' | 'sign-out' | 'token-create' | 'token-revoke' | 'session-revoke';

/**
 * One line of the audit log: who did what to which object, when, why, from where, and how it
 * went. Access entries ({@link AccessActionName}) have an empty `objectId` and say what they
 * were about in `detail` (how one signed in; which token).
 */
export interface AuditEntryDto {
  at: string;
  who: string;
  action: ActionName | AccessActionName;
  objectId: string;
  reason?: string;
  outcome: 'ok' | 'failed';
  error?: string;
  /** The client's address (after trusted proxies), for access entries. */
  from?: string;
  /** What an access entry was about: `OIDC`, `admin token`, `token tl_ab12… "ci"`. */
  detail?: string;
}

/** What suspending objects would hold back: what they feed, apply or are depended on by. */
export interface ImpactDto {
  objects: {
    id: string;
    /** Entries of its inventory (objects it applied). */
    inventory: number;
    /** Objects it feeds directly, and how (`source`, `depends on`, `applies`, …). */
    direct: { id: string; type: EdgeType }[];
  }[];
  /** Every Flux object downstream of them (transitively), sorted, without the objects themselves. */
  downstream: string[];
  /** Inventory entries of the objects together. */
  inventoryTotal: number;
}
