import { describe, expect, it } from 'vitest';
import { redactUrlCredentials } from './redact.js';

describe('redactUrlCredentials', () => {
  it.each([
    [
      "unable to clone 'https://bob:s3cret@git.example.com/repo.git': 401",
      "unable to clone 'https://***@git.example.com/repo.git': 401",
    ],
    ['http://token@host/x and ssh://git@host:22/repo', 'http://***@host/x and ssh://git@host:22/repo'],
    ['ssh://git:pw@host/repo and SSH://deploy@host/r', 'ssh://***@host/repo and SSH://deploy@host/r'],
    ['https://git.example.com/repo.git', 'https://git.example.com/repo.git'],
    ['mail me at a@b.c', 'mail me at a@b.c'],
  ])('%s', (input, output) => expect(redactUrlCredentials(input)).toBe(output));
});
