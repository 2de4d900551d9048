import { describe, expect, it } from 'vitest';
import { endSessionPrompt, sessionWho, type SessionRow } from './session-rows';

const row = (over: Partial<SessionRow>): SessionRow => ({
  handle: 'a'.repeat(64),
  user: 'bob',
  groups: [],
  current: false,
  ...over,
});

describe('sessionWho', () => {
  it.each([
    [{ user: null, groups: [] }, 'admin token'],
    [{ user: 'bob', groups: [] }, 'bob'],
    [{ user: 'bob', groups: ['dev', 'ops'] }, 'bob (dev, ops)'],
  ])('%j → %s', (session, expected) => {
    expect(sessionWho(session)).toBe(expected);
  });
});

describe('endSessionPrompt', () => {
  it.each([
    [row({ current: true }), 'End this browser’s session?', /signed out here/],
    [row({ user: 'carol' }), 'End a session of carol?', /next request is refused/],
    [row({ user: null }), 'End an admin token session?', /next request is refused/],
  ])('%j', (session, title, body) => {
    const prompt = endSessionPrompt(session);
    expect(prompt.title).toBe(title);
    expect(prompt.body).toMatch(body);
  });
});
