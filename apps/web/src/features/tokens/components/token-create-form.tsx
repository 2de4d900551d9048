'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { useTRPC, useTRPCClient } from '../../../trpc/trpc-context';
import { parseTokenForm, TOKEN_ROLES, type TokenRole } from '../selectors/token-form';

const FIELD =
  'rounded-md border border-gray-300 bg-white px-2 py-1 text-sm dark:border-gray-600 dark:bg-gray-800';
const BUTTON =
  'rounded-md bg-blue-700 px-3 py-1 text-sm font-medium text-white hover:bg-blue-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 disabled:opacity-50';

/**
 * Makes an API token: a name, a role and optionally namespaces. The token itself is shown once,
 * here, right after it is made: the server keeps only a verifier and cannot show it again.
 */
export function TokenCreateForm(): ReactNode {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [role, setRole] = useState<TokenRole>('viewer');
  const [namespaces, setNamespaces] = useState('');
  const [invalid, setInvalid] = useState<string | null>(null);
  const id = useId();
  const create = useMutation({
    mutationFn: (input: Parameters<typeof client.tokens.create.mutate>[0]) =>
      client.tokens.create.mutate(input),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: trpc.tokens.list.queryKey() }),
  });
  const onSubmit = (event: FormEvent): void => {
    event.preventDefault();
    const parsed = parseTokenForm({ name, role, namespaces });
    setInvalid(parsed.ok ? null : parsed.error);
    if (parsed.ok) create.mutate(parsed.input, { onSuccess: () => setName('') });
  };
  const error = invalid ?? (create.error ? create.error.message : null);
  return (
    <section aria-labelledby="new-token" className="space-y-3">
      <h2 id="new-token" className="text-lg font-semibold">
        New token
      </h2>
      <form onSubmit={onSubmit} className="flex flex-wrap items-end gap-3">
        <div className="flex flex-col text-sm">
          <label htmlFor={`${id}-name`}>Name</label>
          <input
            id={`${id}-name`}
            className={FIELD}
            value={name}
            maxLength={64}
            onChange={(e) => setName(e.target.value)}
          />
        </div>
        <div className="flex flex-col text-sm">
          <label htmlFor={`${id}-role`}>Role</label>
          <select
            id={`${id}-role`}
            className={FIELD}
            value={role}
            onChange={(e) => setRole(e.target.value as TokenRole)}
          >
            {TOKEN_ROLES.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </div>
        <div className="flex flex-col text-sm">
          <label htmlFor={`${id}-namespaces`}>Namespaces (empty: all yours)</label>
          <input
            id={`${id}-namespaces`}
            className={FIELD}
            value={namespaces}
            placeholder="team-a, team-b"
            onChange={(e) => setNamespaces(e.target.value)}
          />
        </div>
        <button type="submit" className={BUTTON} disabled={create.isPending}>
          Create token
        </button>
      </form>
      {error ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      ) : null}
      {create.data ? <NewTokenSecret name={create.data.info.name} token={create.data.token} /> : null}
    </section>
  );
}

/** The token, once: copy it now. */
function NewTokenSecret({ name, token }: { name: string; token: string }): ReactNode {
  return (
    <div
      role="status"
      className="space-y-1 rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm dark:border-amber-700 dark:bg-amber-950"
    >
      <p>
        Token <strong>{name}</strong> made. Copy it now: it is not shown again. Send it as{' '}
        <code>Authorization: Bearer …</code>.
      </p>
      <input
        readOnly
        aria-label="New API token"
        value={token}
        onFocus={(e) => e.target.select()}
        className="w-full rounded border border-gray-300 bg-white px-2 py-1 font-mono text-xs dark:border-gray-600 dark:bg-gray-900"
      />
    </div>
  );
}
