/** The failures a caller can't treat as an ordinary outcome. The server maps each code to one HTTP status. */
export type SessionKitErrorCode =
  | 'invalid_input'
  | 'not_found'
  /** Something that existed and no longer may be used: a one-use link used or expired. */
  | 'gone'
  | 'forbidden'
  | 'unauthenticated'
  | 'limit_reached'
  | 'store_unavailable'
  | 'misconfigured';

export class SessionKitError extends Error {
  override readonly name = 'SessionKitError';
  readonly code: SessionKitErrorCode;
  /** The input field at fault, for `invalid_input`. */
  readonly field: string | undefined;

  constructor(code: SessionKitErrorCode, message: string, options: { field?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.field = options.field;
  }
}

export function isSessionKitError(error: unknown, code?: SessionKitErrorCode): error is SessionKitError {
  return error instanceof SessionKitError && (code === undefined || error.code === code);
}
