import { objectTitle, type FluxEvent } from '../event.js';
import type { NotifierFactory } from './notifier.js';
import { isRequestUri, postMessage } from './post-message.js';

/** A Google Chat card: header, the message (red for errors), then one key/value per metadata entry. Pure. */
export function googleChatCard(event: FluxEvent): unknown {
  const text = event.severity === 'error' ? `<font color="#ff0000">${event.message}</font>` : event.message;
  const sections: unknown[] = [{ header: '', widgets: [{ textParagraph: { text }, keyValue: null }] }];
  const keys = Object.keys(event.metadata ?? {}).sort();
  if (keys.length > 0) {
    sections.push({
      header: '',
      widgets: keys.map((key) => ({
        textParagraph: null,
        keyValue: {
          topLabel: key,
          content: event.metadata?.[key] ?? '',
          contentMultiline: false,
          bottomLabel: null,
          icon: null,
        },
      })),
    });
  }
  return {
    cards: [
      {
        header: {
          title: objectTitle(event),
          subtitle: event.reportingController,
          imageUrl: null,
          imageStyle: null,
        },
        sections,
      },
    ],
  };
}

/** `googlechat`: a card to the space's incoming webhook URL. */
export const googleChatNotifier: NotifierFactory = (options) => {
  if (!isRequestUri(options.url)) throw new Error(`invalid Google Chat hook URL ${options.url}`);
  return {
    post: async (event, ctx) => {
      try {
        await postMessage(ctx, options.url, googleChatCard(event));
      } catch (error) {
        throw new Error(`postMessage failed: ${(error as Error).message}`);
      }
    },
  };
};
