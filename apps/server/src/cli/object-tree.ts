/** An object's identity as `flux tree` names it. */
export interface TreeObject {
  kind: string;
  group: string;
  namespace: string;
  name: string;
}

/** A node of `flux tree`: an object and the objects it manages. */
export interface ObjectTree {
  object: TreeObject;
  items: ObjectTree[];
}

/** `Kind/namespace/name`, or `Kind/name` for a cluster-scoped object (fluxcd/pkg/ssa `FmtObjMetadata`). Pure. */
export function objectText(o: TreeObject): string {
  return o.namespace ? `${o.kind}/${o.namespace}/${o.name}` : `${o.kind}/${o.name}`;
}

/**
 * The tree as `flux tree` draws it (flux2 `internal/tree`): the root, then each child after
 * `├── ` (the last after `└── `), nested levels indented by `│   ` or four spaces. Pure.
 */
export function printTree(tree: ObjectTree): string {
  const lines = [objectText(tree.object)];
  const walk = (items: readonly ObjectTree[], prefix: string): void => {
    items.forEach((item, i) => {
      const last = i === items.length - 1;
      lines.push(`${prefix}${last ? '└── ' : '├── '}${objectText(item.object)}`);
      walk(item.items, `${prefix}${last ? '    ' : '│   '}`);
    });
  };
  walk(tree.items, '');
  return `${lines.join('\n')}\n`;
}

/** The `-o json|yaml` shape of a node (`{resource, resources}` as flux marshals its tree). Pure. */
export function treeDocument(tree: ObjectTree): Record<string, unknown> {
  const { kind, group, namespace, name } = tree.object;
  return {
    resource: { Namespace: namespace, Name: name, GroupKind: { Group: group, Kind: kind } },
    ...(tree.items.length > 0 ? { resources: tree.items.map(treeDocument) } : {}),
  };
}
