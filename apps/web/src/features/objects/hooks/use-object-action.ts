import { useMutation } from '@tanstack/react-query';
import type { FluxObjectSummary } from '@tideline/server';
import { useEffect, useState } from 'react';
import { useTRPCClient } from '../../../trpc/trpc-context';
import {
  describeOutcome,
  describePending,
  isActionConfirmed,
  type ActionRequest,
  type ObjectAction,
} from '../selectors/action-outcome';
import type { ObjectKey } from '../selectors/object-key';

/** How long to wait for the live update before saying none has arrived. */
const CONFIRM_TIMEOUT_MS = 30_000;

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

/**
 * Runs suspend/resume/reconcile on one object and follows it to its outcome: "sending", then
 * "awaiting" until the live stream delivers an object that shows the effect, then "done".
 * `object` must be the live summary (from the cache the stream patches).
 */
export function useObjectAction(object: FluxObjectSummary): {
  run: (action: ObjectAction) => void;
  view: ActionView;
} {
  const client = useTRPCClient();
  const [state, setState] = useState<ActionState | null>(null);
  const mutation = useMutation({
    mutationFn: async (action: ObjectAction): Promise<string | undefined> => {
      const key: ObjectKey = { kind: object.kind, namespace: object.namespace, name: object.name };
      if (action === 'reconcile') return (await client.actions.reconcile.mutate(key)).requestedAt;
      await client.actions[action].mutate(key);
      return undefined;
    },
  });

  const run = (action: ObjectAction): void => {
    setState({ request: { action }, phase: 'sending' });
    mutation.mutate(action, {
      onSuccess: (requestedAt) => setState({ request: { action, requestedAt }, phase: 'awaiting' }),
      onError: (error) =>
        setState({
          request: { action },
          phase: 'failed',
          error: error instanceof Error ? error.message : String(error),
        }),
    });
  };

  const confirmed = state?.phase === 'awaiting' && isActionConfirmed(state.request, object);
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

  return { run, view: toView(state, confirmed, outcomeNow) };
}

function toView(state: ActionState | null, confirmed: boolean, outcomeNow: string): ActionView {
  if (!state) return { busy: false, message: '' };
  const { action } = state.request;
  switch (state.phase) {
    case 'sending':
      return { busy: true, message: describePending(action, 'sending') };
    case 'awaiting':
      return confirmed
        ? { busy: false, message: outcomeNow }
        : { busy: true, message: describePending(action, 'awaiting') };
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
