import { createHash, createHmac, randomBytes } from 'node:crypto';

/** 256 random bits, base64url: the only thing a client holds. */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** SHA-256, hex. A fast hash is right here: the input is already 256 random bits, nothing to brute-force. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** A public id with a readable prefix (`ses_`, `app_`, `key_`…), 128 random bits, unrelated to any secret. */
export function newPublicId(prefix: string): string {
  return `${prefix}_${randomBytes(16).toString('base64url')}`;
}

export function newSessionId(): string {
  return newPublicId('ses');
}

/** A secret's last characters, enough for a person to tell two tokens apart. */
export function tokenPreview(secret: string): string {
  return `…${secret.slice(-4)}`;
}

/**
 * The secret a kit keeps for a credential the host issues itself (its own session id, a JWT's `sid` claim):
 * an HMAC under the server's key, labelled by purpose. Whoever reads the host's value (a session store's
 * documents, a decoded JWT) still can't present the kit's secret without the key, and one purpose's values
 * never open another's sessions.
 */
export function deriveSecret(key: string, purpose: string, ...parts: readonly string[]): string {
  return (
    createHmac('sha256', key)
      // JSON keeps the parts apart: no choice of ids makes two different lists read the same.
      .update(JSON.stringify([purpose, ...parts]), 'utf8')
      .digest('base64url')
  );
}

/** What an issued credential token is, told by its prefix: an API key or an authorized app's token. */
export type CredentialTokenKind = 'api_key' | 'app';

/**
 * The prefixes of the tokens the kit issues beside sessions. Session secrets carry none, so `authenticate`
 * tells a key from a session by looking, and a leaked token found in a log says what it is.
 */
export const CREDENTIAL_PREFIXES: Readonly<Record<CredentialTokenKind, string>> = {
  api_key: 'skk_',
  app: 'ska_',
};

// The prefix and this many characters of the secret: enough to tell keys apart in a list, 48 of 256 bits.
const VISIBLE_CHARS = 8;
const SECRET_CHARS = 43;

/**
 * A new API key or app token: 256 random bits behind its kind's prefix. Answers the token (shown once), its
 * hash (the only thing stored) and its visible start (what lists show).
 */
export function newCredentialToken(kind: CredentialTokenKind): {
  token: string;
  hash: string;
  prefix: string;
} {
  const token = `${CREDENTIAL_PREFIXES[kind]}${newSecret()}`;
  return { token, hash: hashSecret(token), prefix: visiblePrefix(token) };
}

/** A token's visible start: its prefix and the first characters of its secret. */
export function visiblePrefix(token: string): string {
  const kind = credentialKindOf(token);
  return kind ? token.slice(0, CREDENTIAL_PREFIXES[kind].length + VISIBLE_CHARS) : '';
}

/** The kind of a token the kit issued, from its form; null for anything else (a session secret). */
export function credentialKindOf(token: string): CredentialTokenKind | null {
  for (const kind of ['api_key', 'app'] as const) {
    const prefix = CREDENTIAL_PREFIXES[kind];
    if (
      token.length === prefix.length + SECRET_CHARS &&
      token.startsWith(prefix) &&
      /^[A-Za-z0-9_-]+$/.test(token.slice(prefix.length))
    )
      return kind;
  }
  return null;
}
