/** A loopback webhook sink (and forward proxy) for notification providers. */
export {
  startWebhookSink,
  type SinkBehaviour,
  type SinkRequest,
  type WebhookSink,
  type WebhookSinkOptions,
} from './webhook-sink.js';
