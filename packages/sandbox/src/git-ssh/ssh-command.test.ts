import { describe, expect, it } from 'vitest';
import { parseGitSshCommand, unquoteShellArgument } from './ssh-command.js';

describe('parseGitSshCommand', () => {
  it.each([
    ["git-upload-pack '/app.git'", { service: 'git-upload-pack', repository: 'app' }],
    ["git-receive-pack '/team/app.git'", { service: 'git-receive-pack', repository: 'team/app' }],
    ["git-upload-pack 'app.git'", { service: 'git-upload-pack', repository: 'app' }],
    ["git-upload-pack '/app'", { service: 'git-upload-pack', repository: 'app' }],
    ["git-upload-pack '/../etc.git'", undefined],
    ["git-upload-pack '/a/b/c.git'", undefined],
    ["git-upload-archive '/app.git'", undefined],
    ["sh -c 'id'", undefined],
    ["git-upload-pack '/app.git'; id", undefined],
    ["git-upload-pack '/app.git", undefined],
    ['git-upload-pack /app.git', undefined],
  ])('%s', (command, expected) => {
    expect(parseGitSshCommand(command)).toEqual(expected);
  });
});

describe('unquoteShellArgument (inverse of git sq_quote)', () => {
  it.each([
    ["'a b'", 'a b'],
    ["'it'\\''s'", "it's"],
    ["'wow'\\!''", 'wow!'],
    ["'open", undefined],
    ['bare', undefined],
  ])('%s', (quoted, expected) => {
    expect(unquoteShellArgument(quoted)).toBe(expected);
  });
});
