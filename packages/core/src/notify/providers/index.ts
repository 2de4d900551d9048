import { alertmanagerNotifier } from './alertmanager.js';
import { azureDevOpsNotifier } from './azuredevops.js';
import { bitbucketNotifier } from './bitbucket.js';
import { bitbucketServerNotifier } from './bitbucketserver.js';
import { datadogNotifier } from './datadog.js';
import { discordNotifier } from './discord.js';
import { genericNotifier } from './generic.js';
import { genericHmacNotifier } from './generic-hmac.js';
import { giteaNotifier } from './gitea.js';
import { gitHubNotifier } from './github.js';
import { gitLabNotifier } from './gitlab.js';
import { googleChatNotifier } from './googlechat.js';
import { grafanaNotifier } from './grafana.js';
import { larkNotifier } from './lark.js';
import { matrixNotifier } from './matrix.js';
import { msteamsNotifier } from './msteams.js';
import type { NotifierFactory } from './notifier.js';
import { opsgenieNotifier } from './opsgenie.js';
import { pagerDutyNotifier } from './pagerduty.js';
import { rocketNotifier } from './rocket.js';
import { sentryNotifier } from './sentry.js';
import { slackNotifier } from './slack.js';
import { telegramNotifier } from './telegram.js';
import { webexNotifier } from './webex.js';
import { zulipNotifier } from './zulip.js';

/** The Provider types Tideline delivers to: one strategy file each. */
export const NOTIFIERS: Readonly<Record<string, NotifierFactory>> = {
  generic: genericNotifier,
  'generic-hmac': genericHmacNotifier,
  slack: slackNotifier,
  msteams: msteamsNotifier,
  discord: discordNotifier,
  rocket: rocketNotifier,
  googlechat: googleChatNotifier,
  webex: webexNotifier,
  telegram: telegramNotifier,
  matrix: matrixNotifier,
  lark: larkNotifier,
  zulip: zulipNotifier,
  opsgenie: opsgenieNotifier,
  pagerduty: pagerDutyNotifier,
  alertmanager: alertmanagerNotifier,
  grafana: grafanaNotifier,
  datadog: datadogNotifier,
  sentry: sentryNotifier,
  github: gitHubNotifier,
  gitlab: gitLabNotifier,
  gitea: giteaNotifier,
  bitbucket: bitbucketNotifier,
  bitbucketserver: bitbucketServerNotifier,
  azuredevops: azureDevOpsNotifier,
};

/**
 * The notifier of a type, or Flux's `provider <type> not supported` with the reason: the
 * other types of Flux's enum (cloud SDK transports, workload identity, change-request
 * comments) are refused rather than silently accepted.
 */
export function notifierFor(type: string): NotifierFactory {
  const factory = Object.hasOwn(NOTIFIERS, type) ? NOTIFIERS[type] : undefined;
  if (!factory) throw new Error(`provider ${type} not supported by Tideline`);
  return factory;
}

export type { Notifier, NotifierFactory, NotifierOptions, ServiceEndpoints } from './notifier.js';
export { DEFAULT_SERVICE_ENDPOINTS } from './notifier.js';
export { FLUX_RETRY_POLICY, type HttpContext, type ProviderTls, type RetryPolicy } from './http-client.js';
