import type { Change, ObjectIdentifier } from '../../images/setters/update-document.js';
import { allChanges, changedObjects, type UpdateResult } from '../../images/setters/update-result.js';
import {
  go,
  GoValue,
  mapOf,
  sliceOf,
  structKeyedMap,
  Types,
  type GoFunction,
  type GoType,
} from '../../template/go-values.js';

const S = Types.string;
const field = (name: string, type: GoType, embedded = false) => ({
  name,
  type,
  ...(embedded ? { embedded } : {}),
});

/** kyaml's `yaml.ResourceIdentifier`. */
const RESOURCE_ID: GoType = {
  k: 'struct',
  name: 'yaml.ResourceIdentifier',
  fields: [field('Name', S), field('Namespace', S), field('APIVersion', S), field('Kind', S)],
};
/** image-automation-controller's `update.ObjectIdentifier` (embeds the resource identifier). */
const OBJECT_ID: GoType = {
  k: 'struct',
  name: 'update.ObjectIdentifier',
  fields: [field('ResourceIdentifier', RESOURCE_ID, true)],
};
/** `update.Change`. */
const CHANGE: GoType = {
  k: 'struct',
  name: 'update.Change',
  fields: [field('OldValue', S), field('NewValue', S), field('Setter', S)],
};
const CHANGES = sliceOf(CHANGE);
/** `update.ObjectChanges`: `map[ObjectIdentifier][]Change`. */
const OBJECT_CHANGES = mapOf(OBJECT_ID, CHANGES, 'update.ObjectChanges');
const FILE_CHANGES = mapOf(S, OBJECT_CHANGES);
/** `types.NamespacedName`, printed as `namespace/name`. */
const NAMESPACED_NAME: GoType = {
  k: 'struct',
  name: 'types.NamespacedName',
  fields: [field('Namespace', S), field('Name', S)],
  stringer: (v) => namespacedName(v),
  methods: {
    String: {
      fn: { name: 'String', params: [], call: () => go.string('') },
      bind: (v) => ({ name: 'String', params: [], call: () => go.string(namespacedName(v)) }),
    },
  },
};

function namespacedName(v: GoValue): string {
  const f = v.v as Record<string, GoValue>;
  return `${f.Namespace?.v as string}/${f.Name?.v as string}`;
}

const changeValue = (c: Change): GoValue =>
  go.struct(CHANGE, {
    OldValue: go.string(c.oldValue),
    NewValue: go.string(c.newValue),
    Setter: go.string(c.setter),
  });
const objectValue = (o: ObjectIdentifier): GoValue =>
  go.struct(OBJECT_ID, {
    ResourceIdentifier: go.struct(RESOURCE_ID, {
      Name: go.string(o.name),
      Namespace: go.string(o.namespace),
      APIVersion: go.string(o.apiVersion),
      Kind: go.string(o.kind),
    }),
  });
const objectChanges = (entries: Iterable<{ object: ObjectIdentifier; changes: Change[] }>): GoValue =>
  structKeyedMap(
    OBJECT_CHANGES,
    [...entries].map((e) => [objectValue(e.object), go.slice(CHANGE, e.changes.map(changeValue))]),
  );

/** Builds the `update.Result` type, whose value-receiver methods read the result they are bound to. */
function resultType(result: UpdateResult): GoType {
  const bound = (name: string, compute: () => GoValue): { fn: GoFunction; bind: () => GoFunction } => {
    const fn: GoFunction = { name, params: [], call: compute };
    return { fn, bind: () => fn };
  };
  return {
    k: 'struct',
    name: 'update.Result',
    fields: [field('FileChanges', FILE_CHANGES)],
    methods: {
      // Go's `var result []Change`: nil when nothing changed.
      Changes: bound('Changes', () => {
        const changes = allChanges(result);
        return go.slice(CHANGE, changes.length > 0 ? changes.map(changeValue) : null);
      }),
      Objects: bound('Objects', () => objectChanges(changedObjects(result).values())),
    },
  };
}

/**
 * image-automation-controller's `TemplateData` as the commit message template sees it:
 * `.AutomationObject` (prints `namespace/name`), `.Changed` (`.FileChanges`, `.Changes`,
 * `.Objects`) and `.Values` — with Go's types, so field errors, printing and ordering match.
 */
export function templateData(
  automation: { namespace: string; name: string },
  result: UpdateResult,
  values: Readonly<Record<string, string>> | undefined,
): GoValue {
  const files = [...result.fileChanges.entries()].map(
    ([file, objects]) => [file, objectChanges(objects.values())] as [string, GoValue],
  );
  const type: GoType = {
    k: 'struct',
    name: 'source.TemplateData',
    fields: [
      field('AutomationObject', NAMESPACED_NAME),
      field('Changed', resultType(result)),
      field('Values', mapOf(S, S)),
    ],
  };
  return go.struct(type, {
    AutomationObject: go.struct(NAMESPACED_NAME, {
      Namespace: go.string(automation.namespace),
      Name: go.string(automation.name),
    }),
    // A result without changes has a nil FileChanges map in Go.
    Changed: go.struct(resultType(result), {
      FileChanges: go.map(OBJECT_CHANGES, files.length > 0 ? files : null),
    }),
    Values: go.map(S, values ? Object.entries(values).map(([k, v]) => [k, go.string(v)]) : null),
  });
}
