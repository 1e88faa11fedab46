/** A session as the 409 of a refused login lists it (the kit's public session, dates as strings). */
export interface PublicSessionJson {
  id: string;
  kind: string;
  device: { label: string; browser: string | null; os: string | null };
  ip: string;
  location: { city: string | null; country: string | null; local: boolean } | null;
  createdAt: string;
  lastSeenAt: string;
}
