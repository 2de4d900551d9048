import type { FluxObjectDetail } from '@tideline/server';
import type { ReactNode } from 'react';
import { kindConfig, type DetailSection as SectionName } from '../../objects/selectors/kind-config';
import { ConditionsTable } from './conditions-table';
import { DetailSection } from './detail-section';
import { EventsTable } from './events-table';
import { InventoryTable } from './inventory-table';

/** How each configurable section renders. */
const SECTIONS: Readonly<Record<SectionName, { title: string; render: (o: FluxObjectDetail) => ReactNode }>> =
  {
    conditions: { title: 'Conditions', render: (o) => <ConditionsTable conditions={o.conditions} /> },
    events: { title: 'Recent events', render: (o) => <EventsTable events={o.events} /> },
    inventory: { title: 'Inventory', render: (o) => <InventoryTable inventory={o.inventory} /> },
    spec: {
      title: 'Spec',
      render: (o) => (
        <pre
          tabIndex={0}
          aria-label="Spec YAML"
          className="overflow-x-auto rounded-lg border border-gray-200 bg-gray-900 p-4 font-mono text-xs text-gray-100"
        >
          {o.specYaml}
        </pre>
      ),
    },
  };

/** The sections the object's kind is configured to show, in order. */
export function DetailSections({ object }: { object: FluxObjectDetail }): ReactNode {
  return kindConfig(object.kind).sections.map((name) => (
    <DetailSection key={name} id={`section-${name}`} title={SECTIONS[name].title}>
      {SECTIONS[name].render(object)}
    </DetailSection>
  ));
}
