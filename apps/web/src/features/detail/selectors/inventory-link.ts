import type { InventoryItemDto } from '@tideline/server';
import { objectHref, toObjectKey } from '../../objects/selectors/object-key';

/** API groups of the Flux toolkit; only their objects have detail pages. */
const FLUX_GROUP = /^[a-z]+\.toolkit\.fluxcd\.io$/;

/** The detail page of an inventory entry when it is a Flux object this dashboard knows. Pure. */
export function inventoryItemHref(
  item: Pick<InventoryItemDto, 'group' | 'kind' | 'namespace' | 'name'>,
): string | undefined {
  if (!FLUX_GROUP.test(item.group)) return undefined;
  const key = toObjectKey(item.kind, item.namespace, item.name);
  return key ? objectHref(key) : undefined;
}
