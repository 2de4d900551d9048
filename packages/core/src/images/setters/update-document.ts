import { isMap, parseAllDocuments, visit, type Document, type Scalar } from 'yaml';
import { markerSetter } from './marker.js';
import { scalarText, type ScalarStyle } from './scalar-text.js';

/** kyaml's `ResourceIdentifier`: the object a change was made in (fields empty when absent). */
export interface ObjectIdentifier {
  name: string;
  namespace: string;
  apiVersion: string;
  kind: string;
}

/** One marked value that changed (image-automation-controller's `update.Change`). */
export interface Change {
  oldValue: string;
  newValue: string;
  setter: string;
}

/** What updating one file did: its new text and the changes, or why it could not be read. */
export type DocumentUpdate =
  | { ok: true; text: string; changes: { object: ObjectIdentifier; change: Change }[] }
  | { ok: false; problem: string };

const str = (value: unknown): string => (typeof value === 'string' ? value : '');

function identify(doc: Document): ObjectIdentifier {
  const root = doc.contents;
  if (!isMap(root)) return { name: '', namespace: '', apiVersion: '', kind: '' };
  const meta = root.get('metadata');
  return {
    apiVersion: str(root.get('apiVersion')),
    kind: str(root.get('kind')),
    name: isMap(meta) ? str(meta.get('name')) : '',
    namespace: isMap(meta) ? str(meta.get('namespace')) : '',
  };
}

/** The setter a scalar's line comment (`value # {"$imagepolicy": …}`) names. */
function setterOf(node: Scalar): string | undefined {
  return markerSetter(node.comment ?? undefined);
}

/**
 * Applies setters to one YAML file as kyaml's setters2 does — every scalar (map value or sequence
 * item, in every document) whose line-comment marker names a known setter gets that setter's value — but by
 * editing the marked scalars' source text in place: comments, key order, quoting, indentation,
 * anchors, flow style, CRLF line ends and every other byte stay as they were. A file that does
 * not parse, or holds a document that is not a mapping (kyaml cannot annotate it), is a problem
 * file and left alone. Pure.
 */
export function updateDocumentText(text: string, setters: ReadonlyMap<string, string>): DocumentUpdate {
  const docs = parseAllDocuments(text, {
    keepSourceTokens: true,
    uniqueKeys: false,
    // Every scalar read as the string written, as yaml.v3's node values are.
    schema: 'failsafe',
  });
  if (!Array.isArray(docs)) return { ok: false, problem: 'not a YAML stream' };
  const edits: { start: number; end: number; replacement: string }[] = [];
  const changes: { object: ObjectIdentifier; change: Change }[] = [];
  for (const doc of docs) {
    if (doc.errors.length > 0) return { ok: false, problem: doc.errors[0]?.message ?? 'invalid YAML' };
    if (doc.contents !== null && !isMap(doc.contents))
      return { ok: false, problem: 'document is not a mapping' };
    const object = identify(doc);
    visit(doc, {
      Scalar(_key, node) {
        const setter = setterOf(node);
        const value = setter === undefined ? undefined : setters.get(setter);
        const token = node.srcToken;
        if (setter === undefined || value === undefined || !token || !('source' in token)) return;
        const style = (node.type ?? 'PLAIN') as ScalarStyle;
        // Block scalars span lines; rewriting them in place is not attempted.
        if (style === 'BLOCK_LITERAL' || style === 'BLOCK_FOLDED') return;
        const oldValue = String(node.value);
        if (oldValue === value) return;
        edits.push({
          start: token.offset,
          end: token.offset + token.source.length,
          replacement: scalarText(value, style),
        });
        changes.push({ object, change: { oldValue, newValue: value, setter } });
      },
    });
  }
  let out = text;
  for (const edit of edits.sort((a, b) => b.start - a.start))
    out = out.slice(0, edit.start) + edit.replacement + out.slice(edit.end);
  return { ok: true, text: out, changes };
}
