import { describe, expect, it } from 'vitest';
import { LabelSelectorError } from './label-selector.js';
import { parseLabelSelector } from './label-selector-string.js';

const SHARD = 'sharding.fluxcd.io/key';

describe('label selector strings (labels.Parse)', () => {
  it.each([
    ['', {}, true],
    ['', undefined, true],
    [`${SHARD} in (shard1)`, { [SHARD]: 'shard1' }, true],
    [`${SHARD} in (shard1)`, { [SHARD]: 'shard2' }, false],
    [`${SHARD} in (shard1)`, {}, false],
    [`${SHARD} in (shard1, shard2)`, { [SHARD]: 'shard2' }, true],
    [`${SHARD} in (shard1,)`, { [SHARD]: '' }, true],
    [`${SHARD} notin (shard1)`, {}, true],
    [`${SHARD} notin (shard1)`, { [SHARD]: 'shard1' }, false],
    [`!${SHARD}`, {}, true],
    [`!${SHARD}`, { [SHARD]: '' }, false],
    [` ! ${SHARD} `, { other: 'x' }, true],
    [SHARD, { [SHARD]: '' }, true],
    [SHARD, {}, false],
    ['app=web', { app: 'web' }, true],
    ['app==web', { app: 'web' }, true],
    ['app = web', { app: 'api' }, false],
    ['app=', { app: '' }, true],
    ['app!=web', {}, true],
    ['app!=web', { app: 'web' }, false],
    ['app!=web', { app: 'api' }, true],
    ['app=web,tier in (a,b),!legacy', { app: 'web', tier: 'b' }, true],
    ['app=web,tier in (a,b),!legacy', { app: 'web', tier: 'b', legacy: 'y' }, false],
    ['app=web,tier in (a,b),!legacy', { app: 'web', tier: 'c' }, false],
    ['size>2', { size: '3' }, true],
    ['size>2', { size: '2' }, false],
    ['size>2', { size: 'big' }, false],
    ['size<2', { size: '-1' }, true],
    ['size<2', {}, false],
  ])('%j matches %j: %s', (selector, labels, expected) => {
    expect(parseLabelSelector(selector)(labels)).toBe(expected);
  });

  it.each([
    [`${SHARD} in shard1`, "found 'shard1', expected: '('"],
    [`${SHARD} in ()`, "values set can't be empty"],
    [`${SHARD} in (a b)`, "found 'b', expected: ',' or ')'"],
    [`${SHARD} in (a`, "found 'end of input', expected: ',' or ')'"],
    ['app=web,', 'found end of input, expected: identifier'],
    ['app web', "found 'web', expected: '='"],
    ['=web', "found '=', expected: identifier"],
    ['!', "found 'end of input', expected: identifier"],
    ['size>big', "for 'Gt', 'Lt' operators, the value must be an integer"],
  ])('refuses %j', (selector, message) => {
    expect(() => parseLabelSelector(selector)).toThrow(LabelSelectorError);
    expect(() => parseLabelSelector(selector)).toThrow(message);
  });
});
