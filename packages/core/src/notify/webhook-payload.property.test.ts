import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fuzzParameters } from '../testing/fuzz.js';
import { buildGoOracle, oracleDir, startGoOracle, type GoOracleSession } from '../testing/go-oracle.js';
import { goBase64Prefix, webhookPayloadError, type PayloadReceiverType } from './webhook-payload.js';

interface Answer {
  valid: boolean;
  error?: string;
}
let oracle: GoOracleSession<{ op: 'receiver'; name: string; body: string }, Answer>;
beforeAll(async () => {
  oracle = startGoOracle(await buildGoOracle(oracleDir('gostd'), 'gostd'));
}, 300_000);
afterAll(() => oracle.close());

const goVerdict = async (type: PayloadReceiverType, body: Buffer): Promise<Answer> =>
  oracle.ask({ op: 'receiver', name: type, body: body.toString('base64') });

// Keys: Flux's field names, spelled as Go's case folding still matches them (upper case, the
// long s, the Kelvin sign), near misses, and others.
const key = fc.constantFrom(
  'docker_url',
  'DOCKER_URL',
  'updated_tags',
  'updated_taga',
  'updated_tagſ',
  'push_data',
  'tag',
  'TAG',
  'repository',
  'repo_url',
  'target',
  'action',
  'repositoryName',
  'REPOSITORYNAME',
  'message',
  'Message',
  'data',
  'DATA',
  'messageId',
  'publishTime',
  'publishtime',
  'subscription',
  'digest',
  'other',
  '__proto__',
);
const time = fc.constantFrom(
  '2024-02-29T10:00:00Z',
  '2023-02-29T10:00:00Z',
  '2024-01-01T1:02:03Z',
  '2024-01-01T24:00:00Z',
  '2024-01-01T10:00:00.123456789123+01:00',
  '2024-01-01T10:00:00,5Z',
  '2024-01-01T10:00:00+-1:+5',
  '2024-01-01T10:00:00z',
  '2024-13-01T10:00:00Z',
  '2024-01-01T10:60:00Z',
  '2024-01-01 10:00:00Z',
  '0000-02-29T00:00:00Z',
  '1900-02-29T00:00:00Z',
  '2024-01-01T10:00:00.Z',
  '2024-04-31T00:00:00Z',
);
const json: fc.Arbitrary<string> = fc.letrec<{ v: string }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.oneof(fc.string({ maxLength: 6 }), time).map((s) => JSON.stringify(s)),
    fc.constantFrom('1', '-0.5e3', 'true', 'false', 'null', '"\\u0041"', '"\\ud800"'),
    fc.array(tie('v'), { maxLength: 3 }).map((items) => `[${items.join(',')}]`),
    fc
      .array(fc.tuple(key, tie('v')), { maxLength: 4 })
      .map((entries) => `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`),
  ),
})).v;

// A GCR Pub/Sub message wrapping base64 data, the data itself a JSON value, cut or garbled,
// beside the other message fields (publishTime is a time.Time).
const messageKey = fc.constantFrom(
  'publishTime',
  'PUBLISHTIME',
  'messageId',
  'subscription',
  'other',
  'data',
);
const gcrBody = fc
  .tuple(
    json,
    fc.nat({ max: 3 }),
    fc.constantFrom('', '=', '==', '\n', '!', 'QQ', 'QQ==x'),
    messageKey,
    fc.oneof(
      time.map((t) => JSON.stringify(t)),
      json,
    ),
  )
  .map(([inner, cut, tail, k, extra]) => {
    const data = Buffer.from(inner).toString('base64');
    const wrapped = `${data.slice(0, data.length - cut)}${tail}`;
    return `{"message":{"data":${JSON.stringify(wrapped)},${JSON.stringify(k)}:${extra}}}`;
  });

/** Leading space, trailing text (Decode ignores it, Unmarshal does not), a byte changed (maybe not UTF-8). */
const garble = (value: fc.Arbitrary<string>): fc.Arbitrary<Buffer> =>
  fc
    .tuple(
      value,
      fc.constantFrom('', ' ', '\n\t', '\u00a0'),
      fc.constantFrom('', ' ', 'x', '}', ' {}', 'null'),
      fc.option(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { nil: undefined, freq: 4 }),
    )
    .map(([v, lead, trail, mutation]) => {
      const bytes = Buffer.from(`${lead}${v}${trail}`);
      if (mutation && bytes.length > 0) bytes[mutation[0] % bytes.length] = mutation[1];
      return bytes;
    });
const type = fc.constantFrom<PayloadReceiverType>('quay', 'dockerhub', 'acr', 'nexus', 'gcr');
const request = fc.oneof(
  fc.tuple(type, garble(fc.oneof({ weight: 4, arbitrary: json }, { weight: 1, arbitrary: fc.string() }))),
  fc.tuple(fc.constant<PayloadReceiverType>('gcr'), garble(gcrBody)),
);

describe('receiver webhook payloads (properties, against Go’s encoding/json and Flux’s payload types)', () => {
  it('accepts exactly the bodies Flux decodes, and refuses the others with Flux’s words', async () => {
    await fc.assert(
      fc.asyncProperty(request, async ([t, b]) => {
        const go = await goVerdict(t, b);
        const ours = webhookPayloadError(t, b);
        expect({ text: b.toString('latin1'), valid: ours === undefined }).toEqual({
          text: b.toString('latin1'),
          valid: go.valid,
        });
        if (ours !== undefined)
          expect(ours).toMatch(/^cannot decode (Quay|DockerHub|ACR|Nexus|GCR) webhook (payload|body)/);
      }),
      fuzzParameters(3000),
    );
  });

  it('keeps the examples this property found', async () => {
    const cases: [PayloadReceiverType, string][] = [
      // JSON.parse accepted these; Flux's typed decode refuses them.
      ['quay', '{"docker_url":1}'],
      ['quay', '[]'],
      ['acr', '{"target":"x"}'],
      ['dockerhub', '{"REPOSITORY":{"repo_url":true}}'],
      // A second spelling of a field is decoded too: a bad value under it is refused.
      ['nexus', '{"action":"a","ACTION":5}'],
      // Decode reads the first value only; Unmarshal wants nothing after it.
      ['quay', '{} trailing'],
      ['nexus', '{} trailing'],
      ['quay', 'nullx'],
      // GCR data: base64 as Go decodes it (up to the first fault), and Go's RFC 3339.
      ['gcr', '{"message":{"data":"e30=!!"}}'],
      ['gcr', '{"message":{"data":"e30"}}'],
      ['gcr', '{"message":{"data":"e30=","publishTime":"2024-01-01T1:02:03Z"}}'],
      ['gcr', '{"message":{"data":"e30=","publishTime":"2023-02-29T00:00:00Z"}}'],
      ['gcr', '{"message":{"data":5}}'],
      ['gcr', `${'['.repeat(10_001)}${']'.repeat(10_001)}`],
    ];
    for (const [t, text] of cases) {
      const go = await goVerdict(t, Buffer.from(text));
      expect({
        t,
        text: text.slice(0, 60),
        valid: webhookPayloadError(t, Buffer.from(text)) === undefined,
      }).toEqual({
        t,
        text: text.slice(0, 60),
        valid: go.valid,
      });
    }
    // `{"message":{"data":5}}` threw a TypeError from Buffer.from before.
    expect(webhookPayloadError('gcr', Buffer.from('{"message":{"data":5}}'))).toMatch(
      /^cannot decode GCR webhook payload/,
    );
  });

  it('decodes base64 up to the first fault, as Go’s DecodeString leaves it', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 20 }), (bytes) => {
        const text = Buffer.from(bytes).toString('base64');
        expect(goBase64Prefix(text)).toEqual(Buffer.from(bytes));
        expect(goBase64Prefix(text.replace(/(.{3})/g, '$1\r\n'))).toEqual(Buffer.from(bytes));
      }),
      fuzzParameters(1000),
    );
  });

  it('stays linear on long and deeply nested bodies', () => {
    const started = performance.now();
    for (const text of [
      '['.repeat(200_000),
      '{"a":'.repeat(100_000),
      `"${'\\u0041'.repeat(100_000)}"`,
      ' '.repeat(1_000_000),
    ])
      for (const t of ['quay', 'nexus', 'gcr'] as const) webhookPayloadError(t, Buffer.from(text));
    expect(performance.now() - started).toBeLessThan(3000);
  });
});
