/** What the login page says for each way a session ends (the kit's end reasons). */
export function signedOutMessage(
  reason: string,
  adminWords: string | null,
  until: Date | null = null,
): { title: string; detail: string } {
  switch (reason) {
    case 'session_suspended':
      return {
        title: adminWords
          ? `An administrator suspended your sessions: ${adminWords}`
          : 'An administrator suspended your sessions.',
        detail: `${
          until && !Number.isNaN(until.getTime())
            ? `Until ${until.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })}. `
            : ''
        }You are still signed in: once the suspension ends, continue where you left off without signing in again.`,
      };
    case 'force_logout':
      return {
        title: adminWords
          ? `An administrator signed you out: ${adminWords}`
          : 'An administrator signed you out.',
        detail:
          'Your account still works: sign in again, or ask your administrator if you expected to stay signed in.',
      };
    case 'idle_timeout':
      return {
        title: 'You were signed out after a period of inactivity.',
        detail: "Your organisation's session policy signs out sessions that have been idle for a while.",
      };
    case 'concurrency_limit':
      return {
        title: 'You were signed out because your account signed in on another device.',
        detail: 'Your organisation limits how many sessions one account can have at a time.',
      };
    case 'expired':
      return { title: 'Your session expired.', detail: 'Sign in again to continue.' };
    case 'password_changed':
      if (adminWords)
        return {
          title: `An administrator reset your password: ${adminWords}`,
          detail:
            'Sign in with the temporary password they give you, then choose your own on the Password page.',
        };
      return {
        title: 'Your password was changed, so this device was signed out.',
        detail: 'Sign in with your new password.',
      };
    case 'revoked':
    case 'revoked_others':
      return {
        title: 'This session was signed out from another device.',
        detail: "If that wasn't you, sign in and review your sessions.",
      };
    case 'user_deactivated':
      return {
        title: adminWords
          ? `An administrator deactivated your account: ${adminWords}`
          : 'Your account was deactivated.',
        detail: 'Ask your administrator for access.',
      };
    case 'logout':
      return { title: 'You signed out.', detail: 'See you soon.' };
    default:
      return { title: 'Your session ended.', detail: 'Sign in again to continue.' };
  }
}
