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
