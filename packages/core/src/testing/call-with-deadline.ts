import { spawn } from 'node:child_process';

/** How a call made in a child process ended: a value, a thrown error, or still running at the deadline. */
export type CallOutcome =
  | { kind: 'returned'; value: unknown }
  | { kind: 'threw'; name: string; message: string }
  | { kind: 'timeout' };

// Runs in the child: reads the arguments (Buffers as base64) from stdin, imports the module
// through tsx (TypeScript), calls the export and prints the outcome as one JSON line.
const CHILD_SOURCE = `
let input = '';
process.stdin.setEncoding('utf8');
for await (const chunk of process.stdin) input += chunk;
const request = JSON.parse(input, (_key, value) =>
  value && typeof value === 'object' && typeof value.$base64 === 'string' ? Buffer.from(value.$base64, 'base64') : value,
);
let outcome;
try {
  const mod = await import(request.module);
  const value = mod[request.exportName](...request.args);
  outcome = { kind: 'returned', value: value ?? null };
} catch (error) {
  outcome = { kind: 'threw', name: error?.name ?? typeof error, message: String(error?.message ?? error) };
}
process.stdout.write(JSON.stringify(outcome));
`;

function encodeArg(_key: string, value: unknown): unknown {
  if (value && typeof value === 'object' && (value as { type?: string }).type === 'Buffer') {
    return { $base64: Buffer.from((value as { data: number[] }).data).toString('base64') };
  }
  return value;
}

/**
 * Calls `exportName(...args)` of the module at `moduleUrl` in a child Node process (with tsx) and
 * kills it at `timeoutMs`. A synchronous endless loop cannot be interrupted on the test's own
 * thread, so a regression of that kind would hang the whole run instead of failing one test;
 * here it fails. The deadline includes the child's start-up (~0.5 s).
 */
export async function callWithDeadline(
  moduleUrl: string,
  exportName: string,
  args: readonly unknown[],
  timeoutMs: number,
): Promise<CallOutcome> {
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', CHILD_SOURCE], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  let stdout = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stdin.end(JSON.stringify({ module: moduleUrl, exportName, args }, encodeArg));
  return new Promise<CallOutcome>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve({ kind: 'timeout' });
    }, timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (stdout === '') reject(new Error(`child exited with ${code ?? 'a signal'} and no answer`));
      else resolve(JSON.parse(stdout) as CallOutcome);
    });
  });
}
