import { itemString, T, type Item } from './lexer.js';

/** Ends parsing with a message (Go panics and recovers the same way). */
export class Abort extends Error {}

/**
 * The parser's token stream (Go's `Tree.next/backup/peek`): items with unlimited push-back,
 * and Go's error helpers (`errorf`, `unexpected`, `expect`) with its message shapes.
 */
export abstract class TokenStream {
  private index = 0;
  protected readonly pushed: Item[] = [];
  protected last: Item = { typ: T.EOF, pos: 0, val: '', line: 1 };
  protected actionLine = 0;

  constructor(
    protected readonly name: string,
    private readonly items: Item[],
  ) {}

  protected next(): Item {
    const item = this.pushed.pop() ?? this.items[this.index++] ?? this.items[this.items.length - 1]!;
    this.last = item;
    return item;
  }
  protected backup(item: Item = this.last): void {
    this.pushed.push(item);
  }
  protected peek(): Item {
    const item = this.next();
    this.backup(item);
    return item;
  }
  protected nextNonSpace(): Item {
    let item = this.next();
    while (item.typ === T.Space) item = this.next();
    return item;
  }
  protected peekNonSpace(): Item {
    const item = this.nextNonSpace();
    this.backup(item);
    return item;
  }

  protected errorf(message: string): never {
    throw new Abort(`template: ${this.name}:${this.last.line}: ${message}`);
  }
  protected unexpected(item: Item, context: string): never {
    if (item.typ === T.Error) {
      let extra = '';
      if (this.actionLine !== 0 && this.actionLine !== item.line) {
        extra = ` in action started at ${this.name}:${this.actionLine}`;
        if (item.val.endsWith(' action')) extra = extra.slice(' in action'.length);
      }
      this.errorf(`${itemString(item)}${extra}`);
    }
    this.errorf(`unexpected ${itemString(item)} in ${context}`);
  }
  protected expect(typ: T, context: string): Item {
    const item = this.nextNonSpace();
    if (item.typ !== typ) this.unexpected(item, context);
    return item;
  }
}
