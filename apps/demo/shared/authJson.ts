import type { Lifetime } from '@sessionkit/core/browser';

// The answers of the demo host's own `/auth` routes, written by its server and read by its panel. They are the
// host's, not the kit's (a host decides what its `/auth/me` says); the kit's answers are core's HTTP shapes.

/** Who is signed in, as `GET /auth/me` answers. */
export interface Identity {
  id: string;
  tenantId: string;
  name: string;
  email: string | null;
  role: string | null;
  department: string | null;
  superUser: boolean;
  sessionId: string;
  /** `dbip` when places come from DB-IP Lite, whose licence asks for a credit where they show. */
  geoAttribution: 'dbip' | null;
}

/** A signed-in person as `POST /auth/login` names them. */
export type LoginUser = Omit<Identity, 'sessionId' | 'geoAttribution'>;

/** `POST /auth/login` when it signs the person in. A refusal under `deny_new` is core's `LimitReachedBody`. */
export interface LoginAnswer {
  user: LoginUser;
  sessionId: string;
  rememberMe: boolean;
}

/** `GET /auth/options`: what the sign-in form may offer before anyone is signed in (the account's policy). */
export interface LoginOptions {
  /** Remember me is offered only when the policy allows it, with how long it keeps a person signed in. */
  rememberMe: { allowed: boolean; lifetime: Lifetime };
}
