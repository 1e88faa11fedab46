// Counts the moments the signed-in person may have changed: a sign-in, a sign-out, a 401 from the kit. What
// the caller may do is kept per count, so an answer about one person never serves the next. Module state for
// the reason sessionEndMemory gives: the cookie belongs to the whole page, and the provider that hears the 401
// is not the one that keeps the answers.
let epoch = 0;

export function identityEpoch(): number {
  return epoch;
}

export function identityMayHaveChanged(): void {
  epoch += 1;
}
