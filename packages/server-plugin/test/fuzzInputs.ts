import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import type { Arbitrary } from 'fast-check';
import type { RawRequest } from './rawRequest.js';

/**
 * Arbitraries for the HTTP fuzz: requests as a hostile or careless client sends them, on the wire. A case is
 * symbolic where it needs the running host (whose credentials, which real id): `requestFor` resolves it
 * against the host's current `FuzzWorld`, so one generated case stays meaningful after the world is re-seeded.
 * Shared by the kit's fuzz and the demo host's (apps/demo/server/fuzz.test.ts).
 */

export const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;

/** A path id: one of the caller's own ids of that kind, one of the world's, or text as it goes on the wire. */
export type IdPick = { own: number } | { known: number } | { raw: string };

export type CredentialShape =
  | 'none'
  | 'cookie'
  | 'cookie-without-csrf'
  | 'cookie-wrong-csrf'
  | 'bearer'
  | 'bearer-and-cookie'
  | 'ended-cookie'
  | 'ended-bearer'
  | 'garbage-cookie'
  | 'garbage-bearer';

export interface CredentialPick {
  /** Index into the world's actors (modulo their number). */
  actor: number;
  shape: CredentialShape;
  /** The text a garbage credential carries. */
  garbage: string;
}

export interface BodyPick {
  bytes: Buffer;
  contentType: string | null;
  contentEncoding: string | null;
  chunked: boolean;
}

export interface FuzzCase {
  method: string;
  params: Record<string, IdPick>;
  /** Wire form, with its `?`, or empty. */
  query: string;
  body: BodyPick | null;
  credential: CredentialPick;
  headers: [string, string][];
}

/** What a route looks like to the fuzz: its valid inputs, so part of the cases get past validation. */
export interface RouteSpec {
  method: string;
  /** Relative to the mount; `:name` segments are ids, `*` a free path (the "no such route" bucket). */
  path: string;
  /** The kind of each `:name`, a key of `FuzzWorld.ids`. */
  params?: Record<string, string>;
  /** Valid values of each query parameter the route reads (wire form). */
  query?: Record<string, Arbitrary<string>>;
  /** A valid body (as a value, sent as JSON); absent for routes that read none. */
  body?: Arbitrary<unknown>;
  /**
   * What the route refuses rather than ignores: a 2xx then means the query had only the keys of `query` (with
   * `query: true`), and a JSON body only the fields of `body` (`true` a leaf, an object the fields inside).
   */
  strict?: { query: boolean; body?: FieldShape };
}

export type FieldShape = { [field: string]: FieldShape | true };

export const routeName = (spec: RouteSpec): string => `${spec.method} ${spec.path}`;

export interface FuzzActor {
  name: string;
  /** A browser session: the whole Cookie header and the CSRF token to echo. */
  cookie: string;
  csrf: string;
  /** An API session's secret, when the actor has one. */
  bearer: string | null;
  /** The actor's own ids by kind (their sessions, apps, push registrations, their user id). */
  ids: Record<string, string[]>;
}

/** The running host as the fuzz sees it; rebuilt whenever the host is re-seeded. */
export interface FuzzWorld {
  /** Origin plus the mount path of the routes under test. */
  base: string;
  actors: FuzzActor[];
  /** A cookie and a bearer secret of sessions that have ended. */
  ended: { cookie: string; bearer: string };
  ids: Record<string, string[]>;
  /** Sent with every request (the address the sessions were issued to, so no request moves `lastIp`). */
  fixedHeaders: Record<string, string>;
}

// ── Path ids ──────────────────────────────────────────────────────────────────────────────────────────

const MALFORMED_ESCAPES = [
  '%',
  '%%',
  '%0',
  '%00%ff',
  '%ff',
  '%E0%A4%A',
  '%c0%af',
  '%ED%A0%80',
  '%zz',
  '%u0041',
  '%F0%9F%98',
  'a%',
  '%-1',
  '%%41',
];

const ODD_IDS = [
  '',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  '$ne',
  encodeURIComponent('{"$ne":null}'),
  encodeURIComponent('{"$gt":""}'),
  'null',
  'undefined',
  '0',
  '-1',
  '1e309',
  '.',
  '..',
  '%2e%2e',
  '%2F',
  'a%2Fb',
  '%5C',
  '%00',
  '%20',
  '+',
  '*',
  '[object%20Object]',
  'ses_',
  '%3Cscript%3E',
  'revoke-others',
  'revoke-all',
];

/**
 * Printable ASCII sent as it is, including what a client ought to escape (`"<>{}|^` and backtick). Raw bytes
 * above 0x7f are not generated: Node's HTTP parser refuses them before any application code runs.
 */
const unescapedAscii = fc
  .string({
    unit: fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c)),
    minLength: 1,
    maxLength: 20,
  })
  .map((text) => text.replace(/[/?#]/g, (c) => encodeURIComponent(c)));

const repeatTo = (unit: string, length: number) => unit.repeat(Math.ceil(length / unit.length));

export const pathSegment: Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...MALFORMED_ESCAPES) },
  { weight: 2, arbitrary: fc.constantFrom(...ODD_IDS) },
  { weight: 2, arbitrary: fc.stringMatching(/^(ses|app|push|key|u|usr)_[A-Za-z0-9_-]{0,30}$/) },
  {
    weight: 2,
    arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }).map(encodeURIComponent),
  },
  { weight: 2, arbitrary: unescapedAscii },
  {
    weight: 2,
    arbitrary: fc
      .array(
        fc.oneof(
          fc.constantFrom(...MALFORMED_ESCAPES),
          fc.stringMatching(/^[A-Za-z0-9%._~-]{1,12}$/),
          fc.string({ maxLength: 8 }).map(encodeURIComponent),
        ),
        { minLength: 1, maxLength: 4 },
      )
      .map((parts) => parts.join('')),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom('a', '%41', '%C3%A9', '%'), fc.integer({ min: 129, max: 6000 }))
      .map(([unit, length]) => repeatTo(unit, length)),
  },
);

const realId: Arbitrary<IdPick> = fc.oneof(
  fc.nat().map((own) => ({ own })),
  fc.nat().map((known) => ({ known })),
);
const idPick: Arbitrary<IdPick> = fc.oneof(
  { weight: 3, arbitrary: realId },
  { weight: 4, arbitrary: pathSegment.map((raw) => ({ raw })) },
);

// ── Query strings ─────────────────────────────────────────────────────────────────────────────────────

/** Every parameter any list reads, plus filters a Refine client might send to the wrong list. */
const KNOWN_QUERY_KEYS = [
  '_start',
  '_end',
  '_page',
  '_limit',
  '_sort',
  '_order',
  'status',
  'since',
  'from',
  'to',
  'q',
  'superUser',
  'userId',
  'action',
  'id',
  'tenantId',
  'user_id',
  'filter',
];

const ODD_QUERY_KEYS = [
  'status[$ne]',
  '_sort[]',
  'userId[$gt]',
  '__proto__',
  '__proto__[admin]',
  'constructor[prototype][admin]',
  'toString',
  'hasOwnProperty',
  '%',
  '%ff',
  '',
  'a[b][c][d]',
];

const ODD_QUERY_VALUES = [
  '',
  '-1',
  '0',
  '1',
  '1e3',
  '1.5',
  '%201',
  '0x10',
  'NaN',
  'Infinity',
  '99999999999',
  '10000001',
  '1001',
  'asc',
  'DESC',
  'sideways',
  'active',
  'ALL',
  'true',
  'TRUE',
  'yes',
  '2026-02-30',
  '2026-13-01T00:00:00Z',
  '9999-12-31T23:59:59Z',
  '0000-01-01',
  '2026-01-15T09:00:00%2B99:99',
  '%2B275760-09-13',
  '2026-01-15T09:00:00.1234567891Z',
  encodeURIComponent('{"$ne":null}'),
  'tokenHash',
  'createdAt',
  'u_root',
];

const queryValue: Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...ODD_QUERY_VALUES) },
  { weight: 2, arbitrary: fc.constantFrom(...MALFORMED_ESCAPES) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }).map(encodeURIComponent) },
  { weight: 1, arbitrary: unescapedAscii.map((text) => text.replace(/[&=]/g, (c) => encodeURIComponent(c))) },
  { weight: 1, arbitrary: fc.integer({ min: 199, max: 1500 }).map((n) => 'x'.repeat(n)) },
);

function queryArb(valid: Record<string, Arbitrary<string>>): Arbitrary<string> {
  const own = Object.entries(valid);
  const pair: Arbitrary<[string, string | null]> = fc.oneof(
    ...(own.length > 0
      ? [
          {
            weight: 6,
            arbitrary: fc
              .constantFrom(...own)
              .chain(([key, value]) =>
                fc.tuple(fc.constant(key), fc.oneof({ weight: 3, arbitrary: value }, queryValue)),
              ),
          },
        ]
      : []),
    { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...KNOWN_QUERY_KEYS), queryValue) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...ODD_QUERY_KEYS), queryValue) },
    { weight: 1, arbitrary: fc.tuple(fc.stringMatching(/^[A-Za-z_$.[\]%0-9]{1,12}$/), queryValue) },
    {
      weight: 1,
      arbitrary: fc.tuple(fc.constantFrom(...KNOWN_QUERY_KEYS, ...ODD_QUERY_KEYS), fc.constant(null)),
    },
  );
  return fc.oneof(
    { weight: 2, arbitrary: fc.constant('') },
    {
      weight: 5,
      arbitrary: fc
        .array(pair, { maxLength: 5 })
        .map((pairs) => `?${pairs.map(([k, v]) => (v === null ? k : `${k}=${v}`)).join('&')}`),
    },
    { weight: 1, arbitrary: fc.constantFrom('?', '?&&', '?=', '?&=&', '?%', '?a=1#frag') },
  );
}

// ── Bodies ────────────────────────────────────────────────────────────────────────────────────────────

const PROTO_BODIES = [
  '{"__proto__":{"admin":true}}',
  '{"reason":"x","__proto__":{"reason":"polluted"}}',
  '{"constructor":{"prototype":{"admin":true}}}',
  '{"__proto__":null}',
  '{"concurrentSessions":{"__proto__":{"max":1}}}',
  '{"idleTimeout":{"enabled":true,"__proto__":{"value":1}}}',
  '{"__proto__":{"concurrentSessions":{"enabled":true,"max":1,"onExceed":"deny_new"}}}',
  '{"$set":{"status":"ended"}}',
  '{"reason":{"$ne":null}}',
  '{"reason.x":"y"}',
  '{"username":{"$ne":null},"password":{"$ne":null}}',
];

const INVALID_JSON = [
  '{',
  '}',
  '{"reason":',
  "{'reason':'x'}",
  '{"reason":"x",}',
  '{"reason":"x"}garbage',
  'NaN',
  '"text"',
  '42',
  'null',
  'true',
  '\uFEFF{}',
  '[]]',
  '{"a":1}{"b":2}',
  '{"reason":1e999}',
  '{"reason":"\\ud800"}',
  '{"reason":"\\u0000"}',
  '{"reason":"a\\u0000b","\\u0000":1}',
  '{"":""}',
  '\u0000',
];

function deepNesting(depth: number, kind: 'array' | 'object'): string {
  return kind === 'array'
    ? `${'['.repeat(depth)}${']'.repeat(depth)}`
    : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

const INJECTED_KEY = fc.oneof(
  { weight: 3, arbitrary: fc.constant('__proto__') },
  { weight: 2, arbitrary: fc.constantFrom('constructor', 'prototype', 'toString', 'hasOwnProperty') },
  { weight: 2, arbitrary: fc.constantFrom('', '$set', 'a.b', 'polluted') },
);

/** A valid body with one more field, top-level or deeper, such as `"__proto__":{…}`: what a strict route refuses. */
function withInjectedField(valid: Arbitrary<unknown>): Arbitrary<string> {
  return fc
    .tuple(
      valid,
      INJECTED_KEY,
      fc.constantFrom('{"polluted":true}', 'null', '1', '"x"', '{"max":1,"enabled":true}'),
      fc.oneof(fc.constant(0), fc.nat()),
    )
    .map(([value, key, injected, at]) => {
      const text = JSON.stringify(value) ?? 'null';
      const opens = [...text.matchAll(/\{/g)].map((m) => m.index);
      if (opens.length === 0) return `{${JSON.stringify(key)}:${injected}}`;
      const index = opens[at % opens.length]! + 1;
      const field = `${JSON.stringify(key)}:${injected}`;
      return `${text.slice(0, index)}${field}${text[index] === '}' ? '' : ','}${text.slice(index)}`;
    });
}

function jsonTextArb(valid: Arbitrary<unknown> | undefined): Arbitrary<string> {
  return fc.oneof(
    ...(valid
      ? [
          { weight: 6, arbitrary: valid.map((v) => JSON.stringify(v) ?? 'null') },
          { weight: 3, arbitrary: withInjectedField(valid) },
        ]
      : []),
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)) },
    { weight: 2, arbitrary: fc.constantFrom(...PROTO_BODIES) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.integer({ min: 50, max: 3000 }), fc.constantFrom('array' as const, 'object' as const))
        .map(([depth, kind]) => deepNesting(depth, kind)),
    },
    {
      weight: 1,
      arbitrary: fc
        .integer({ min: 400, max: 20_000 })
        .map((n) => JSON.stringify({ reason: 'x'.repeat(n), username: 'u'.repeat(n) })),
    },
    { weight: 2, arbitrary: fc.constantFrom(...INVALID_JSON) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 80 }) },
    ...(valid
      ? [
          {
            weight: 1,
            arbitrary: fc.tuple(valid, fc.nat()).map(([v, cut]) => {
              const text = JSON.stringify(v) ?? '';
              return text.slice(0, cut % Math.max(1, text.length));
            }),
          },
        ]
      : []),
  );
}

const CONTENT_TYPES = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/json; charset=utf-16',
  'application/json; charset=latin1',
  'application/json; charset=bogus',
  'application/json; charset=UTF-8',
  'application/vnd.api+json',
  'application/merge-patch+json',
  'application/json, text/plain',
  'application/jsonx',
  '*/*',
  'json',
  '',
];

const CORRUPT: Arbitrary<Buffer> = fc.oneof(
  fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.from(bytes)),
  fc.constantFrom(Buffer.from('not compressed'), Buffer.from([0x1f, 0x8b]), Buffer.from([0x78, 0x9c, 0x00])),
);

const compressors: Record<string, (input: Buffer) => Buffer> = {
  gzip: (input) => gzipSync(input),
  deflate: (input) => deflateSync(input),
  br: (input) => brotliCompressSync(input),
};

type Encoded = { contentEncoding: string | null; encode: (input: Buffer) => Arbitrary<Buffer> };

const encodingArb: Arbitrary<Encoded> = fc.oneof(
  { weight: 10, arbitrary: fc.constant({ contentEncoding: null, encode: (b: Buffer) => fc.constant(b) }) },
  {
    weight: 1,
    arbitrary: fc.constant({ contentEncoding: 'identity', encode: (b: Buffer) => fc.constant(b) }),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom('gzip', 'deflate', 'br', 'GZIP').map((name) => ({
      contentEncoding: name,
      encode: (b: Buffer) => fc.constant(compressors[name.toLowerCase()]!(b)),
    })),
  },
  {
    weight: 3,
    arbitrary: fc.constantFrom('gzip', 'deflate', 'br').map((name) => ({
      contentEncoding: name,
      encode: (b: Buffer) =>
        fc.oneof(
          CORRUPT,
          // A real stream cut short, or with a byte flipped: past the header, into the inflater's checks.
          fc.nat().map((cut) => {
            const packed = compressors[name]!(b);
            return packed.subarray(0, cut % Math.max(1, packed.length));
          }),
          fc.nat().map((at) => {
            const packed = Buffer.from(compressors[name]!(b));
            packed[at % packed.length] = (packed[at % packed.length] ?? 0) ^ 0xff;
            return packed;
          }),
        ),
    })),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom('compress', 'zstd', 'x-gzip', 'gzip, br', '*', 'chunked').map((name) => ({
      contentEncoding: name,
      encode: (b: Buffer) => fc.constant(b),
    })),
  },
);

/** A body as sent: JSON right or wrong, under any content type and encoding, or a blob that only claims one. */
export function bodyArb(valid: Arbitrary<unknown> | undefined): Arbitrary<BodyPick> {
  return fc
    .record({
      text: jsonTextArb(valid),
      contentType: fc.oneof(
        { weight: 8, arbitrary: fc.constant<string | null>('application/json') },
        { weight: 3, arbitrary: fc.constantFrom<string | null>(...CONTENT_TYPES) },
        { weight: 1, arbitrary: fc.constant<string | null>(null) },
      ),
      encoding: encodingArb,
      chunked: fc.oneof(
        { weight: 5, arbitrary: fc.constant(false) },
        { weight: 1, arbitrary: fc.constant(true) },
      ),
    })
    .chain(({ text, contentType, encoding, chunked }) =>
      encoding.encode(Buffer.from(text, 'utf8')).map((bytes) => ({
        bytes,
        contentType,
        contentEncoding: encoding.contentEncoding,
        chunked,
      })),
    );
}

// ── Headers and credentials ───────────────────────────────────────────────────────────────────────────

/** Header text node:http will send: printable latin1, no line breaks. */
export const headerText: Arbitrary<string> = fc.oneof(
  fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 60 }),
  fc.string({ unit: fc.integer({ min: 0xa0, max: 0xff }).map((c) => String.fromCharCode(c)), maxLength: 10 }),
  fc.constantFrom('', ' ', '%', '%ff', '"', ';', '=', ',', 'sk_session', '\t'),
  fc.integer({ min: 100, max: 1000 }).map((n) => 'k'.repeat(n)),
);

const credentialArb: Arbitrary<CredentialPick> = fc.record({
  actor: fc.nat(),
  shape: fc.oneof(
    { weight: 6, arbitrary: fc.constant<CredentialShape>('cookie') },
    { weight: 5, arbitrary: fc.constant<CredentialShape>('bearer') },
    {
      weight: 4,
      arbitrary: fc.constantFrom<CredentialShape>(
        'none',
        'cookie-without-csrf',
        'cookie-wrong-csrf',
        'bearer-and-cookie',
        'ended-cookie',
        'ended-bearer',
        'garbage-cookie',
        'garbage-bearer',
      ),
    },
  ),
  garbage: headerText,
});

const EXTRA_HEADER_NAMES = [
  'accept',
  'user-agent',
  'x-csrf-token',
  'cookie',
  'authorization',
  'origin',
  'x-http-method-override',
  'if-none-match',
  'range',
  'accept-encoding',
  'x-requested-with',
];

const extraHeaders: Arbitrary<[string, string][]> = fc.oneof(
  { weight: 3, arbitrary: fc.constant<[string, string][]>([]) },
  {
    weight: 2,
    arbitrary: fc.array(fc.tuple(fc.constantFrom(...EXTRA_HEADER_NAMES), headerText), { maxLength: 3 }),
  },
);

// ── Cases and requests ────────────────────────────────────────────────────────────────────────────────

/** The free path of the "no such route" bucket: known prefixes, odd segments, wrong nesting. */
const freePath: Arbitrary<string> = fc
  .array(
    fc.oneof(
      {
        weight: 3,
        arbitrary: fc.constantFrom('me', 'admin', 'sessions', 'users', 'policy', 'api-keys', 'x', ''),
      },
      { weight: 2, arbitrary: pathSegment },
    ),
    { maxLength: 5 },
  )
  .map((segments) => `/${segments.join('/')}`);

type CaseParts = { [K in keyof FuzzCase]: Arbitrary<FuzzCase[K]> };

/**
 * Inputs the route accepts, from a signed-in caller: these cases reach the authorized code paths. A quarter of
 * the bodies carry one field more, which only a strict route refuses.
 */
function validParts(spec: RouteSpec, names: string[]): CaseParts {
  const query = Object.entries(spec.query ?? {});
  const valid = spec.body;
  return {
    method: fc.constant(spec.method),
    params: fc.record(Object.fromEntries(names.map((name) => [name, realId]))),
    query: fc
      .subarray(query, { maxLength: Math.min(3, query.length) })
      .chain((entries) => fc.tuple(...entries.map(([key, value]) => value.map((v) => `${key}=${v}`))))
      .map((pairs) => (pairs.length > 0 ? `?${pairs.join('&')}` : '')),
    body: valid
      ? fc
          .tuple(
            fc.oneof(
              { weight: 3, arbitrary: valid.map((v) => JSON.stringify(v) ?? 'null') },
              { weight: 1, arbitrary: withInjectedField(valid) },
            ),
            fc.oneof(
              { weight: 4, arbitrary: fc.constant(null) },
              { weight: 1, arbitrary: fc.constantFrom('gzip', 'deflate', 'br') },
            ),
          )
          .map(([json, encoding]) => {
            const text = Buffer.from(json, 'utf8');
            return {
              bytes: encoding ? compressors[encoding]!(text) : text,
              contentType: 'application/json',
              contentEncoding: encoding,
              chunked: false,
            };
          })
      : fc.constant(null),
    credential: fc.record({
      actor: fc.nat(),
      shape: fc.constantFrom<CredentialShape>('cookie', 'bearer'),
      garbage: fc.constant(''),
    }),
    headers: fc.constant([]),
  };
}

function wildParts(spec: RouteSpec, names: string[]): CaseParts {
  const params: Record<string, Arbitrary<IdPick>> = Object.fromEntries(names.map((name) => [name, idPick]));
  return {
    method: fc.oneof(
      { weight: 8, arbitrary: fc.constant(spec.method) },
      { weight: 1, arbitrary: fc.constantFrom(...METHODS) },
    ),
    params: fc.record(params),
    query: queryArb(spec.query ?? {}),
    body: fc.oneof(
      { weight: 3, arbitrary: fc.constant(null) },
      { weight: spec.body ? 8 : 1, arbitrary: bodyArb(spec.body) },
    ),
    credential: credentialArb,
    headers: extraHeaders,
  };
}

/**
 * A third of the cases are valid requests from a signed-in caller, a third are wild in every part, and a third
 * are valid but for a part or two: these get past the checks before the one under test.
 */
export function caseArb(spec: RouteSpec): Arbitrary<FuzzCase> {
  const names = [...spec.path.matchAll(/:(\w+)/g)].map((m) => m[1]!);
  const valid = validParts(spec, names);
  const wild = wildParts(spec, names);
  if (spec.path === '*') {
    valid.params = wild.params = fc.record({ '*': freePath.map((raw): IdPick => ({ raw })) });
  }
  const keys = Object.keys(valid) as (keyof FuzzCase)[];
  const mixed = Object.fromEntries(
    keys.map((key) => [
      key,
      fc.oneof({ weight: 5, arbitrary: valid[key] }, { weight: 1, arbitrary: wild[key] }),
    ]),
  ) as CaseParts;
  return fc.constantFrom(valid, wild, mixed).chain((parts) => fc.record(parts) as Arbitrary<FuzzCase>);
}

const pick = <T>(list: readonly T[], index: number): T | undefined =>
  list.length === 0 ? undefined : list[index % list.length];

/** The request a case stands for in this world. */
export function requestFor(spec: RouteSpec, c: FuzzCase, world: FuzzWorld): RawRequest {
  const id = (name: string): string => {
    const choice = c.params[name];
    if (!choice) return '';
    if ('raw' in choice) return choice.raw;
    const kind = spec.params?.[name] ?? name;
    const ids = 'own' in choice ? pick(world.actors, c.credential.actor)?.ids[kind] : world.ids[kind];
    return encodeURIComponent(pick(ids ?? [], 'own' in choice ? choice.own : choice.known) ?? '');
  };
  const path = spec.path === '*' ? id('*') : spec.path.replace(/:(\w+)/g, (_, name: string) => id(name));
  const headers: Record<string, string | string[]> = { ...world.fixedHeaders };
  const actor = pick(world.actors, c.credential.actor);
  const { shape, garbage } = c.credential;
  if (actor && (shape === 'cookie' || shape === 'cookie-wrong-csrf' || shape === 'cookie-without-csrf')) {
    headers.cookie = actor.cookie;
    if (shape === 'cookie') headers['x-csrf-token'] = actor.csrf;
    if (shape === 'cookie-wrong-csrf') headers['x-csrf-token'] = garbage;
  }
  if (actor && (shape === 'bearer' || shape === 'bearer-and-cookie')) {
    headers.authorization = `Bearer ${actor.bearer ?? garbage}`;
    if (shape === 'bearer-and-cookie')
      headers.cookie = pick(world.actors, c.credential.actor + 1)?.cookie ?? '';
  }
  if (shape === 'ended-cookie') headers.cookie = world.ended.cookie;
  if (shape === 'ended-bearer') headers.authorization = `Bearer ${world.ended.bearer}`;
  if (shape === 'garbage-cookie') headers.cookie = `sk_session=${garbage}; sk_csrf=${garbage}`;
  if (shape === 'garbage-bearer') headers.authorization = `Bearer ${garbage}`;
  for (const [name, value] of c.headers) {
    const present = headers[name];
    headers[name] = present === undefined ? value : [present, value].flat();
  }
  if (c.body?.contentType !== null && c.body?.contentType !== undefined)
    headers['content-type'] = c.body.contentType;
  if (c.body?.contentEncoding) headers['content-encoding'] = c.body.contentEncoding;
  return {
    method: c.method,
    path: `${new URL(world.base).pathname.replace(/\/$/, '')}${path}${c.query}`,
    headers,
    ...(c.body ? { body: c.body.bytes, chunked: c.body.chunked } : {}),
  };
}

/** A short, replayable description of a request for a failure report. */
export function describeRequest(request: RawRequest): string {
  const body = request.body;
  const shown =
    body === undefined
      ? ''
      : ` body(${body.length} bytes${request.chunked ? ', chunked' : ''})=${JSON.stringify(body.subarray(0, 200).toString('latin1'))}`;
  const headers = Object.entries(request.headers ?? {})
    .map(([k, v]) => `${k}: ${JSON.stringify(v).slice(0, 120)}`)
    .join('; ');
  return `${request.method} ${request.path.slice(0, 300)} [${headers}]${shown}`;
}
