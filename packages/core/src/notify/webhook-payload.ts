import { goJsonDecode, type GoJsonStruct } from './go-json-decode.js';

/**
 * The payload checks of notification-controller's receiver handlers
 * (`internal/server/receiver_handlers.go`): quay, dockerhub, acr and the outer gcr message are
 * read with `json.Decoder.Decode` (the first value only, trailing bytes ignored), nexus and the
 * gcr data with `json.Unmarshal`, each into Flux's payload struct, so a body with a field of the
 * wrong type is refused as Flux refuses it. Pure.
 */

const QUAY: GoJsonStruct = { docker_url: 'string', updated_tags: 'strings' };
const DOCKERHUB: GoJsonStruct = { push_data: { tag: 'string' }, repository: { repo_url: 'string' } };
const ACR: GoJsonStruct = { action: 'string', target: { repository: 'string', tag: 'string' } };
const NEXUS: GoJsonStruct = { action: 'string', repositoryName: 'string' };
const GCR_MESSAGE: GoJsonStruct = {
  message: { data: 'string', messageId: 'string', publishTime: 'time', subscription: 'string' },
};
const GCR_DATA: GoJsonStruct = { action: 'string', digest: 'string', tag: 'string' };

/** Receiver types whose payload Flux decodes, and the words of its refusal. */
const PAYLOADS = {
  quay: { type: QUAY, mode: 'first-value', refusal: 'cannot decode Quay webhook payload' },
  dockerhub: { type: DOCKERHUB, mode: 'first-value', refusal: 'cannot decode DockerHub webhook payload' },
  acr: { type: ACR, mode: 'first-value', refusal: 'cannot decode ACR webhook payload' },
  nexus: { type: NEXUS, mode: 'whole', refusal: 'cannot decode Nexus webhook payload' },
  gcr: { type: GCR_MESSAGE, mode: 'first-value', refusal: 'cannot decode GCR webhook payload' },
} as const;

/** A receiver type whose body Flux decodes. */
export type PayloadReceiverType = keyof typeof PAYLOADS;

/**
 * Flux's refusal of a webhook body (`cannot decode … webhook payload: <Go's error>`, or for gcr
 * `cannot decode GCR webhook body: …` when the wrapped data is not a GCR event), or undefined
 * when Flux accepts it. Pure.
 */
export function webhookPayloadError(receiverType: PayloadReceiverType, body: Buffer): string | undefined {
  const payload = PAYLOADS[receiverType];
  const decoded = goJsonDecode(body.toString('utf8'), payload.type, payload.mode, goRfc3339Ok);
  // Flux's DockerHub refusal alone leaves out the decoder's words.
  if (decoded.error !== undefined)
    return receiverType === 'dockerhub' ? payload.refusal : `${payload.refusal}: ${decoded.error}`;
  if (receiverType !== 'gcr') return undefined;
  // Flux decodes message.data with base64.StdEncoding, ignores the error and reads what came out.
  const data = goBase64Prefix(decoded.strings.get('message.data') ?? '').toString('utf8');
  const inner = goJsonDecode(data, GCR_DATA, 'whole', goRfc3339Ok).error;
  return inner === undefined ? undefined : `cannot decode GCR webhook body: ${inner}`;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/**
 * What Go's `base64.StdEncoding.DecodeString` returns beside its error: the bytes of every whole
 * quantum before the first fault (CR and LF skipped; a padded quantum counts, even with garbage
 * after it). Pure.
 */
export function goBase64Prefix(text: string): Buffer {
  const s = text.replace(/[\r\n]/g, '');
  const out: number[] = [];
  for (let i = 0; i < s.length; i += 4) {
    const quantum = s.slice(i, i + 4);
    const pad = quantum.indexOf('=');
    const digits = pad < 0 ? quantum : quantum.slice(0, pad);
    if ([...digits].some((c) => !BASE64.includes(c))) break;
    if (pad < 0 && quantum.length < 4) break;
    if (pad >= 0 && (pad < 2 || (pad === 2 ? quantum.slice(2) !== '==' : quantum.length !== 4))) break;
    const bits = [...digits].reduce((acc, c) => acc * 64 + BASE64.indexOf(c), 0) * 64 ** (4 - digits.length);
    const bytes = [(bits >> 16) & 0xff, (bits >> 8) & 0xff, bits & 0xff].slice(0, digits.length - 1);
    out.push(...bytes);
    if (pad >= 0) break;
  }
  return Buffer.from(out);
}

const RFC3339 =
  /^"(\d{4})-(\d\d)-(\d\d)T(\d\d?):(\d\d):(\d\d)(?:[.,]\d+)?(?:Z|[+-](?:\d\d|[+-]\d):(?:\d\d|[+-]\d))"$/;

/**
 * `time.Time.UnmarshalJSON` (Go 1.19): the raw token, quotes included and escapes not decoded,
 * parsed with the RFC 3339 layout: one- or two-digit hours, fractions after `.` or `,`, an offset
 * whose parts are read with a sign allowed, month, day, hour, minute and second in range. Pure.
 */
export function goRfc3339Ok(raw: string): boolean {
  const m = RFC3339.exec(raw);
  if (!m) return false;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as number[];
  return (
    (month ?? 0) >= 1 &&
    (month ?? 0) <= 12 &&
    (day ?? 0) >= 1 &&
    (day ?? 0) <= daysInMonth(year ?? 0, month ?? 0) &&
    (hour ?? 0) < 24 &&
    (minute ?? 0) < 60 &&
    (second ?? 0) < 60
  );
}

function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
}
