import { createHash, createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DELIVERED_PROVIDER_TYPES } from '../../api/notification-v1beta3.js';
import { GOLDEN_EVENT, GOLDEN_SHA as SHA, json, sendToSink } from '../../testing/provider-sink.js';
import { startWebhookSink, type SinkRequest, type WebhookSink } from '../../testing/sandbox.js';
import type { FluxEvent } from '../event.js';
import { DEFAULT_SERVICE_ENDPOINTS, notifierFor, NOTIFIERS, type NotifierOptions } from './index.js';

let sink: WebhookSink;
beforeAll(async () => {
  sink = await startWebhookSink();
});
afterAll(async () => {
  await sink?.stop();
});
const send = (
  type: string,
  over: Partial<NotifierOptions>,
  e: FluxEvent = GOLDEN_EVENT,
): Promise<SinkRequest[]> => sendToSink(sink, type, over, e);
const event = GOLDEN_EVENT;

describe('provider requests (golden)', () => {
  it('covers the 24 types of the issue', () => {
    expect(Object.keys(NOTIFIERS).sort()).toEqual([
      'alertmanager',
      'azuredevops',
      'bitbucket',
      'bitbucketserver',
      'datadog',
      'discord',
      'generic',
      'generic-hmac',
      'gitea',
      'github',
      'gitlab',
      'googlechat',
      'grafana',
      'lark',
      'matrix',
      'msteams',
      'opsgenie',
      'pagerduty',
      'rocket',
      'sentry',
      'slack',
      'telegram',
      'webex',
      'zulip',
    ]);
    expect(Object.keys(NOTIFIERS).sort()).toEqual([...DELIVERED_PROVIDER_TYPES].sort());
    expect(() => notifierFor('nats')).toThrow('provider nats not supported by Tideline');
  });

  it('generic and generic-hmac: the event, gotk-component, secret headers, X-Signature over the exact bytes', async () => {
    const [plain] = await send('generic', { headers: { 'X-Team': 'web' } });
    expect(plain?.headers).toMatchObject({
      'content-type': 'application/json',
      'gotk-component': 'kustomize-controller',
      'x-team': 'web',
    });
    expect(plain?.body).toBe(
      `{"involvedObject":{"kind":"Kustomization","namespace":"apps","name":"web","uid":"u-1","apiVersion":"kustomize.toolkit.fluxcd.io/v1"},"severity":"error","timestamp":"2026-05-01T07:26:19Z","message":"Health check failed after 1m0s","reason":"HealthCheckFailed","metadata":{"revision":"main@sha1:${SHA}","summary":"prod"},"reportingController":"kustomize-controller","reportingInstance":"kc-1"}`,
    );
    const [signed] = await send('generic-hmac', { token: 'k3y' });
    expect(signed?.headers['x-signature']).toBe(
      `sha256=${createHmac('sha256', 'k3y')
        .update(signed?.body ?? '')
        .digest('hex')}`,
    );
    expect(() =>
      notifierFor('generic-hmac')({
        url: sink.url,
        providerUid: '',
        secretData: {},
        endpoints: DEFAULT_SERVICE_ENDPOINTS,
      }),
    ).toThrow('HMAC key is empty');
  });

  it('slack: webhook payload; Bearer token; chat.postMessage ok check', async () => {
    const [r] = await send('slack', { channel: 'deployments', token: 'xoxb' });
    expect(r?.headers.authorization).toBe('Bearer xoxb');
    expect(json(r)).toEqual({
      channel: 'deployments',
      username: 'kustomize-controller',
      icon_url: '',
      icon_emoji: '',
      attachments: [
        {
          fallback: 'kustomization/web.apps: Health check failed after 1m0s',
          color: 'danger',
          author_name: 'kustomization/web.apps',
          text: 'Health check failed after 1m0s',
          mrkdwn_in: ['text'],
          fields: [
            { title: 'revision', value: `main@sha1:${SHA}`, short: false },
            { title: 'summary', value: 'prod', short: false },
          ],
        },
      ],
    });
  });

  it('discord and rocket: the Slack shape at <hook>/slack and with Rocket colours', async () => {
    const [d] = await send('discord', { username: 'flux' });
    expect(d?.path).toBe('/discord/slack');
    expect(json(d)).toMatchObject({
      channel: '',
      username: 'flux',
      attachments: [{ fallback: '', color: 'danger' }],
    });
    const [r] = await send('rocket', { channel: 'ops' });
    expect(json(r)).toMatchObject({ channel: 'ops', username: '', attachments: [{ color: '#FF0000' }] });
  });

  it('msteams: an Adaptive Card (summary first) for workflow URLs', async () => {
    const [r] = await send('msteams', {});
    expect(json(r)).toEqual({
      type: 'message',
      attachments: [
        {
          contentType: 'application/vnd.microsoft.card.adaptive',
          content: {
            $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
            type: 'AdaptiveCard',
            version: '1.4',
            body: [
              {
                type: 'Container',
                items: [
                  {
                    type: 'TextBlock',
                    text: 'kustomization/web.apps',
                    size: 'large',
                    weight: 'bolder',
                    wrap: true,
                  },
                  {
                    type: 'TextBlock',
                    text: 'Health check failed after 1m0s',
                    color: 'attention',
                    wrap: true,
                  },
                  {
                    type: 'FactSet',
                    facts: [
                      { title: 'summary', value: 'prod' },
                      { title: 'revision', value: `main@sha1:${SHA}` },
                    ],
                  },
                ],
              },
            ],
            msteams: { width: 'Full' },
          },
        },
      ],
    });
  });

  it('googlechat, webex, lark, matrix: their card or markup', async () => {
    const [g] = await send('googlechat', {});
    expect(json(g)).toMatchObject({
      cards: [
        {
          header: {
            title: 'kustomization/web.apps',
            subtitle: 'kustomize-controller',
            imageUrl: null,
            imageStyle: null,
          },
        },
      ],
    });
    expect(g?.body).toContain(
      '\\u003cfont color=\\"#ff0000\\"\\u003eHealth check failed after 1m0s\\u003c/font\\u003e',
    );
    const [w] = await send('webex', { channel: 'room', token: 'wt' });
    expect(w?.headers.authorization).toBe('Bearer wt');
    expect(json(w)).toEqual({
      roomId: 'room',
      markdown: `💣 **kustomization/web.apps**\nHealth check failed after 1m0s\n>**revision**: main@sha1:${SHA}\n>**summary**: prod\n`,
    });
    const [l] = await send('lark', {});
    expect(json(l)).toMatchObject({
      msg_type: 'interactive',
      card: {
        header: { title: { tag: 'plain_text', content: '🚨 kustomization/web.apps' }, template: 'red' },
      },
    });
    const [m] = await send('matrix', { channel: '!room:hs', token: 'mt' });
    expect(m?.method).toBe('PUT');
    expect(m?.path).toMatch(
      /^\/matrix\/_matrix\/client\/r0\/rooms\/!room:hs\/send\/m.room.message\/[0-9a-f]{40}$/,
    );
    expect(json(m)).toEqual({
      body: `🚨 kustomization/web.apps\nHealth check failed after 1m0s\n- revision: main@sha1:${SHA}\n- summary: prod\n`,
      msgtype: 'm.text',
    });
  });

  it('telegram: sendMessage of the bot API with MarkdownV2 escaping and a thread', async () => {
    const [t] = await send('telegram', { channel: '-100:7', token: '123:abc' });
    expect(t?.path).toBe('/tg/bot123:abc/sendMessage');
    expect(json(t)).toEqual({
      chat_id: '-100',
      message_thread_id: '7',
      text: `*🚨 kustomization/web/apps*\nHealth check failed after 1m0s\n\\- *revision*: main@sha1:${SHA}\n\\- *summary*: prod\n`,
      parse_mode: 'MarkdownV2',
    });
  });

  it('zulip: a form post with basic auth', async () => {
    const [z] = await send('zulip', { channel: 'ops/flux', username: 'bot@z', password: 'pw' });
    expect(z?.path).toBe('/api/v1/messages');
    expect(z?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(z?.headers.authorization).toBe(`Basic ${Buffer.from('bot@z:pw').toString('base64')}`);
    expect(new URLSearchParams(z?.body).get('content')).toBe(
      `## Flux Status\n\n⚠️ Kustomization/apps/web\n\nHealth check failed after 1m0s\n\nMetadata:\n* \`revision\`: main@sha1:${SHA}\n* \`summary\`: prod\n`,
    );
    expect(z?.body.startsWith('content=')).toBe(true);
  });

  it('opsgenie, pagerduty, alertmanager, grafana, datadog: incident and metrics APIs', async () => {
    const [o] = await send('opsgenie', { token: 'og' });
    expect(o?.headers.authorization).toBe('GenieKey og');
    expect(json(o)).toEqual({
      message: 'Kustomization/web',
      alias: createHash('sha256')
        .update('0c9c2e41-d2f9-4f9b/Kustomization/apps/web/HealthCheckFailed')
        .digest('hex'),
      description: 'Health check failed after 1m0s',
      details: { revision: `main@sha1:${SHA}`, severity: 'error', summary: 'prod' },
    });
    const [p] = await send('pagerduty', { channel: 'rk' });
    expect(p?.path).toBe('/v2/enqueue');
    expect(json(p)).toEqual({
      routing_key: 'rk',
      event_action: 'trigger',
      dedup_key: 'u-1',
      payload: {
        summary: 'health check failed: kustomization/web',
        source: 'Flux kustomize-controller',
        severity: 'error',
        timestamp: '2026-05-01T07:26:19Z',
        component: 'web',
        group: 'Kustomization',
        custom_details: {
          message: 'Health check failed after 1m0s',
          metadata: { revision: `main@sha1:${SHA}`, summary: 'prod' },
        },
      },
    });
    const info = await send(
      'pagerduty',
      { channel: 'rk' },
      { ...event, severity: 'info', reason: 'ReconciliationSucceeded' },
    );
    expect(info.map((r) => r.path)).toEqual(['/v2/enqueue', '/v2/change/enqueue']);
    expect(json(info[0])).toEqual({ routing_key: 'rk', event_action: 'resolve', dedup_key: 'u-1' });
    const [a] = await send('alertmanager', { username: 'u', password: 'p' });
    expect(json(a)).toEqual([
      {
        status: 'firing',
        labels: {
          alertname: 'FluxKustomizationHealthcheckfailed',
          kind: 'Kustomization',
          name: 'web',
          namespace: 'apps',
          reason: 'HealthCheckFailed',
          reportingcontroller: 'kustomize-controller',
          revision: `main@sha1:${SHA}`,
          severity: 'error',
        },
        annotations: { message: 'Health check failed after 1m0s', summary: 'prod' },
        startsAt: '2026-05-01T07:26:19Z',
        endsAt: '0001-01-01T00:00:00Z',
      },
    ]);
    const [g] = await send('grafana', { token: 'gt' });
    expect(g?.headers.authorization).toBe('Bearer gt');
    expect(json(g)).toEqual({
      when: 1777620379,
      text: 'kustomization/web.apps',
      tags: [
        'flux',
        'kustomize-controller',
        `revision: main@sha1|${SHA}`,
        'summary: prod',
        'kind: Kustomization',
        'name: web',
        'namespace: apps',
      ],
    });
    const [d] = await send('datadog', { token: 'dd' });
    expect(d?.path).toBe('/api/v1/events');
    expect(d?.headers['dd-api-key']).toBe('dd');
    expect(d?.body).toBe(
      `{"alert_type":"error","date_happened":1777620379,"source_type_name":"fluxcd","tags":["flux_reporting_controller:kustomize-controller","flux_reason:healthcheckfailed","kube_kind:kustomization","kube_name:web","kube_namespace:apps","revision:main@sha1:${SHA}","summary:prod"],"text":"Health check failed after 1m0s","title":"Events from the Kustomization web/apps"}`,
    );
  });

  it('sentry: an envelope to the project with X-Sentry-Auth', async () => {
    const dsn = sink.url.replace('http://', 'http://pubkey@') + '/42';
    const [s] = await send('sentry', { url: dsn, channel: 'prod' });
    expect(s?.path).toBe('/api/42/envelope/');
    expect(s?.headers['x-sentry-auth']).toMatch(
      /^Sentry sentry_version=7, sentry_client=sentry\.go\/[\d.]+, sentry_key=pubkey$/,
    );
    const [header, item, payload] = (s?.body ?? '')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(header).toMatchObject({ dsn });
    expect(item).toMatchObject({ type: 'event' });
    expect(payload).toMatchObject({
      level: 'error',
      environment: 'prod',
      transaction: 'Kustomization: apps/web',
      server_name: 'kustomize-controller',
      contexts: { metadata: { revision: `main@sha1:${SHA}` } },
    });
  });
});
