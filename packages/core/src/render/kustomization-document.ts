import { Document, isMap, isSeq, parseDocument, visit, type Node } from 'yaml';
import type { KustomizationDoc, OverlayEdit } from './kustomization-overlay.js';

/**
 * kustomization.yaml as a YAML document. It is read with the failsafe schema (every scalar a
 * string, merge keys resolved) so no value is reinterpreted, and edited in place so untouched
 * values keep their original spelling; new values are quoted, which reads the same in YAML 1.1
 * (sigs.k8s.io/yaml, as kustomize reads it) and 1.2.
 */
export class KustomizationDocument {
  private constructor(private readonly doc: Document) {}

  /** Parses a kustomization file; throws on YAML errors or a non-mapping document. */
  static parse(text: string, fileName: string): KustomizationDocument {
    const doc = parseDocument(text, { schema: 'failsafe', merge: true, uniqueKeys: true });
    if (doc.errors.length > 0) throw new Error(`${fileName}: ${doc.errors[0]?.message ?? 'invalid YAML'}`);
    if (doc.contents !== null && !isMap(doc.contents))
      throw new Error(`${fileName}: not a kustomization document`);
    return new KustomizationDocument(doc);
  }

  /** An empty document (for a generated kustomization). */
  static empty(): KustomizationDocument {
    return KustomizationDocument.parse('{}\n', 'kustomization.yaml');
  }

  /** The document as plain data (all scalars strings). */
  toJS(): KustomizationDoc {
    const value = this.doc.toJS({ maxAliasCount: 100 }) as unknown;
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as KustomizationDoc) : {};
  }

  private node(value: unknown): Node {
    const node = this.doc.createNode(value) as Node;
    visit(node, {
      Scalar(_key, scalar) {
        scalar.type =
          typeof scalar.value === 'string' && scalar.value.includes('\n') ? 'BLOCK_LITERAL' : 'QUOTE_DOUBLE';
      },
    });
    return node;
  }

  /** Applies overlay edits in place. */
  apply(edits: readonly OverlayEdit[]): void {
    if (!isMap(this.doc.contents)) this.doc.contents = this.doc.createNode({}) as typeof this.doc.contents;
    for (const edit of edits) {
      if (edit.op === 'set') this.doc.set(edit.key, this.node(edit.value));
      else if (edit.op === 'append') this.append(edit.key, edit.items);
      else if (edit.op === 'addImage') this.append('images', [edit.image]);
      else this.updateImage(edit);
    }
  }

  private append(key: string, items: unknown[]): void {
    const current = this.doc.get(key, true);
    if (isSeq(current)) for (const item of items) current.add(this.node(item));
    else
      this.doc.set(
        key,
        this.node([...(Array.isArray(this.toJS()[key]) ? (this.toJS()[key] as unknown[]) : []), ...items]),
      );
  }

  private updateImage(edit: Extract<OverlayEdit, { op: 'updateImage' }>): void {
    const images = this.doc.get('images', true);
    const image = isSeq(images) ? images.items[edit.index] : undefined;
    if (!isMap(image)) return;
    if (edit.newName) image.set('newName', this.node(edit.newName));
    if (edit.version) {
      image.delete('newTag');
      image.delete('digest');
      for (const [k, v] of Object.entries(edit.version)) image.set(k, this.node(v));
    }
  }

  toString(): string {
    return this.doc.toString({ lineWidth: 0 });
  }
}
