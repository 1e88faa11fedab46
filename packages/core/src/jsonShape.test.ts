import { describe, expect, it } from 'vitest';
import { routeOf } from './httpRoutes.js';
import { HTTP_SHAPES } from './httpShapes.js';
import {
  arrayOf,
  date,
  nullable,
  object,
  optional,
  recordOf,
  reviveJson,
  shapeErrors,
  string,
} from './jsonShape.js';

interface Stamp {
  label: string;
  at: Date;
  seen: Date | null;
  note?: string;
  history: { at: Date }[];
}

const stamp = object<Stamp>({
  label: string,
  at: date,
  seen: nullable(date),
  note: optional(string),
  history: arrayOf(object<{ at: Date }>({ at: date })),
});

describe('reviveJson', () => {
  it('turns the dates the shape names into Dates, at any depth, and leaves other strings alone', () => {
    const json = JSON.parse(
      '{"label":"2026-01-01T00:00:00Z","at":"2026-01-02T03:04:05.000Z","seen":null,"history":[{"at":"2026-01-03T00:00:00Z"}]}',
    );
    const revived = reviveJson(stamp, json);
    expect(revived.label).toBe('2026-01-01T00:00:00Z');
    expect(revived.at).toEqual(new Date('2026-01-02T03:04:05.000Z'));
    expect(revived.seen).toBeNull();
    expect(revived.history[0]!.at).toEqual(new Date('2026-01-03T00:00:00Z'));
  });

  it('keeps what it cannot read as it came: a key a newer server added, a date that is not one', () => {
    const revived = reviveJson(stamp, {
      label: 'x',
      at: 'soon',
      seen: null,
      history: [],
      extra: '2026-01-01T00:00:00Z',
    });
    expect(revived).toEqual({
      label: 'x',
      at: 'soon',
      seen: null,
      history: [],
      extra: '2026-01-01T00:00:00Z',
    });
  });

  it('revives every value of a record of dates, and adds no key an answer left out', () => {
    const byDay = recordOf(date);
    expect(reviveJson(byDay, { a: '2026-01-01T00:00:00Z', b: null })).toEqual({
      a: new Date('2026-01-01T00:00:00Z'),
      b: null,
    });
    const revived = reviveJson(stamp, JSON.parse('{"label":"x","history":[]}'));
    expect(Object.keys(revived)).toEqual(['label', 'history']);
  });
});

describe('shapeErrors', () => {
  it('accepts an answer with every key of the right kind, an optional one left out', () => {
    expect(shapeErrors(stamp, { label: 'a', at: '2026-01-01T00:00:00Z', seen: null, history: [] })).toEqual(
      [],
    );
  });

  it('names each path that is missing, of the wrong kind, or not part of the shape', () => {
    expect(
      shapeErrors(stamp, {
        label: 4,
        seen: 'yesterday',
        history: [{ at: '2026-01-01T00:00:00Z' }, {}],
        tokenHash: 'abc',
      }),
    ).toEqual([
      'label: expected string, got 4',
      'at: missing',
      'seen: expected an ISO date, got "yesterday"',
      'history[1].at: missing',
      'tokenHash: not part of the shape',
    ]);
  });

  it('holds the session shape to a session with a location, risk and an owner', () => {
    const session = {
      id: 'ses_1',
      userId: 'u_1',
      tenantId: 't',
      kind: 'browser',
      client: {},
      device: {
        browser: null,
        browserVersion: null,
        os: null,
        osVersion: null,
        type: 'unknown',
        vendor: null,
        model: null,
        label: 'Unknown device',
      },
      ip: '10.0.0.1',
      lastIp: '10.0.0.1',
      location: null,
      createdAt: '2026-01-01T00:00:00.000Z',
      lastSeenAt: '2026-01-01T00:00:00.000Z',
      rememberMe: false,
      status: 'ended',
      endedAt: '2026-01-01T01:00:00.000Z',
      endReason: 'moon_phase',
      endedBy: null,
      endNote: null,
      activity: { actions: 0, lastPath: null },
      current: false,
      risk: [],
    };
    expect(shapeErrors(HTTP_SHAPES.ownSession, session)).toEqual([
      'endReason: expected one of logout, revoked, revoked_others, force_logout, idle_timeout, expired, concurrency_limit, password_changed, user_deactivated, got "moon_phase"',
    ]);
    expect(
      shapeErrors(HTTP_SHAPES.teamSession, { ...session, endReason: 'logout', endedByName: null }),
    ).toEqual(['user: missing']);
  });
});

describe('routeOf', () => {
  it('finds the route of a request below the mount point, a named segment before a parameter', () => {
    expect(routeOf('get', '/me/sessions?status=all')).toBe('GET /me/sessions');
    expect(routeOf('POST', '/me/sessions/revoke-others')).toBe('POST /me/sessions/revoke-others');
    expect(routeOf('DELETE', '/me/sessions/ses_1')).toBe('DELETE /me/sessions/:id');
    expect(routeOf('GET', '/admin/users/u_1/login-stats')).toBe('GET /admin/users/:userId/login-stats');
  });

  it('is null for a path that is not the kit’s, or a method the path does not take', () => {
    expect(routeOf('GET', '/people')).toBeNull();
    expect(routeOf('PATCH', '/policy')).toBeNull();
    expect(routeOf('GET', '/me/sessions/ses_1/extra')).toBeNull();
  });
});
