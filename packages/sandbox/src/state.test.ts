import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { isAlive } from './state.js';

describe('isAlive', () => {
  it('sees this process alive, and a killed child dead even before it is reaped', async () => {
    expect(isAlive(process.pid)).toBe(true);
    const child = spawn('sleep', ['30']);
    await new Promise((r) => child.once('spawn', r));
    const pid = child.pid ?? -1;
    expect(isAlive(pid)).toBe(true);
    process.kill(pid, 'SIGKILL');
    const deadline = Date.now() + 5000;
    while (isAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(isAlive(pid)).toBe(false);
    expect(isAlive(-1)).toBe(false);
  });
});
