import { objectTitle, type FluxEvent } from '../event.js';
import type { NotifierFactory } from './notifier.js';
import { isRequestUri, postMessage } from './post-message.js';

function sortedEntries(event: FluxEvent): [string, string][] {
  return Object.keys(event.metadata ?? {})
    .sort()
    .map((k) => [k, event.metadata?.[k] ?? '']);
}

/** The retired Office 365 connector card (`*.webhook.office.com` hosts). Pure. */
export function connectorCard(event: FluxEvent): unknown {
  const name = objectTitle(event);
  return {
    '@type': 'MessageCard',
    '@context': 'http://schema.org/extensions',
    themeColor: event.severity === 'error' ? 'FF0000' : '0076D7',
    summary: name,
    sections: [
      {
        activityTitle: event.message,
        activitySubtitle: name,
        facts: sortedEntries(event).map(([name, value]) => ({ name, value })),
      },
    ],
  };
}

/** An Adaptive Card 1.4 message (Workflows / Power Automate webhooks): `summary` first, then keys sorted. Pure. */
export function adaptiveCard(event: FluxEvent): unknown {
  const facts = [
    ...(event.metadata?.summary !== undefined ? [{ title: 'summary', value: event.metadata.summary }] : []),
    ...sortedEntries(event)
      .filter(([k]) => k !== 'summary')
      .map(([title, value]) => ({ title, value })),
  ];
  const message = {
    type: 'TextBlock',
    text: event.message,
    ...(event.severity === 'error' ? { color: 'attention' } : {}),
    wrap: true,
  };
  return {
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
                { type: 'TextBlock', text: objectTitle(event), size: 'large', weight: 'bolder', wrap: true },
                message,
                { type: 'FactSet', ...(facts.length > 0 ? { facts } : {}) },
              ],
            },
          ],
          msteams: { width: 'Full' },
        },
      },
    ],
  };
}

/** `msteams`: a connector card for `*.webhook.office.com`, an Adaptive Card for every other URL. */
export const msteamsNotifier: NotifierFactory = (options) => {
  if (!isRequestUri(options.url)) throw new Error(`invalid MS Teams webhook URL ${options.url}`);
  const legacy = new URL(options.url).hostname.endsWith('.webhook.office.com');
  return {
    post: async (event, ctx) => {
      try {
        await postMessage(ctx, options.url, legacy ? connectorCard(event) : adaptiveCard(event));
      } catch (error) {
        throw new Error(`postMessage failed: ${(error as Error).message}`);
      }
    },
  };
};
