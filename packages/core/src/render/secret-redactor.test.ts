import { describe, expect, it } from 'vitest';
import { SecretRedactor } from './secret-redactor.js';

describe('SecretRedactor', () => {
  const redactor = new SecretRedactor();
  redactor.add('hunter2-secret');
  redactor.add('hunter2');
  redactor.add('abc');

  it.each([
    ['password: hunter2-secret', 'password: <redacted>'],
    ['a hunter2 and a hunter2-secret', 'a <redacted> and a <redacted>'],
    [`data: ${Buffer.from('hunter2-secret').toString('base64')}`, 'data: <redacted>'],
    ['abc stays: too short to redact', 'abc stays: too short to redact'],
    ['nothing here', 'nothing here'],
  ])('%s', (message, expected) => {
    expect(redactor.redact(message)).toBe(expected);
  });

  it('is empty until a long enough value is added', () => {
    const fresh = new SecretRedactor();
    fresh.add('');
    fresh.add('xyz');
    expect(fresh.empty).toBe(true);
    fresh.add('wxyz');
    expect(fresh.empty).toBe(false);
  });
});
