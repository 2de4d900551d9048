import { useMutation } from '@tanstack/react-query';
import type { FluxObjectSummary } from '@tideline/server';
import { useEffect, useState } from 'react';
import { useTRPCClient } from '../../../trpc/trpc-context';
import {
  actionStage,
  describeOutcome,
  describePending,
  type ActionRequest,
  type ObjectAction,
} from '../selectors/action-outcome';
import type { ObjectKey } from '../selectors/object-key';

/** How long to wait for the live update before saying none has arrived. */
const CONFIRM_TIMEOUT_MS = 60_000;

type Phase = 'sending' | 'awaiting' | 'done' | 'failed' | 'unconfirmed';

interface ActionState {
  request: ActionRequest;
  phase: Phase;
  /** The outcome, fixed when the live update confirmed it. */
  outcome?: string;
  error?: string;
}

/** What the action controls show. */
export interface ActionView {
  /** True from the click until the live object shows the effect (or the request failed). */
  busy: boolean;
  /** Progress or outcome, for a polite live region. */
  message: string;
  /** Why the request failed, for an alert. */
  error?: string;
}

/** Sends one action for one object through the API; resolves a reconcile's `requestedAt`. */
export function useSendAction(): (
  key: ObjectKey,
  action: ObjectAction,
  reason?: string,
  withSource?: boolean,
) => Promise<string | undefined> {
  const client = useTRPCClient();
  return async (key, action, reason, withSource) => {
    if (action === 'reconcile')
      return (await client.actions.reconcile.mutate({ ...key, withSource: withSource || undefined }))
        .requestedAt;
    if (action === 'force' || action === 'reset') {
      if (key.kind !== 'HelmRelease') throw new Error(`${action} applies to HelmReleases only`);
      return (await client.actions[action].mutate({ ...key, kind: key.kind })).requestedAt;
    }
    if (action === 'suspend') await client.actions.suspend.mutate({ ...key, reason: reason || undefined });
    else await client.actions.resume.mutate(key);
    return undefined;
  };
}

/**
 * Runs suspend/resume/reconcile on one object and follows it to its outcome: sending, then
 * requested, then (for a reconcile) picked up by the controller, then the result, all read from
 * the live object. `object` must be the live summary (from the store the stream patches).
 */
export function useObjectAction(object: FluxObjectSummary): {
  run: (action: ObjectAction, reason?: string, withSource?: boolean) => void;
  view: ActionView;
} {
  const send = useSendAction();
  const [state, setState] = useState<ActionState | null>(null);
  const key: ObjectKey = { kind: object.kind, namespace: object.namespace, name: object.name };
  const mutation = useMutation({
    mutationFn: ({
      action,
      reason,
      withSource,
    }: {
      action: ObjectAction;
      reason?: string;
      withSource?: boolean;
    }) => send(key, action, reason, withSource),
  });

  const run = (action: ObjectAction, reason?: string, withSource?: boolean): void => {
    setState({ request: { action }, phase: 'sending' });
    mutation.mutate(
      { action, reason, withSource },
      {
        onSuccess: (requestedAt) => setState({ request: { action, requestedAt }, phase: 'awaiting' }),
        onError: (error) =>
          setState({
            request: { action },
            phase: 'failed',
            error: error instanceof Error ? error.message : String(error),
          }),
      },
    );
  };

  const stage = state ? actionStage(state.request, object) : 'requested';
  const confirmed = state?.phase === 'awaiting' && stage === 'done';
  const outcomeNow = state ? describeOutcome(state.request.action, object) : '';
  useEffect(() => {
    if (confirmed)
      setState((s) => (s?.phase === 'awaiting' ? { ...s, phase: 'done', outcome: outcomeNow } : s));
  }, [confirmed, outcomeNow]);
  useEffect(() => {
    if (state?.phase !== 'awaiting') return;
    const timer = setTimeout(
      () => setState((s) => (s?.phase === 'awaiting' ? { ...s, phase: 'unconfirmed' } : s)),
      CONFIRM_TIMEOUT_MS,
    );
    return () => clearTimeout(timer);
  }, [state?.phase]);

  return { run, view: toView(state, stage, outcomeNow) };
}

function toView(
  state: ActionState | null,
  stage: ReturnType<typeof actionStage>,
  outcomeNow: string,
): ActionView {
  if (!state) return { busy: false, message: '' };
  const { action } = state.request;
  switch (state.phase) {
    case 'sending':
      return { busy: true, message: describePending(action, 'sending') };
    case 'awaiting':
      return stage === 'done'
        ? { busy: false, message: outcomeNow }
        : { busy: true, message: describePending(action, stage) };
    case 'done':
      return { busy: false, message: state.outcome ?? outcomeNow };
    case 'unconfirmed':
      return { busy: false, message: 'Requested; no update from the cluster yet.' };
    case 'failed':
      return {
        busy: false,
        message: '',
        error: `${action[0]?.toUpperCase()}${action.slice(1)} failed: ${state.error ?? 'unknown error'}`,
      };
  }
}
