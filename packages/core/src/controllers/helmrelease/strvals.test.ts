import { describe, expect, it } from 'vitest';
import { parseInto, parseIntoString } from './strvals.js';

/** Cases from Helm's `pkg/strvals/parser_test.go` (TestParseSet). */
describe('strvals (Helm --set)', () => {
  it.each<[string, Record<string, unknown>]>([
    ['name1=null,f=false,t=true', { name1: null, f: false, t: true }],
    ['name1=value1,name2=value2,', { name1: 'value1', name2: 'value2' }],
    ['name1=,name2=value2', { name1: '', name2: 'value2' }],
    ['leading_zeros=00009', { leading_zeros: '00009' }],
    ['zero_int=0', { zero_int: 0 }],
    ['long_int=1234567890', { long_int: 1234567890 }],
    ['name1=one\\,two,name2=three\\,four', { name1: 'one,two', name2: 'three,four' }],
    ['name1=one\\=two', { name1: 'one=two' }],
    [
      'outer.inner1=value,outer.middle.inner=value',
      { outer: { inner1: 'value', middle: { inner: 'value' } } },
    ],
    ['name1.name2=', { name1: { name2: '' } }],
    ['name1={value1,value2},name2={1021,902}', { name1: ['value1', 'value2'], name2: [1021, 902] }],
    ['list[0].foo=bar,list[0].hello=world', { list: [{ foo: 'bar', hello: 'world' }] }],
    ['list[0]=foo,list[3]=bar', { list: ['foo', null, null, 'bar'] }],
    ['nested[0][1]=1', { nested: [[null, 1]] }],
    ['a\\.b=c', { 'a.b': 'c' }],
  ])('ParseInto %s', (text, expected) => {
    const dest: Record<string, unknown> = {};
    parseInto(text, dest);
    expect(dest).toEqual(expected);
  });

  it.each([
    'name1=value1,,,,name2=value2,',
    'name1,name2=',
    'name1,name2',
    'name1.name2',
    'name1.=name2',
    'name1={1021,902',
    'list[0].foo=bar,list[-30].hello=world',
    'list[0]=foo,list[-20]=bar',
    'illegal[0]name.foo=bar',
    'list[65537]=x',
  ])('rejects %s', (text) => {
    expect(() => parseInto(text, {})).toThrow();
  });

  it('says what Helm says', () => {
    expect(() => parseInto('name1,name2', {})).toThrow('key "name1" has no value (cannot end with ,)');
    expect(() => parseInto('a.b', {})).toThrow('key "b" has no value');
    expect(() => parseInto('x={1', {})).toThrow("list must terminate with '}'");
  });

  it('ParseIntoString keeps every value a string', () => {
    const dest: Record<string, unknown> = {};
    parseIntoString('a=true,b=null,c=0,d=1234567890', dest);
    expect(dest).toEqual({ a: 'true', b: 'null', c: '0', d: '1234567890' });
  });

  it('sets into an existing map and refuses to index a string', () => {
    const dest: Record<string, unknown> = { image: { repository: 'x', tag: '1' } };
    parseInto('image.tag=2', dest);
    expect(dest).toEqual({ image: { repository: 'x', tag: 2 } });
    expect(() => parseInto('image.tag[0]=3', dest)).toThrow(/unable to parse key: interface conversion/);
  });
});
