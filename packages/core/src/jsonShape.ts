// A small description of a JSON answer, written once per shape of the HTTP API: the UI revives its dates from
// it, the contract tests check answers against it, and `object<T>()` makes the compiler hold it to the
// TypeScript type it describes (every key, the right kind), so a type, a parser and a check can't drift apart.

type Node =
  | { kind: 'string' | 'number' | 'boolean' | 'date' | 'scalar' }
  | { kind: 'oneOf'; values: readonly string[] }
  | { kind: 'nullable' | 'optional' | 'array' | 'record'; of: Node }
  | { kind: 'object'; fields: Readonly<Record<string, Node>> };

/**
 * The description of a JSON value whose in-memory form is `T`; dates travel as ISO strings and are `Date`s in
 * `T`. Invariant in `T`, so `object<T>()` accepts only a description of exactly `T`.
 */
export interface Shape<T> {
  readonly description: Node;
  /** Never set: it carries `T` for the compiler. */
  readonly type?: (value: T) => T;
}

/** A key that may be missing (`key?: T`). Only `object()` accepts it. */
export interface OptionalShape<T> {
  readonly optional: Shape<T>;
}

const shape = <T>(description: Node): Shape<T> => ({ description });

export const string: Shape<string> = shape({ kind: 'string' });
export const number: Shape<number> = shape({ kind: 'number' });
export const boolean: Shape<boolean> = shape({ kind: 'boolean' });
/** An instant: an ISO 8601 string on the wire, a `Date` once revived. */
export const date: Shape<Date> = shape({ kind: 'date' });
/** Any JSON scalar, as in the small `details` of an audit event. */
export const scalar: Shape<string | number | boolean | null> = shape({ kind: 'scalar' });

export function oneOf<const V extends string>(values: readonly V[]): Shape<V> {
  return shape({ kind: 'oneOf', values });
}

export function nullable<T>(of: Shape<T>): Shape<T | null> {
  return shape({ kind: 'nullable', of: of.description });
}

export function optional<T>(of: Shape<T>): OptionalShape<T> {
  return { optional: of };
}

export function arrayOf<T>(of: Shape<T>): Shape<T[]> {
  return shape({ kind: 'array', of: of.description });
}

/** An object with keys of its own choosing, all holding values of one shape. */
export function recordOf<T>(of: Shape<T>): Shape<Record<string, T>> {
  return shape({ kind: 'record', of: of.description });
}

/** The shape of each key of `T`: required keys take a `Shape`, optional ones an `optional(…)`. */
export type Fields<T> = {
  [K in keyof T]-?: object extends Pick<T, K> ? OptionalShape<Exclude<T[K], undefined>> : Shape<T[K]>;
};

export function object<T>(fields: Fields<T>): Shape<T> {
  const nodes: Record<string, Node> = {};
  for (const [key, field] of Object.entries(
    fields as Record<string, Shape<unknown> | OptionalShape<unknown>>,
  )) {
    nodes[key] =
      'optional' in field ? { kind: 'optional', of: field.optional.description } : field.description;
  }
  return shape({ kind: 'object', fields: nodes });
}

/** `T` as JSON carries it: dates as ISO strings. */
export type Json<T> = T extends Date
  ? string
  : T extends readonly (infer I)[]
    ? Json<I>[]
    : T extends object
      ? { [K in keyof T]: Json<T[K]> }
      : T;

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Turns the ISO strings where `shape` has dates into `Date`s, in place: a body just parsed belongs to its
 * reader, and copying a thousand sessions again would only feed the garbage collector. Anything the shape
 * doesn't describe is left as it came, so an answer from a newer server still reads.
 */
export function reviveJson<T>(shape: Shape<T>, json: unknown): T {
  return revive(shape.description, json) as T;
}

function revive(node: Node, value: unknown): unknown {
  switch (node.kind) {
    case 'date':
      return typeof value === 'string' && ISO_INSTANT.test(value) ? new Date(value) : value;
    case 'nullable':
    case 'optional':
      return value === null || value === undefined ? value : revive(node.of, value);
    case 'array':
      if (Array.isArray(value)) for (let i = 0; i < value.length; i++) value[i] = revive(node.of, value[i]);
      return value;
    case 'record':
      if (!isPlainObject(value) || !hasDates(node.of)) return value;
      for (const key of Object.keys(value)) value[key] = revive(node.of, value[key]);
      return value;
    case 'object':
      if (!isPlainObject(value)) return value;
      // Only the fields that can hold a date, not every key of every record: a list of a thousand sessions
      // has twenty keys a record and two dates.
      for (const [key, field] of datedFields(node)) {
        if (Object.prototype.hasOwnProperty.call(value, key)) value[key] = revive(field, value[key]);
      }
      return value;
    default:
      return value;
  }
}

const withDates = new WeakMap<Node, boolean>();
const datedFieldsOf = new WeakMap<Node, [string, Node][]>();

function datedFields(node: Extract<Node, { kind: 'object' }>): [string, Node][] {
  let fields = datedFieldsOf.get(node);
  if (!fields) {
    fields = Object.entries(node.fields).filter(([, field]) => hasDates(field));
    datedFieldsOf.set(node, fields);
  }
  return fields;
}

function hasDates(node: Node): boolean {
  let known = withDates.get(node);
  if (known === undefined) {
    known =
      node.kind === 'date' ||
      ('of' in node && hasDates(node.of)) ||
      (node.kind === 'object' && Object.values(node.fields).some(hasDates));
    withDates.set(node, known);
  }
  return known;
}

/**
 * Where a JSON value (as it arrived, dates as strings) departs from `shape`: a missing key, a value of the
 * wrong kind, a key the shape doesn't know (an answer must not carry more than it says, such as a token
 * hash). Each entry names the path, e.g. `items[2].location.city: expected string or null, got 4`.
 */
export function shapeErrors<T>(shape: Shape<T>, json: unknown): string[] {
  const errors: string[] = [];
  check(shape.description, json, '', errors);
  return errors;
}

function check(node: Node, value: unknown, path: string, errors: string[]): void {
  const fail = (expected: string) =>
    errors.push(`${path || '(answer)'}: expected ${expected}, got ${JSON.stringify(value) ?? 'nothing'}`);
  switch (node.kind) {
    case 'string':
    case 'number':
    case 'boolean':
      if (typeof value !== node.kind) fail(node.kind);
      return;
    case 'date':
      if (typeof value !== 'string' || !ISO_INSTANT.test(value) || Number.isNaN(Date.parse(value)))
        fail('an ISO date');
      return;
    case 'scalar':
      if (value !== null && !['string', 'number', 'boolean'].includes(typeof value)) fail('a scalar');
      return;
    case 'oneOf':
      if (typeof value !== 'string' || !node.values.includes(value)) fail(`one of ${node.values.join(', ')}`);
      return;
    case 'nullable':
      if (value !== null) check(node.of, value, path, errors);
      return;
    case 'optional':
      if (value !== undefined) check(node.of, value, path, errors);
      return;
    case 'array':
      if (!Array.isArray(value)) return void fail('an array');
      value.forEach((item, i) => check(node.of, item, `${path}[${i}]`, errors));
      return;
    case 'record':
      if (!isPlainObject(value)) return void fail('an object');
      for (const [key, item] of Object.entries(value)) check(node.of, item, join(path, key), errors);
      return;
    case 'object': {
      if (!isPlainObject(value)) return void fail('an object');
      for (const [key, field] of Object.entries(node.fields)) {
        if (!(key in value) && field.kind !== 'optional') errors.push(`${join(path, key)}: missing`);
        else check(field, value[key], join(path, key), errors);
      }
      for (const key of Object.keys(value)) {
        if (!(key in node.fields)) errors.push(`${join(path, key)}: not part of the shape`);
      }
    }
  }
}

const join = (path: string, key: string) => (path ? `${path}.${key}` : key);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
