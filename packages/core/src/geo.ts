import type { Location } from './session.js';

/** IP → place. Answers null when it doesn't know; never throws for an unknown address. */
export interface GeoResolver {
  lookup(ip: string): Promise<Location | null>;
}

/** A place for addresses no public database can know: private, loopback, link-local. */
export const LOCAL_NETWORK: Location = {
  city: null,
  region: null,
  country: 'Local network',
  countryCode: null,
  isp: null,
  latitude: null,
  longitude: null,
  local: true,
};

/** Strips an IPv4-mapped IPv6 prefix (`::ffff:10.0.0.1`), as Node reports IPv4 peers on dual-stack sockets. */
export function normalizeIp(ip: string): string {
  const trimmed = ip.trim();
  return /^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(trimmed) ? trimmed.slice(7) : trimmed;
}

/** Private, loopback, link-local, CGNAT and unique-local ranges: places only "Local network". */
export function isPrivateIp(ip: string): boolean {
  const addr = normalizeIp(ip);
  const v4 = addr.match(/^(\d+)\.(\d+)\.(\d+)\.(\d+)$/);
  if (v4) {
    const [a, b] = [Number(v4[1]), Number(v4[2])];
    return (
      a === 10 ||
      a === 127 ||
      a === 0 ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 100 && b >= 64 && b <= 127)
    );
  }
  const lower = addr.toLowerCase();
  return (
    lower === '::1' || lower === '::' || /^f[cd][0-9a-f]{2}:/.test(lower) || /^fe[89ab][0-9a-f]:/.test(lower)
  );
}

/** Wraps a resolver so private ranges read "Local network" and lookups that fail read as unknown. */
export function withLocalNetwork(resolver: GeoResolver | null): GeoResolver {
  return {
    async lookup(ip) {
      if (isPrivateIp(ip)) return { ...LOCAL_NETWORK };
      if (!resolver) return null;
      try {
        return await resolver.lookup(normalizeIp(ip));
      } catch {
        // A broken geo database must not stop a login; the place is simply unknown.
        return null;
      }
    },
  };
}

/** Asks each resolver in turn and answers the first place found (DB-IP ships IPv4 and IPv6 as two files). */
export function firstPlace(...resolvers: GeoResolver[]): GeoResolver {
  return {
    async lookup(ip) {
      for (const resolver of resolvers) {
        const place = await resolver.lookup(ip);
        if (place) return place;
      }
      return null;
    },
  };
}
