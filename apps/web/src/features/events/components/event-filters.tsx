'use client';

import type { EventFilterDto } from '@tideline/server';
import type { ReactNode } from 'react';
import { useUrlText } from '../../objects/hooks/use-url-text';
import { FLUX_KINDS, isFluxKind } from '../../objects/selectors/kind-config';
import type { HistoryMode } from '../../overview/hooks/use-overview-filter';

const CONTROL =
  'mt-1 block rounded-md border border-gray-300 bg-white px-2 py-1 text-sm shadow-sm focus-visible:outline-2 focus-visible:outline-blue-600 dark:border-gray-600 dark:bg-gray-800';
const LABEL = 'text-sm font-medium text-gray-700 dark:text-gray-200';

/** A text box whose value follows the URL (back/forward) and reports as you type. */
function TextFilter({
  label,
  value,
  onChange,
  search,
  width = 'w-40',
}: {
  label: string;
  value: string | undefined;
  onChange: (value: string | undefined) => void;
  search?: boolean;
  width?: string;
}): ReactNode {
  const [text, type] = useUrlText(value);
  return (
    <label className={LABEL}>
      {label}
      <input
        type="search"
        value={text}
        data-search-input={search ? '' : undefined}
        onChange={(e) => onChange(type(e.target.value))}
        className={`${CONTROL} ${width}`}
      />
    </label>
  );
}

/** Kind, namespace, name, type, reason and free-text filters of the events page. */
export function EventFilters({
  filter,
  onChange,
}: {
  filter: EventFilterDto;
  onChange: (next: EventFilterDto, mode?: HistoryMode) => void;
}): ReactNode {
  const typed = (key: 'namespace' | 'name' | 'reason' | 'q') => (value: string | undefined) =>
    onChange({ ...filter, [key]: value }, 'replace');
  return (
    <form
      role="search"
      aria-label="Filter events"
      className="flex flex-wrap items-end gap-4"
      onSubmit={(e) => e.preventDefault()}
    >
      <TextFilter label="Text" value={filter.q} onChange={typed('q')} search width="w-56" />
      <label className={LABEL}>
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
            <option key={kind}>{kind}</option>
          ))}
        </select>
      </label>
      <TextFilter label="Namespace" value={filter.namespace} onChange={typed('namespace')} />
      <TextFilter label="Name" value={filter.name} onChange={typed('name')} />
      <label className={LABEL}>
        Type
        <select
          className={CONTROL}
          value={filter.type ?? ''}
          onChange={(e) => {
            const type = e.target.value;
            onChange({ ...filter, type: type === 'Normal' || type === 'Warning' ? type : undefined });
          }}
        >
          <option value="">Any type</option>
          <option>Normal</option>
          <option>Warning</option>
        </select>
      </label>
      <TextFilter label="Reason" value={filter.reason} onChange={typed('reason')} />
      {Object.keys(filter).length > 0 ? (
        <button
          type="button"
          className="text-sm text-blue-700 underline dark:text-blue-300"
          onClick={() => onChange({})}
        >
          Clear filters
        </button>
      ) : null}
    </form>
  );
}
