'use client';

import { DEFAULT_HOPS, DEFAULT_NODE_BUDGET } from '@tideline/core/browser';
import type { FluxKind } from '@tideline/server';
import type { ReactNode } from 'react';
import { FLUX_KINDS } from '../../objects/selectors/kind-config';
import type { GraphParams } from '../selectors/graph-url';

const BUDGETS = [25, 50, 100, 250, 500, 1000];
const HOPS = [0, 1, 2, 3, 4, 5];

const toggle = <T,>(list: readonly T[], item: T): T[] =>
  list.includes(item) ? list.filter((x) => x !== item) : [...list, item];

/**
 * The graph's filters, all written to the URL: namespaces and kinds, the distance around a
 * focus, the node budget, and whether every applier's workloads are drawn.
 */
export function GraphControls({
  params,
  namespaces,
  onChange,
}: {
  params: GraphParams;
  /** The namespaces there are to choose from. */
  namespaces: readonly string[];
  onChange: (next: GraphParams) => void;
}): ReactNode {
  const choices = [...new Set([...namespaces, ...params.namespaces])].sort();
  return (
    <div className="flex flex-wrap items-start gap-4 text-sm">
      <fieldset className="space-y-1">
        <legend className="font-medium">Namespaces</legend>
        <div className="flex max-w-md flex-wrap gap-x-3">
          {choices.map((ns) => (
            <label key={ns} className="flex items-center gap-1">
              <input
                type="checkbox"
                checked={params.namespaces.includes(ns)}
                onChange={() => onChange({ ...params, namespaces: toggle(params.namespaces, ns) })}
              />
              {ns}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset className="space-y-1">
        <legend className="font-medium">Kinds</legend>
        <div className="flex max-w-xl flex-wrap gap-x-3">
          {FLUX_KINDS.map((kind: FluxKind) => (
            <label key={kind} className="flex items-center gap-1">
              <input
                type="checkbox"
                checked={params.kinds.includes(kind)}
                onChange={() => onChange({ ...params, kinds: toggle(params.kinds, kind) })}
              />
              {kind}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="flex flex-col gap-2">
        <label className="flex items-center gap-2">
          <span className="font-medium">Hops around the focus</span>
          <select
            value={params.hops ?? DEFAULT_HOPS}
            disabled={!params.focus}
            onChange={(e) => onChange({ ...params, hops: Number(e.target.value) })}
            className="rounded border border-gray-300 px-1 py-0.5"
          >
            {HOPS.map((h) => (
              <option key={h} value={h}>
                {h}
              </option>
            ))}
          </select>
        </label>
        <label className="flex items-center gap-2">
          <span className="font-medium">Nodes drawn at most</span>
          <select
            value={params.budget ?? DEFAULT_NODE_BUDGET}
            onChange={(e) => onChange({ ...params, budget: Number(e.target.value) })}
            className="rounded border border-gray-300 px-1 py-0.5"
          >
            {[...new Set([...BUDGETS, params.budget ?? DEFAULT_NODE_BUDGET])]
              .sort((a, b) => a - b)
              .map((b) => (
                <option key={b} value={b}>
                  {b}
                </option>
              ))}
          </select>
        </label>
        <label className="flex items-center gap-2">
          <input
            type="checkbox"
            checked={params.allWorkloads}
            onChange={() => onChange({ ...params, allWorkloads: !params.allWorkloads })}
          />
          <span className="font-medium">Workloads of every Kustomization and HelmRelease</span>
        </label>
      </div>
    </div>
  );
}
