import { useCustom, useCustomMutation, useInvalidate } from '@refinedev/core';
import type { ApiKeyRecord, ApiKeyScopesRecord, CreatedApiKeyRecord } from '@sessionkit/core/browser';
import { DEFAULT_DATA_PROVIDER_NAME } from '../constants.js';
import { useRetry } from '../internal/useRetry.js';

/** What the create dialog sends: `POST /me/api-keys` (or an administrator's `…/admin/users/:userId/api-keys`). */
export interface NewApiKey {
  name: string;
  scopes: string[];
  /** Null: the key works until revoked. */
  expiresAt: Date | null;
}

/** Whose keys a list shows and acts on: the signed-in person's own, or the whole account's (administrators). */
export type ApiKeyScope = 'mine' | 'account';

/** The route of a list of keys. */
export function apiKeysResource(scope: ApiKeyScope): string {
  return scope === 'mine' ? 'me/api-keys' : 'api-keys';
}

/** The scopes a key may carry, as the server declares them (`GET /api-key-scopes`). */
export function useApiKeyScopes(dataProviderName = DEFAULT_DATA_PROVIDER_NAME, enabled = true) {
  const retry = useRetry();
  const { result, query } = useCustom<ApiKeyScopesRecord>({
    url: 'api-key-scopes',
    method: 'get',
    dataProviderName,
    queryOptions: { retry, enabled },
    errorNotification: false,
  });
  return { scopes: result.data?.scopes ?? [], loading: query.isPending && enabled };
}

/** Creates a key (the answer carries its secret, once) and revokes one; both refresh the lists. */
export function useApiKeyActions(scope: ApiKeyScope, dataProviderName = DEFAULT_DATA_PROVIDER_NAME) {
  const create = useCustomMutation<CreatedApiKeyRecord>();
  const revoke = useCustomMutation<ApiKeyRecord>();
  const invalidate = useInvalidate();
  const refresh = () =>
    Promise.all(
      ['me/api-keys', 'api-keys'].map((resource) =>
        invalidate({ resource, dataProviderName, invalidates: ['list'] }),
      ),
    );
  return {
    /** `forUserId`: an administrator creating a key for someone else. */
    async createKey(input: NewApiKey, forUserId?: string): Promise<CreatedApiKeyRecord> {
      const response = await create.mutateAsync({
        url: forUserId ? `admin/users/${encodeURIComponent(forUserId)}/api-keys` : 'me/api-keys',
        method: 'post',
        values: {
          name: input.name,
          scopes: input.scopes,
          ...(input.expiresAt ? { expiresAt: input.expiresAt.toISOString() } : {}),
        },
        dataProviderName,
        // The dialog shows the secret itself: a toast would be a second place it could be read.
        successNotification: false,
        errorNotification: false,
      });
      await refresh();
      return response.data;
    },
    async revokeKey(key: ApiKeyRecord, successMessage: string): Promise<void> {
      await revoke.mutateAsync({
        url: `${apiKeysResource(scope)}/${encodeURIComponent(key.id)}`,
        method: 'delete',
        values: {},
        dataProviderName,
        successNotification: { type: 'success', message: successMessage },
        errorNotification: false,
      });
      await refresh();
    },
  };
}
