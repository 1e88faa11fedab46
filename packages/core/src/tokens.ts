import { createHash, randomBytes } from 'node:crypto';

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
