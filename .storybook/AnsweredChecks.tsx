import type { AccessControlProvider } from '@refinedev/core';
import { notifyManager, useQueryClient } from '@tanstack/react-query';
import { useCallback, useSyncExternalStore } from 'react';
import { ANSWERED_CHECKS_LABEL } from '../packages/ui-components/src/mocks/storyHelpers';

/**
 * The frame's access control: refuses what the story's `denied` lists and asks `kit` (the kit's own provider over
 * the story's server) about the rest, or allows it without one. Each answer it gives is remembered with the
 * question, so {@link AnsweredChecks} can name it once Refine has stored it.
 */
export function storyAccessControl(
  denied: readonly string[],
  questions: WeakMap<object, string>,
  kit?: AccessControlProvider,
): AccessControlProvider {
  const can: AccessControlProvider['can'] = async ({ resource, action, params }) => {
    const check = `${resource}/${action}`;
    const answer = {
      can: !denied.includes(check) && (!kit || (await kit.can({ resource, action, params })).can),
    };
    const on = Object.entries(params ?? {})
      .filter(
        ([key, value]) => key !== 'resource' && (typeof value === 'string' || typeof value === 'number'),
      )
      .map(([key, value]) => ` ${key}=${value}`)
      .join('');
    questions.set(answer, `${check}${on}`);
    return answer;
  };
  return { can };
}

/**
 * A list, for screen readers and play functions only, of the access checks answered so far: "sessionkit.users/
 * forceLogout userId=usr_kofi: denied". An action hidden while its check is pending looks the same as one hidden
 * because it was refused, so a story proves a refusal by waiting for its entry here and only then asserting the
 * action is absent; a fixed wait would pass whatever the answer.
 *
 * The entries come from React Query's cache, where useCan keeps each answer, and are told through the same
 * batched notification as the components that asked: an entry appears in the same render as the components'
 * answer, never before it.
 */
export function AnsweredChecks({ questions }: { questions: WeakMap<object, string> }) {
  const cache = useQueryClient().getQueryCache();
  const subscribe = useCallback(
    (onChange: () => void) => cache.subscribe(notifyManager.batchCalls(onChange)),
    [cache],
  );
  const answered = useSyncExternalStore(subscribe, () =>
    cache
      .getAll()
      .flatMap((query) => {
        const answer = query.state.data as { can?: boolean } | undefined;
        const question = answer && questions.get(answer);
        return question ? [`${question}: ${answer.can ? 'allowed' : 'denied'}`] : [];
      })
      .sort()
      .join('\n'),
  );
  return (
    <ul className="sb-visually-hidden" aria-label={ANSWERED_CHECKS_LABEL}>
      {answered
        .split('\n')
        .filter(Boolean)
        .map((entry) => (
          <li key={entry}>{entry}</li>
        ))}
    </ul>
  );
}
