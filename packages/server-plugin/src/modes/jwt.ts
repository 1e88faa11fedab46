import type { ClientInfo, IssueResult, Session, SessionKind, Validation } from '@sessionkit/core';
import { SessionKitError, deriveSecret, hashSecret, newSecret } from '@sessionkit/core';
import type { Request, RequestHandler } from 'express';
import {
  sendError,
  sendSessionEnded,
  sendSessionSuspended,
  sendUnauthenticated,
} from '../http/errorResponses.js';
import type { ModeDeps } from './modeRequest.js';
import { AdoptionTurns, alreadyKnown, check, enter, failed } from './modeRequest.js';

/** What `kit.jwt.issue` takes: the person signing in, as for `kit.issueSession`. */
export interface JwtIssueInput {
  userId: string;
  /** Default: the kit's `defaultTenantId`. */
  tenantId?: string;
  /** Granted only when the policy allows it: the session may then outlive the policy's `standardLifetime`. */
  rememberMe?: boolean;
  /** Default `browser`. */
  kind?: SessionKind;
  client?: ClientInfo;
  /** Under `deny_new`: the session the person chose to give up for this one. */
  replaceSessionId?: string;
}

export type JwtIssueResult =
  | {
      status: 'issued';
      /** Put this in the token's `sid` claim (every token of the session: refreshed ones copy it). */
      sid: string;
      session: Session;
      evicted: Session[];
    }
  | Extract<IssueResult, { status: 'limit_reached' }>;

export interface JwtAuthenticateOptions {
  /**
   * Checks the token's signature and expiry with the host's own JWT library and answers its claims; throws
   * (or answers null) for a token it refuses. The kit reads only the claims this returns.
   */
  verify: (token: string, req: Request) => unknown;
  /** The claim that carries the session's `sid`. Default `sid`. */
  sessionClaim?: string;
  /** Where the token travels. Default: the `Authorization: Bearer` header. */
  tokenOf?: (req: Request) => string | null | undefined;
  /**
   * Tokens signed before the kit was installed have no `sid`: with this, one whose `iat` is before
   * `issuedBefore` becomes a session on its first request, keyed by the token itself. Set it to the moment
   * of the deploy; it stops mattering once the longest-lived older token has expired.
   */
  adopt?: {
    issuedBefore: Date;
    /** Default: the `sub` claim. */
    userOf?: (claims: Record<string, unknown>) => string | null | undefined;
    /** Default: the kit's `defaultTenantId`. */
    tenantOf?: (claims: Record<string, unknown>) => string;
  };
}

export interface JwtMode {
  /** Opens a kit session at the host's login: put the answer's `sid` in the tokens it signs. */
  issue(req: Request, input: JwtIssueInput): Promise<JwtIssueResult>;
  /**
   * Accepts the host's JWT: `verify` checks it, then one store read finds its session (401 `session_ended`
   * with the reason once the kit has ended it) and the request counts as activity.
   */
  authenticate(options: JwtAuthenticateOptions): RequestHandler;
}

const MAX_TOKEN_LENGTH = 16 * 1024;

/** The kit's secret for a JWT session: keyed by the server key, so the `sid` a decoded token shows opens nothing. */
function sidSecret(key: string, sid: string): string {
  return deriveSecret(key, 'sessionkit/jwt', sid);
}

export function createJwtMode(
  deps: ModeDeps,
  issue: (req: Request, input: JwtIssueInput & { tenantId: string; secret: string }) => Promise<IssueResult>,
): JwtMode {
  const turns = new AdoptionTurns();
  return {
    async issue(req, input) {
      if (typeof input !== 'object' || input === null)
        throw new SessionKitError('invalid_input', 'pass the person signing in', { field: 'input' });
      const sid = newSecret();
      const tenantId = input.tenantId ?? deps.defaultTenantId;
      const result = await issue(req, { ...input, tenantId, secret: sidSecret(deps.csrfSecret, sid) });
      if (result.status !== 'issued') return result;
      return { status: 'issued', sid, session: result.session, evicted: result.evicted };
    },

    authenticate(options) {
      const settings = checkJwtOptions(options);
      return async (req, res, next) => {
        if (alreadyKnown(deps, req)) return next();
        let claims: Record<string, unknown> | null;
        let token: string | null | undefined;
        try {
          token = settings.tokenOf(req);
        } catch (error) {
          return next(error);
        }
        if (typeof token !== 'string' || token.length === 0) return sendUnauthenticated(res);
        if (token.length > MAX_TOKEN_LENGTH) return invalidToken(res);
        try {
          const verified: unknown = await settings.verify(token, req);
          claims =
            typeof verified === 'object' && verified !== null ? (verified as Record<string, unknown>) : null;
        } catch {
          // The host's library said no (bad signature, expired, malformed): its reasons stay on the server.
          claims = null;
        }
        if (!claims) return invalidToken(res);
        const sid = claims[settings.sessionClaim];
        let validation: Validation | IssueResult;
        try {
          if (typeof sid === 'string' && sid.length > 0 && sid.length <= 512) {
            validation = await check(deps, req, hashSecret(sidSecret(deps.csrfSecret, sid)));
          } else if (
            sid === undefined &&
            settings.adopt &&
            issuedBefore(claims, settings.adopt.issuedBefore)
          ) {
            validation = await adoptToken(req, token, claims, settings.adopt);
          } else {
            return sendError(res, 401, {
              error: 'unauthenticated',
              message: `the token carries no session: sign in again (claim ${settings.sessionClaim})`,
              field: settings.sessionClaim,
            });
          }
        } catch (error) {
          return failed(res, next, error);
        }
        if (validation.status === 'limit_reached') return sendError(res, 409, limitBody(validation));
        if (validation.status === 'ended') return sendSessionEnded(res, validation.reason, validation.note);
        if (validation.status === 'suspended')
          return sendSessionSuspended(res, validation.reason, validation.until);
        if (validation.status !== 'active') return sendUnauthenticated(res);
        try {
          await enter(deps, req, validation.session, validation.policy, 'jwt');
        } catch (error) {
          return failed(res, next, error);
        }
        next();
      };
    },
  };

  async function adoptToken(
    req: Request,
    token: string,
    claims: Record<string, unknown>,
    adopt: NonNullable<JwtAuthenticateOptions['adopt']>,
  ): Promise<Validation | IssueResult> {
    const userId = (adopt.userOf ?? ((c) => c.sub as string | undefined))(claims);
    if (typeof userId !== 'string' || userId.length === 0) return { status: 'unknown' };
    const tenantId = adopt.tenantOf ? adopt.tenantOf(claims) : deps.defaultTenantId;
    const secret = deriveSecret(deps.csrfSecret, 'sessionkit/jwt-token', tenantId, userId, token);
    const tokenHash = hashSecret(secret);
    const found = await check(deps, req, tokenHash);
    if (found.status !== 'unknown') return found;
    return turns.run(tokenHash, async () => {
      const again = await check(deps, req, tokenHash);
      if (again.status !== 'unknown') return again;
      const issued = await issue(req, { userId, tenantId, secret });
      return issued.status === 'issued' ? check(deps, req, tokenHash) : issued;
    });
  }
}

function limitBody(result: Extract<IssueResult, { status: 'limit_reached' }>) {
  return {
    error: 'limit_reached',
    message: `this account may have at most ${result.max} active sessions; sign in again to choose one to end`,
    max: result.max,
  };
}

function invalidToken(res: Parameters<RequestHandler>[1]): void {
  sendError(res, 401, { error: 'unauthenticated', message: 'the bearer token is not valid' });
}

function issuedBefore(claims: Record<string, unknown>, cutoff: Date): boolean {
  return typeof claims.iat === 'number' && claims.iat * 1000 < cutoff.getTime();
}

function bearer(req: Request): string | null {
  const match = /^Bearer[ ]+([^\s]+)\s*$/i.exec(req.headers.authorization ?? '');
  return match?.[1] ?? null;
}

function checkJwtOptions(options: JwtAuthenticateOptions) {
  const misconfigured = (option: string, message: string): never => {
    throw new SessionKitError('misconfigured', `kit.jwt.authenticate(): \`${option}\` ${message}`);
  };
  if (typeof options !== 'object' || options === null) misconfigured('options', 'must be an object');
  if (typeof options.verify !== 'function')
    misconfigured('verify', "is required: (token) => claims, checking the signature with the host's key");
  const sessionClaim = options.sessionClaim ?? 'sid';
  if (typeof sessionClaim !== 'string' || sessionClaim.length === 0)
    misconfigured('sessionClaim', 'must be a claim name');
  if (options.tokenOf !== undefined && typeof options.tokenOf !== 'function')
    misconfigured('tokenOf', 'must be a function of the request');
  const adopt = options.adopt;
  if (adopt !== undefined) {
    if (typeof adopt !== 'object' || adopt === null) misconfigured('adopt', 'must be an object');
    if (!(adopt.issuedBefore instanceof Date) || Number.isNaN(adopt.issuedBefore.getTime()))
      misconfigured('adopt.issuedBefore', 'must be a valid Date (the moment the kit was deployed)');
    for (const name of ['userOf', 'tenantOf'] as const) {
      if (adopt[name] !== undefined && typeof adopt[name] !== 'function')
        misconfigured(`adopt.${name}`, 'must be a function of the claims');
    }
  }
  return { verify: options.verify, sessionClaim, tokenOf: options.tokenOf ?? bearer, adopt };
}
