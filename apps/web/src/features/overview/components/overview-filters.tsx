'use client';

import type { ReactNode } from 'react';
import { useUrlText } from '../../objects/hooks/use-url-text';
import { FLUX_KINDS, isFluxKind } from '../../objects/selectors/kind-config';
import type { HistoryMode } from '../hooks/use-overview-filter';
import type { OverviewCounts } from '../selectors/overview-counts';
import { SORT_KEYS, type OverviewFilter, type SortKey } from '../selectors/overview-filter';

const CONTROL =
  'mt-1 block rounded-md border border-gray-300 bg-white px-2 py-1 text-sm shadow-sm focus-visible:outline-2 focus-visible:outline-blue-600 dark:border-gray-600 dark:bg-gray-800';

const SORT_WORDS: Readonly<Record<SortKey, string>> = {
  kind: 'Kind, then name',
  name: 'Namespace/name',
  status: 'Status (failing first)',
  updated: 'Last transition (newest first)',
};

/** The id of the search box: the keyboard map's `/` focuses it. */
export const SEARCH_INPUT_ID = 'overview-search';

/** Name search, kind (with counts), namespace and sort for the overview table. */
export function OverviewFilters({
  filter,
  namespaces,
  counts,
  onChange,
}: {
  filter: OverviewFilter;
  namespaces: readonly string[];
  counts: OverviewCounts;
  onChange: (next: OverviewFilter, mode?: HistoryMode) => void;
}): ReactNode {
  // The box keeps its own text (the URL may normalise it), and follows the URL on back/forward.
  const [text, type] = useUrlText(filter.q);
  const active = Boolean(filter.kind || filter.namespace || filter.q || filter.status);
  return (
    <form
      role="search"
      aria-label="Filter objects"
      className="flex flex-wrap items-end gap-4"
      onSubmit={(e) => e.preventDefault()}
    >
      <label className="text-sm font-medium text-gray-700 dark:text-gray-200">
        Search names
        <input
          id={SEARCH_INPUT_ID}
          data-search-input
          type="search"
          value={text}
          placeholder="namespace/name"
          onChange={(e) => onChange({ ...filter, q: type(e.target.value) }, 'replace')}
          className={`${CONTROL} w-56`}
        />
      </label>
      <label className="text-sm font-medium text-gray-700 dark:text-gray-200">
        Kind
        <select
          className={CONTROL}
          value={filter.kind ?? ''}
          onChange={(e) =>
            onChange({ ...filter, kind: isFluxKind(e.target.value) ? e.target.value : undefined })
          }
        >
          <option value="">All kinds</option>
          {FLUX_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {kind} ({counts.byKind.get(kind) ?? 0})
            </option>
          ))}
        </select>
      </label>
      <label className="text-sm font-medium text-gray-700 dark:text-gray-200">
        Namespace
        <select
          className={CONTROL}
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
      <label className="text-sm font-medium text-gray-700 dark:text-gray-200">
        Sort by
        <select
          className={CONTROL}
          value={filter.sort ?? 'kind'}
          onChange={(e) => onChange({ ...filter, sort: e.target.value as SortKey, desc: undefined })}
        >
          {SORT_KEYS.map((key) => (
            <option key={key} value={key}>
              {SORT_WORDS[key]}
            </option>
          ))}
        </select>
      </label>
      {active ? (
        <button
          type="button"
          className="text-sm text-blue-700 underline dark:text-blue-300"
          onClick={() => onChange({ sort: filter.sort, desc: filter.desc })}
        >
          Clear filters
        </button>
      ) : null}
    </form>
  );
}
