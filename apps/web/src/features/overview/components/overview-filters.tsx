'use client';

import type { ReactNode } from 'react';
import { FLUX_KINDS, isFluxKind } from '../../objects/selectors/kind-config';
import type { OverviewFilter } from '../selectors/overview-filter';

const SELECT =
  'mt-1 block rounded-md border border-gray-300 bg-white px-2 py-1 text-sm shadow-sm focus-visible:outline-2 focus-visible:outline-blue-600';

/** Kind and namespace filters for the overview table. */
export function OverviewFilters({
  filter,
  namespaces,
  onChange,
}: {
  filter: OverviewFilter;
  namespaces: readonly string[];
  onChange: (next: OverviewFilter) => void;
}): ReactNode {
  return (
    <form
      role="search"
      aria-label="Filter objects"
      className="flex flex-wrap items-end gap-4"
      onSubmit={(e) => e.preventDefault()}
    >
      <label className="text-sm font-medium text-gray-700">
        Kind
        <select
          className={SELECT}
          value={filter.kind ?? ''}
          onChange={(e) =>
            onChange({ ...filter, kind: isFluxKind(e.target.value) ? e.target.value : undefined })
          }
        >
          <option value="">All kinds</option>
          {FLUX_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {kind}
            </option>
          ))}
        </select>
      </label>
      <label className="text-sm font-medium text-gray-700">
        Namespace
        <select
          className={SELECT}
          value={filter.namespace ?? ''}
          onChange={(e) => onChange({ ...filter, namespace: e.target.value || undefined })}
        >
          <option value="">All namespaces</option>
          {namespaces.map((namespace) => (
            <option key={namespace} value={namespace}>
              {namespace}
            </option>
          ))}
        </select>
      </label>
      {filter.kind || filter.namespace ? (
        <button type="button" className="text-sm text-blue-700 underline" onClick={() => onChange({})}>
          Clear filters
        </button>
      ) : null}
    </form>
  );
}
