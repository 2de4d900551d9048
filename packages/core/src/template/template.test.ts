import { describe, expect, it } from 'vitest';
import { fromJson } from './go-values.js';
import { compileTemplate, TemplateExecError, TemplateParseError } from './template.js';

const render = (text: string, data: unknown = null): string =>
  compileTemplate('commit message', text).execute(fromJson(data));

describe('Go text/template (examples; the oracle test checks thousands more against Go)', () => {
  it('renders pipelines, control structures and Sprig functions', () => {
    expect(
      render('{{ range $i, $t := .tags }}{{ if $i }}, {{ end }}{{ $t | upper }}{{ end }}', {
        tags: ['a', 'b'],
      }),
    ).toBe('A, B');
    expect(render('{{- " x " -}}|{{ "y" }}')).toBe(' x |y');
    expect(render('{{ .missing }} {{ print nil }} {{ 1e6 }} {{ 1.5 }}', {})).toBe(
      '<no value> <nil> 1e+06 1.5',
    );
    expect(render('{{ add 1 2 }} {{ repeat 2 "ab" }} {{ toJson (list 1 "x") }}')).toBe('3 abab [1,"x"]');
  });

  it('fails to parse with Go words', () => {
    expect(() => render('{{ .x')).toThrow(TemplateParseError);
    expect(() => render('{{ .x')).toThrow('template: commit message:1: unclosed action');
    expect(() => render('{{ nope }}')).toThrow('template: commit message:1: function "nope" not defined');
    expect(() => render('{{ if 1 }}')).toThrow('template: commit message:1: unexpected EOF');
  });

  it('fails to execute with Go words, naming line, column and node', () => {
    expect(() => render('x\n {{ eq 1 "a" }}')).toThrow(TemplateExecError);
    expect(() => render('x\n {{ eq 1 "a" }}')).toThrow(
      'template: commit message:2:4: executing "commit message" at <eq 1 "a">: error calling eq: incompatible types for comparison',
    );
    expect(() => render('{{ repeat (add 1 2) "x" }}')).toThrow(
      'wrong type for value; expected int; got int64',
    );
  });

  it('bounds the output', () => {
    expect(() => render('{{ range until 2000 }}{{ repeat 1000 "x" }}{{ end }}')).toThrow('output exceeds');
  });
});
