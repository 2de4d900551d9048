import { objectTitle, type FluxEvent } from '../event.js';

/** A Slack attachment field (`title`, `value`, `short`). */
export interface SlackField {
  title: string;
  value: string;
  short: boolean;
}

/** One metadata entry per field, keys sorted (Flux iterates a Go map: unordered). Pure. */
export function metadataFields(event: FluxEvent): SlackField[] {
  return Object.keys(event.metadata ?? {})
    .sort()
    .map((key) => ({ title: key, value: event.metadata?.[key] ?? '', short: false }));
}

/** The Slack-format attachment Slack, Discord and Rocket share; `color` and `fallback` vary. Pure. */
export function slackAttachment(event: FluxEvent, color: string, fallback: boolean): Record<string, unknown> {
  const author = objectTitle(event);
  return {
    ...(fallback ? { fallback: `${author}: ${event.message.split('\n')[0] ?? ''}` } : { fallback: '' }),
    color,
    author_name: author,
    text: event.message,
    mrkdwn_in: ['text'],
    fields: metadataFields(event),
  };
}

/** The SlackPayload envelope, fields in Go's order (`text` omitted when empty). Pure. */
export function slackPayload(
  channel: string,
  username: string,
  attachment: Record<string, unknown>,
): unknown {
  return { channel, username, icon_url: '', icon_emoji: '', attachments: [attachment] };
}
