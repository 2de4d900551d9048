import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { ObjectDetailPage } from '../../../../../../features/detail/components/object-detail-page';
import { decodeSegment } from '../../../../../../features/objects/selectors/object-key';

interface Props {
  params: Promise<{ kind: string; namespace: string; name: string }>;
}

async function segments({ params }: Props): Promise<{ kind: string; namespace: string; name: string }> {
  const { kind, namespace, name } = await params;
  return { kind: decodeSegment(kind), namespace: decodeSegment(namespace), name: decodeSegment(name) };
}

/** The tab title names the object. */
export async function generateMetadata(props: Props): Promise<Metadata> {
  const { kind, namespace, name } = await segments(props);
  return { title: `${kind} ${namespace}/${name}` };
}

/** `/objects/[kind]/[namespace]/[name]`: one Flux object. */
export default async function Page(props: Props): Promise<ReactNode> {
  return <ObjectDetailPage {...await segments(props)} />;
}
