import type {
  BaseRecord,
  CrudFilter,
  CrudSort,
  CreateParams,
  CustomParams,
  DataProvider,
  DeleteOneParams,
  GetListParams,
  GetManyParams,
  GetOneParams,
  HttpError,
  LogicalFilter,
  Pagination,
  UpdateParams,
} from '@refinedev/core';
import type { ErrorBody } from '@sessionkit/core/browser';
import { parseSessionEnded, reviveAnswer } from '@sessionkit/core/browser';
import { identityMayHaveChanged } from './internal/identityEpoch.js';
import {
  answeredSignedIn,
  recallSessionEnded,
  rememberSessionEnded,
  requestMark,
} from './internal/sessionEndMemory.js';

/** Options of {@link sessionKitDataProvider}. Every one has a default that suits a browser on the host's origin. */
export interface SessionKitDataProviderOptions {
  /** The fetch to use; default the global one. Tests and server rendering pass their own. */
  fetch?: typeof fetch;
  /** Default `include`, so the HttpOnly session cookie travels to an API on another origin too. */
  credentials?: RequestCredentials;
  /**
   * The readable cookie holding the CSRF token. Default: the kit's names, `__Host-sk_csrf` (Secure cookies),
   * then `__Secure-sk_csrf` (Secure with a Domain or Path), then `sk_csrf` (plain http in development).
   */
  csrfCookieName?: string;
  /** The header the token is echoed in; default `x-csrf-token`. */
  csrfHeaderName?: string;
  /** Reads a cookie by name; default reads `document.cookie`. */
  readCookie?: (name: string) => string | null;
  /** Extra headers on every request (e.g. a bearer token for an app that doesn't use cookies). */
  headers?: Record<string, string> | (() => Record<string, string>);
}

/**
 * A failed request, shaped as Refine's `HttpError` (`message`, `statusCode`, `errors` for forms) and carrying
 * the plugin's error code, the field at fault and, for an ended session, the reason.
 */
export class SessionKitRequestError extends Error implements HttpError {
  readonly statusCode: number;
  readonly code: string;
  readonly field: string | undefined;
  readonly reason: string | undefined;
  readonly body: ErrorBody;
  readonly errors: Record<string, string> | undefined;
  [key: string]: unknown;

  constructor(statusCode: number, body: ErrorBody) {
    super(body.message ?? body.error);
    this.name = 'SessionKitRequestError';
    this.statusCode = statusCode;
    this.code = body.error;
    this.field = body.field;
    this.reason = body.reason;
    this.body = body;
    this.errors = body.field ? { [body.field]: body.message ?? body.error } : undefined;
  }
}

const OPERATOR_SUFFIX: Partial<Record<string, string>> = {
  ne: '_ne',
  lt: '_lt',
  gt: '_gt',
  lte: '_lte',
  gte: '_gte',
  contains: '_like',
};

type QueryValue = string | number | boolean | Date | null | undefined | readonly (string | number)[];

function appendQuery(params: URLSearchParams, key: string, value: QueryValue): void {
  if (value === undefined || value === null || value === '') return;
  if (Array.isArray(value)) {
    for (const item of value) params.append(key, String(item));
  } else if (value instanceof Date) {
    params.append(key, value.toISOString());
  } else {
    params.append(key, String(value));
  }
}

function appendFilters(params: URLSearchParams, filters: readonly CrudFilter[] | undefined): void {
  for (const crud of filters ?? []) {
    if (crud.operator === 'or' || crud.operator === 'and') {
      // The plugin's lists filter on plain fields only; a silent drop would show unfiltered data as filtered.
      throw new Error(`sessionKitDataProvider: "${crud.operator}" filters are not supported`);
    }
    const filter = crud as LogicalFilter;
    if (filter.operator === 'eq' || filter.operator === 'in') {
      appendQuery(params, filter.field, filter.value as QueryValue);
      continue;
    }
    const suffix = OPERATOR_SUFFIX[filter.operator];
    if (!suffix)
      throw new Error(`sessionKitDataProvider: the "${filter.operator}" operator is not supported`);
    appendQuery(params, `${filter.field}${suffix}`, filter.value as QueryValue);
  }
}

function appendSorters(params: URLSearchParams, sorters: readonly CrudSort[] | undefined): void {
  if (!sorters?.length) return;
  params.set('_sort', sorters.map((s) => s.field).join(','));
  params.set('_order', sorters.map((s) => s.order).join(','));
}

function appendPagination(params: URLSearchParams, pagination: Pagination | undefined): void {
  if (pagination?.mode === 'off' || pagination?.mode === 'client') return;
  const page = pagination?.currentPage ?? 1;
  const size = pagination?.pageSize ?? 10;
  params.set('_start', String((page - 1) * size));
  params.set('_end', String(page * size));
}

function documentCookie(name: string): string | null {
  if (typeof document === 'undefined') return null;
  for (const part of document.cookie.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return null;
}

function withQuery(url: string, params: URLSearchParams): string {
  const query = params.toString();
  if (!query) return url;
  return `${url}${url.includes('?') ? '&' : '?'}${query}`;
}

// Prefixed first: beside a prefixed cookie, a plain one is a leftover of http development or was planted by a
// sibling subdomain; the prefixed one is the kit's.
const DEFAULT_CSRF_COOKIES = ['__Host-sk_csrf', '__Secure-sk_csrf', 'sk_csrf'];

/**
 * A Refine data provider for the SessionKit routes, meant to sit beside the host's own:
 * `dataProvider={{ default: hostProvider, sessionkit: sessionKitDataProvider('/api/sessions') }}`.
 *
 * Resources are route paths (`me/sessions`, `admin/users`, `audit-events`); `custom` takes a path relative to
 * `apiUrl` (or a full URL) for actions such as `me/sessions/revoke-others` and `policy`. Cookies go with every
 * request, the CSRF token goes with every request that changes something, and date fields come back as `Date`s.
 */
export function sessionKitDataProvider(
  apiUrl: string,
  options: SessionKitDataProviderOptions = {},
): DataProvider {
  const base = apiUrl.replace(/\/+$/, '');
  const csrfCookies = options.csrfCookieName ? [options.csrfCookieName] : DEFAULT_CSRF_COOKIES;
  const csrfHeader = options.csrfHeaderName ?? 'x-csrf-token';
  const readCookie = options.readCookie ?? documentCookie;

  const resolve = (path: string): string => {
    if (/^https?:\/\//.test(path) || (base && path.startsWith(`${base}/`))) return path;
    return `${base}/${path.replace(/^\/+/, '')}`;
  };

  // Whether this provider heard its session end. Until someone signs in again (which forgets the ending), its
  // requests are answered here as the server would answer them, without asking: the refetches that race the
  // sign-out to the login page would otherwise each reach the server and print a 401 in the console.
  let heardEnd = false;

  async function request<T>(
    method: string,
    url: string,
    body?: unknown,
    extraHeaders?: Record<string, string>,
  ): Promise<{ data: T; headers: Headers }> {
    if (heardEnd && recallSessionEnded()) {
      throw new SessionKitRequestError(401, { error: 'unauthenticated', message: 'sign in first' });
    }
    heardEnd = false;
    const headers: Record<string, string> = { accept: 'application/json' };
    Object.assign(headers, typeof options.headers === 'function' ? options.headers() : options.headers);
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (method !== 'GET' && method !== 'HEAD') {
      for (const name of csrfCookies) {
        const token = readCookie(name);
        if (token) {
          headers[csrfHeader] = token;
          break;
        }
      }
    }
    Object.assign(headers, extraHeaders);
    const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
    const mark = requestMark();
    const response = await doFetch(url, {
      method,
      headers,
      credentials: options.credentials ?? 'include',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: unknown = null;
    if (text) {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = null;
      }
    }
    if (!response.ok) {
      const errorBody =
        parsed && typeof parsed === 'object' && 'error' in parsed
          ? (parsed as ErrorBody)
          : { error: 'http_error', message: `The server answered ${response.status} ${response.statusText}` };
      // Heard here, as it arrives: the retries and racing requests after it will only hear `unauthenticated`.
      const ending = parseSessionEnded(response.status, errorBody);
      if (ending) {
        rememberSessionEnded(ending);
        heardEnd = true;
      }
      // Whoever comes next is not who the kept access answers were about.
      if (response.status === 401) identityMayHaveChanged();
      throw new SessionKitRequestError(response.status, errorBody);
    }
    answeredSignedIn(mark);
    // Dates are revived by the route's shape, so only the kit's answers are touched, and only where they hold dates.
    const path = base && url.startsWith(base) ? url.slice(base.length) : url;
    return { data: reviveAnswer(method, path, parsed) as T, headers: response.headers };
  }

  const metaQuery = (meta: Record<string, unknown> | undefined, params: URLSearchParams) => {
    const extra = meta?.query as Record<string, QueryValue> | undefined;
    for (const [key, value] of Object.entries(extra ?? {})) appendQuery(params, key, value);
  };

  const idPath = (resource: string, id: string | number) =>
    resolve(`${resource}/${encodeURIComponent(String(id))}`);

  return {
    getApiUrl: () => base,

    async getList<TData extends BaseRecord = BaseRecord>({
      resource,
      pagination,
      sorters,
      filters,
      meta,
    }: GetListParams) {
      const params = new URLSearchParams();
      appendPagination(params, pagination);
      appendSorters(params, sorters);
      appendFilters(params, filters);
      metaQuery(meta, params);
      const { data, headers } = await request<TData[]>('GET', withQuery(resolve(resource), params));
      const header = headers.get('x-total-count');
      const total = header === null ? data.length : Number(header);
      return { data, total };
    },

    async getMany<TData extends BaseRecord = BaseRecord>({ resource, ids }: GetManyParams) {
      const records = await Promise.all(ids.map((id) => request<TData>('GET', idPath(resource, id))));
      return { data: records.map((r) => r.data) };
    },

    async getOne<TData extends BaseRecord = BaseRecord>({ resource, id }: GetOneParams) {
      return { data: (await request<TData>('GET', idPath(resource, id))).data };
    },

    async create<TData extends BaseRecord = BaseRecord, TVariables = object>({
      resource,
      variables,
    }: CreateParams<TVariables>) {
      return { data: (await request<TData>('POST', resolve(resource), variables ?? {})).data };
    },

    async update<TData extends BaseRecord = BaseRecord, TVariables = object>({
      resource,
      id,
      variables,
    }: UpdateParams<TVariables>) {
      return { data: (await request<TData>('PUT', idPath(resource, id), variables ?? {})).data };
    },

    async deleteOne<TData extends BaseRecord = BaseRecord, TVariables = object>({
      resource,
      id,
      variables,
    }: DeleteOneParams<TVariables>) {
      const hasBody = variables !== undefined && Object.keys(variables as object).length > 0;
      return {
        data: (await request<TData>('DELETE', idPath(resource, id), hasBody ? variables : undefined)).data,
      };
    },

    async custom<TData extends BaseRecord = BaseRecord>({
      url,
      method,
      filters,
      sorters,
      payload,
      query,
      headers,
    }: CustomParams) {
      const params = new URLSearchParams();
      appendSorters(params, sorters);
      appendFilters(params, filters);
      for (const [key, value] of Object.entries((query ?? {}) as Record<string, QueryValue>)) {
        appendQuery(params, key, value);
      }
      const verb = method.toUpperCase();
      const body = verb === 'GET' || verb === 'HEAD' ? undefined : (payload ?? undefined);
      const { data } = await request<TData>(
        verb,
        withQuery(resolve(url), params),
        body,
        headers as Record<string, string> | undefined,
      );
      return { data };
    },
  };
}
