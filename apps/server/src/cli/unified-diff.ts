/** Lines beyond this many on either side are diffed as a whole replacement (the LCS table is quadratic). */
const MAX_LCS_LINES = 3000;

type Op = { type: ' ' | '-' | '+'; line: string };

/** The edit script from `a` to `b` by longest common subsequence. Pure. */
function editScript(a: readonly string[], b: readonly string[]): Op[] {
  if (a.length > MAX_LCS_LINES || b.length > MAX_LCS_LINES)
    return [
      ...a.map((line) => ({ type: '-' as const, line })),
      ...b.map((line) => ({ type: '+' as const, line })),
    ];
  const width = b.length + 1;
  const lcs = new Uint32Array((a.length + 1) * width);
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--)
      lcs[i * width + j] =
        a[i] === b[j]
          ? (lcs[(i + 1) * width + j + 1] ?? 0) + 1
          : Math.max(lcs[(i + 1) * width + j] ?? 0, lcs[i * width + j + 1] ?? 0);
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      ops.push({ type: ' ', line: a[i++] ?? '' });
      j++;
    } else if (
      j < b.length &&
      (i >= a.length || (lcs[i * width + j + 1] ?? 0) >= (lcs[(i + 1) * width + j] ?? 0))
    ) {
      ops.push({ type: '+', line: b[j++] ?? '' });
    } else {
      ops.push({ type: '-', line: a[i++] ?? '' });
    }
  }
  return ops;
}

/**
 * A unified diff (`diff -u` / `git diff` hunks: `@@ -a,b +c,d @@`, three lines of context) of
 * two texts, headed `--- <fromName>` / `+++ <toName>`; empty when they are equal. Pure.
 */
export function unifiedDiff(from: string, to: string, fromName: string, toName: string, context = 3): string {
  const a = from.split('\n');
  const b = to.split('\n');
  if (a.at(-1) === '') a.pop();
  if (b.at(-1) === '') b.pop();
  const ops = editScript(a, b);
  const changed = ops.map((op, k) => (op.type !== ' ' ? k : -1)).filter((k) => k >= 0);
  if (changed.length === 0) return '';
  const hunks: [number, number][] = [];
  for (const k of changed) {
    const last = hunks.at(-1);
    const start = Math.max(0, k - context);
    if (last && start <= last[1] + 1) last[1] = Math.min(ops.length - 1, k + context);
    else hunks.push([start, Math.min(ops.length - 1, k + context)]);
  }
  const out = [`--- ${fromName}`, `+++ ${toName}`];
  for (const [start, end] of hunks) {
    const before = ops.slice(0, start);
    const aStart = before.filter((o) => o.type !== '+').length;
    const bStart = before.filter((o) => o.type !== '-').length;
    const body = ops.slice(start, end + 1);
    const aLen = body.filter((o) => o.type !== '+').length;
    const bLen = body.filter((o) => o.type !== '-').length;
    const range = (s: number, n: number): string => `${n === 0 ? s : s + 1}${n === 1 ? '' : `,${n}`}`;
    out.push(`@@ -${range(aStart, aLen)} +${range(bStart, bLen)} @@`);
    out.push(...reorder(body).map((o) => `${o.type}${o.line}`));
  }
  return `${out.join('\n')}\n`;
}

/** Puts the removals of each change run before its additions. Pure. */
function reorder(ops: readonly Op[]): Op[] {
  const out: Op[] = [];
  let run: Op[] = [];
  const flush = (): void => {
    out.push(...run.filter((o) => o.type === '-'), ...run.filter((o) => o.type === '+'));
    run = [];
  };
  for (const op of ops) {
    if (op.type === ' ') {
      flush();
      out.push(op);
    } else run.push(op);
  }
  flush();
  return out;
}
