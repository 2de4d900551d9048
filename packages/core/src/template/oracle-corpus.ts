/**
 * The seeded corpus of the template oracle test: templates (hand-written and generated) paired
 * with data, the same on every run. Each request is what `tools/oracles/template` reads.
 */

/** image-automation-controller's template data, as the oracle builds it. */
export interface FluxData {
  automation: { Namespace: string; Name: string };
  files: Record<
    string,
    {
      object: { Name: string; Namespace: string; APIVersion: string; Kind: string };
      changes: { oldValue: string; newValue: string; setter: string }[];
    }[]
  > | null;
  values: Record<string, string> | null;
}

/** One request: a template and either Flux's data or a JSON value. */
export type OracleRequest = { template: string; flux: FluxData } | { template: string; json: unknown };

const deployment = (name: string, namespace = 'apps') => ({
  Name: name,
  Namespace: namespace,
  APIVersion: 'apps/v1',
  Kind: 'Deployment',
});

/** Data sets: the guide's single change, several files and objects, empty, and values. */
export const FLUX_DATA: FluxData[] = [
  {
    automation: { Namespace: 'flux-system', Name: 'my-app' },
    files: {
      'apps/base/my-app/deployment.yaml': [
        {
          object: deployment('my-app', ''),
          changes: [
            { oldValue: 'reg/my-app:v1.0.0', newValue: 'reg/my-app:v1.0.1', setter: 'flux-system:my-app' },
          ],
        },
      ],
    },
    values: null,
  },
  {
    automation: { Namespace: 'team-a', Name: 'auto' },
    files: {
      'b/release.yaml': [
        {
          object: {
            Name: 'podinfo',
            Namespace: 'apps',
            APIVersion: 'helm.toolkit.fluxcd.io/v2',
            Kind: 'HelmRelease',
          },
          changes: [
            { oldValue: '6.0.0', newValue: '6.1.0', setter: 'team-a:podinfo:tag' },
            { oldValue: 'ghcr.io/old', newValue: 'ghcr.io/new', setter: 'team-a:podinfo:name' },
          ],
        },
      ],
      'a/deploy.yaml': [
        {
          object: deployment('web'),
          changes: [{ oldValue: 'web:1', newValue: 'web:2', setter: 'team-a:web' }],
        },
        {
          object: deployment('api'),
          changes: [{ oldValue: 'api:1', newValue: 'api:2', setter: 'team-a:api' }],
        },
      ],
    },
    values: { cluster: 'prod-eu', testing: 'yes', 'with-dash': 'd', empty: '' },
  },
  { automation: { Namespace: 'ns', Name: 'nothing' }, files: null, values: {} },
];

/** Hand-written templates: the guide's, Flux's own test templates, and every language feature. */
export const HAND_WRITTEN: string[] = [
  'chore: update my-app to {{range .Changed.Changes}}{{.NewValue}}{{end}}',
  'Update from image update automation',
  `Automation: {{ .AutomationObject }}

{{ range $filename, $objchange := .Changed.FileChanges -}}
- File: {{ $filename }}
{{- range $obj, $changes := $objchange }}
  - Object: {{ $obj.Kind }}/{{ $obj.Namespace }}/{{ $obj.Name }}
    Changes:
{{- range $_ , $change := $changes }}
    - {{ $change.OldValue }} -> {{ $change.NewValue }}
{{ end -}}
{{ end -}}
{{ end -}}`,
  'Cluster: {{ index .Values "cluster" }}\nTesting: {{ .Values.testing }}',
  '{{ range $obj, $c := .Changed.Objects }}{{ $obj }}={{ len $c }};{{ end }}',
  '{{ .Updated }}',
  '{{ .Changed.ImageResult }}',
  '{{ .Changed.ImageResult.Files }}',
  '{{ .AutomationObject.Name }}/{{ .AutomationObject.Namespace }} {{ printf "%s" .AutomationObject }}',
  '{{ .Values.missing }}|{{ index .Values "missing" }}|{{ .Values.missing | default "dflt" }}',
  '{{ with .Values.cluster }}cluster={{ . }}{{ else }}none{{ end }}',
  '{{ if and .Values .Changed.FileChanges }}both{{ else if .Values }}values{{ else }}neither{{ end }}',
  '{{ $n := len .Changed.FileChanges }}{{ $n }} file{{ if ne $n 1 }}s{{ end }}',
  '{{ range $i, $c := .Changed.Changes }}{{ if $i }}, {{ end }}{{ $c.Setter }}{{ end }}',
  '{{ range .Changed.FileChanges }}{{ else }}no files{{ end }}',
  '{{- /* a comment */ -}} trimmed {{- " x " -}} !',
  '{{ define "T" }}[{{ . }}]{{ end }}{{ template "T" .AutomationObject.Name }}{{ template "T" }}',
  '{{ block "B" .Values }}{{ len . }}{{ end }}',
  '{{ range $k, $v := .Values }}{{ $k }}={{ $v }} {{ end }}',
  '{{ $x := 1 }}{{ range .Changed.Changes }}{{ $x = add $x 1 }}{{ end }}{{ $x }}',
  '{{ range $i, $e := list "a" "b" "c" }}{{ if eq $i 1 }}{{ continue }}{{ end }}{{ $e }}{{ end }}',
  '{{ range $i, $e := list "a" "b" "c" }}{{ if eq $i 1 }}{{ break }}{{ end }}{{ $e }}{{ end }}',
  '{{ .Changed.FileChanges | len }} {{ .Changed.Changes | len | printf "%03d" }}',
  '{{ .AutomationObject.Missing }}',
  '{{ .Values.cluster.Deeper }}',
  '{{ index .Changed.FileChanges "nope" }}',
  '{{ (index .Changed.Changes 0).NewValue }}',
  '{{ index .Changed.Changes 5 }}',
  '{{ .AutomationObject.String }}',
  '{{ .Changed.Changes.Foo }}',
  '{{ nil }}',
  '{{ .Values.cluster 1 }}',
  '{{ printf "%v %d %s %q %x %t %5.2f %-4s| %e %g" 1 2 "s" "q" 255 true 3.14159 "ab" 1234.5 0.000012 }}',
  '{{ print 1 2 "a" "b" 3 }}{{ println "x" 1 }}',
  '{{ html "<a href=\'x\'>&</a>" }} {{ js "it\'s <b>" }} {{ urlquery "a b&c=d" }}',
  '{{ eq 1 1 }} {{ eq "a" "b" "a" }} {{ ne 1 2 }} {{ lt 1 2 }} {{ le 2 2 }} {{ gt "b" "a" }} {{ ge 1.5 2.5 }}',
  '{{ eq 1 "1" }}',
  '{{ lt true false }}',
  '{{ not 0 }} {{ not "" }} {{ not .Values }} {{ or 0 "" "x" }} {{ and 1 "y" 0 }}',
  '{{ slice "abcdef" 1 3 }} {{ slice (list 1 2 3 4) 1 }} {{ index "abc" 1 }}',
  '{{ len 3 }}',
  "{{ 1.5 }} {{ 1e6 }} {{ 100000.0 }} {{ 0x10 }} {{ 0b101 }} {{ 0o17 }} {{ 1_000 }} {{ 'a' }} {{ -3 }} {{ 1e-5 }} {{ 123456789.0 }}",
  '{{ 9223372036854775808 }}',
  '{{ "unterminated }}',
  '{{ .Foo',
  '{{ end }}',
  '{{ if }}{{ end }}',
  '{{ range $a, $b, $c := . }}{{ end }}',
  '{{ $undefined }}',
  '{{ nofunc 1 }}',
  '{{ "x" | 3 }}',
  '{{ ( }}',
  '{{ else }}',
  '{{ 3 | printf "%d %d" 4 }}',
  '{{ upper 3 }}',
  '{{ repeat "3" "x" }}',
  '{{ repeat (add 1 2) "x" }}',
  '{{ .Values | keys | sortAlpha | join "," }}',
  '{{ toJson .Values }} {{ toJson .AutomationObject }}',
  '{{ toPrettyJson (dict "a" 1 "b" (list "x" 2.5 true nil)) }}',
  '{{ toRawJson (dict "h" "<&>") }} {{ toJson (dict "h" "<&>") }}',
  '{{ fail "custom failure" }}',
  '{{ default "x" "" }} {{ default "x" "y" }} {{ empty 0 }} {{ empty (list) }} {{ coalesce "" 0 "z" }} {{ ternary "a" "b" true }}',
  '{{ typeOf 1 }} {{ typeOf 1.5 }} {{ typeOf "s" }} {{ typeOf (list) }} {{ typeOf (dict) }} {{ typeOf nil }} {{ kindOf (list) }} {{ typeOf .Changed }}',
  '{{ semverCompare ">=1.2" "1.3.0" }} {{ semverCompare "~1.2" "1.3.0" }}',
  '{{ semverCompare "bad range" "1.0.0" }}',
  '{{ regexMatch "^v[0-9]+" "v12" }} {{ regexFind "[0-9]+" "ab123cd45" }} {{ regexFindAll "[0-9]" "a1b2c3" 2 }} {{ regexReplaceAll "(a+)(b)?" "aabxab" "<$1|${2}>" }} {{ regexReplaceAllLiteral "a" "banana" "$1" }} {{ regexSplit "," "a,b,,c" -1 }} {{ regexQuoteMeta "a.b*c" }}',
  '{{ regexFind "(" "x" }}',
  '{{ mustRegexFind "(" "x" }}',
  '{{ regexReplaceAll "x*" "abc" "-" }} {{ regexFindAll "x*" "abc" -1 }} {{ regexSplit "x*" "abc" -1 }}',
  '{{ add 1 2 3 }} {{ sub 10 3 }} {{ mul 2 3 4 }} {{ div 7 2 }} {{ mod 7 3 }} {{ max 1 5 3 }} {{ min 4 2 }} {{ add1 "41" }} {{ int "12" }} {{ int64 3.9 }} {{ float64 "1.5" }} {{ atoi "x" }}',
  '{{ div 1 0 }}',
  '{{ addf 1.5 2 }} {{ subf 5 1.25 }} {{ mulf 1.5 4 }} {{ divf 10 4 }} {{ maxf 1 2.5 }} {{ minf 1 2.5 }} {{ floor 1.7 }} {{ ceil 1.2 }} {{ round 1.2345 2 }}',
  '{{ until 5 }} {{ untilStep 1 10 3 }} {{ seq 5 }} {{ seq 2 8 }} {{ seq 10 -3 1 }}',
  '{{ upper "abc" }} {{ lower "ABC" }} {{ title "hello world-x_y it\'s" }} {{ untitle "Hello" }} {{ trim "  x  " }} {{ trimAll "$" "$$x$" }} {{ trimPrefix "v" "v1" }} {{ trimSuffix ".0" "1.0" }}',
  '{{ substr 1 3 "abcdef" }} {{ substr -1 2 "abc" }} {{ substr 2 99 "abc" }} {{ trunc 3 "abcdef" }} {{ trunc -2 "abcdef" }} {{ abbrev 5 "hello world" }} {{ initials "first second third" }} {{ nospace "a b\tc" }}',
  '{{ contains "b" "abc" }} {{ hasPrefix "a" "abc" }} {{ hasSuffix "c" "abc" }} {{ quote "a" 1 nil }} {{ squote "a" 2 }} {{ cat "a" 1 nil "b" }} {{ replace "a" "o" "banana" }} {{ plural "file" "files" 2 }}',
  '{{ indent 2 "a\\nb" }}|{{ nindent 2 "x" }}|{{ repeat 3 "ab" }}',
  '{{ sha1sum "abc" }} {{ sha256sum "abc" }} {{ adler32sum "abc" }} {{ b64enc "héllo" }} {{ b64dec "aGk=" }} {{ b64dec "!!" }} {{ b32enc "hi" }} {{ b32dec "NBUQ====" }}',
  '{{ split "," "a,b,c" }} {{ (split "," "a,b")._1 }} {{ splitList "," "a,,b" }} {{ splitn "," 2 "a,b,c" }} {{ toStrings (list 1 "a" nil 2.5) }} {{ join "-" (list 1 2 3) }} {{ join "," "solo" }}',
  '{{ list 1 "a" }} {{ first (list 1 2) }} {{ last (list 1 2) }} {{ rest (list 1 2 3) }} {{ initial (list 1 2 3) }} {{ reverse (list 1 2 3) }} {{ uniq (list 1 1 "a" "a") }} {{ without (list 1 2 3 2) 2 }} {{ has 2 (list 1 2) }} {{ compact (list 0 1 "" "a" nil) }}',
  '{{ append (list 1) 2 }} {{ prepend (list 1) 0 }} {{ concat (list 1) (list 2 3) }} {{ sortAlpha (list "b" "a" "C") }} {{ chunk 2 (list 1 2 3 4 5) }} {{ first (list) }} {{ rest (list) }}',
  '{{ first "abc" }}',
  '{{ $d := dict "a" 1 "b" 2 }}{{ get $d "a" }} {{ get $d "z" }} {{ hasKey $d "b" }} {{ set $d "c" 3 }} {{ unset $d "a" }} {{ keys $d | sortAlpha }} {{ values (dict "x" 1) }} {{ pick (dict "a" 1 "b" 2) "a" }} {{ omit (dict "a" 1 "b" 2) "a" }} {{ pluck "a" (dict "a" 1) (dict "a" 2) }}',
  '{{ dig "a" "b" "none" (dict "a" (dict "b" "found")) }} {{ dict "odd" }}',
  '{{ base "/a/b.txt" }} {{ dir "/a/b.txt" }} {{ clean "a//b/../c" }} {{ ext "x.tar.gz" }} {{ isAbs "/x" }} {{ osBase "a/b" }}',
  '{{ deepEqual (list 1) (list 1) }} {{ typeIs "int" 1 }} {{ kindIs "slice" (list) }} {{ hello }}',
  '{{ fromJson "{\\"a\\":[1,2]}" }} {{ (fromJson "{\\"a\\":1}").a }} {{ fromJson "not json" }}',
  '{{ shuffle "abc" }}',
  '{{ toDate "2006" "2020" }}',
];

/** A tiny seeded PRNG (mulberry32), so the generated part is the same on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ATOMS = [
  '.Values.cluster',
  '.Values.missing',
  '.AutomationObject.Name',
  '"text"',
  '"3"',
  '1',
  '0',
  '2.5',
  'true',
  'nil',
  '(list 1 "a")',
  '(dict "k" "v")',
  '.Changed.Changes',
  '(len .Changed.FileChanges)',
  '$',
];
const UNARY = [
  'upper',
  'lower',
  'title',
  'trim',
  'quote',
  'squote',
  'toString',
  'len',
  'not',
  'empty',
  'typeOf',
  'kindOf',
  'toJson',
  'b64enc',
  'sha256sum',
  'first',
  'last',
  'int',
  'float64',
  'add1',
  'toStrings',
  'sortAlpha',
  'print',
  'html',
  'urlquery',
  'nospace',
  'initials',
];
const BINARY = [
  'eq',
  'ne',
  'lt',
  'default',
  'contains',
  'hasPrefix',
  'repeat',
  'trunc',
  'add',
  'sub',
  'mul',
  'max',
  'min',
  'append',
  'has',
  'join',
  'printf',
  'cat',
  'list',
  'index',
  'and',
  'or',
  'replace',
];

/** Generated templates: random pipelines over the functions above and the Flux data's fields. */
export function generatedTemplates(count: number, seed: number): string[] {
  const random = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const expr = (depth: number): string => {
    const r = random();
    if (depth > 2 || r < 0.35) return pick(ATOMS);
    if (r < 0.65) return `(${pick(UNARY)} ${expr(depth + 1)})`;
    return `(${pick(BINARY)} ${expr(depth + 1)} ${expr(depth + 1)})`;
  };
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const body = random() < 0.5 ? expr(0).replace(/^\((.*)\)$/, '$1') : `${expr(0)} | ${pick(UNARY)}`;
    const wrapper = random();
    if (wrapper < 0.15) out.push(`pre {{ if ${expr(1)} }}yes{{ else }}no{{ end }} post`);
    else if (wrapper < 0.25)
      out.push(`{{ range $i, $v := ${expr(1)} }}[{{ $i }}:{{ $v }}]{{ else }}empty{{ end }}`);
    else out.push(`a {{ ${body} }} b`);
  }
  return out;
}

/** JSON data for generic templates. */
export const JSON_DATA: unknown[] = [
  { name: 'app', tags: ['v1', 'v2'], count: 3, ratio: 0.5, nested: { ok: true, none: null } },
  ['x', 1, { y: 2 }],
  'just a string',
  42.75,
  null,
];

const JSON_TEMPLATES = [
  '{{ .name }} {{ .tags }} {{ .count }} {{ .ratio }} {{ .nested.ok }} {{ .nested.none }} {{ .nested.absent }}',
  '{{ range $i, $t := .tags }}{{ $i }}={{ $t }} {{ end }}{{ len . }}',
  '{{ range . }}<{{ . }}>{{ end }}',
  '{{ . }} {{ printf "%v|%T" . . }}',
  '{{ index . 0 }} {{ .foo }}',
  '{{ toJson . }}',
  '{{ if . }}truthy{{ else }}falsy{{ end }} {{ empty . }}',
  '{{ add .count 1 }} {{ mul .ratio 4 }} {{ mulf .ratio 4 }}',
];

/** Every request of the corpus. */
export function templateOracleCorpus(): OracleRequest[] {
  const requests: OracleRequest[] = [];
  for (const template of [...HAND_WRITTEN, ...generatedTemplates(1500, 20260101)])
    for (const flux of FLUX_DATA) requests.push({ template, flux });
  for (const template of JSON_TEMPLATES) for (const json of JSON_DATA) requests.push({ template, json });
  return requests;
}
