import type { Response } from 'maxmind';
import { Reader } from 'maxmind';
import { readFile } from 'node:fs/promises';
import type { GeoResolver } from './geo.js';
import type { Location } from './session.js';

type Names = { names?: Record<string, string> };

/** The two record shapes the resolver understands: MaxMind GeoIP2/GeoLite2 and DB-IP Lite (flat). */
interface MmdbRecord {
  city?: Names | string;
  country?: Names & { iso_code?: string };
  subdivisions?: Names[];
  location?: { latitude?: number; longitude?: number };
  traits?: { isp?: string; organization?: string };
  country_code?: string;
  state1?: string;
  latitude?: number;
  longitude?: number;
  isp?: string;
}

/**
 * Places from an MMDB file read fully into memory (one lookup is then a few microseconds, no I/O).
 * The data is the host's to supply: for example DB-IP Lite City (CC BY 4.0, credit DB-IP.com), whose
 * npm package is far too large to be a dependency of the kit.
 */
export class MmdbGeoResolver implements GeoResolver {
  // maxmind's types know only MaxMind's shapes; DB-IP's flat records are read through MmdbRecord.
  readonly #reader: Reader<Response>;
  readonly #locale: string;

  constructor(database: Buffer, options: { locale?: string } = {}) {
    this.#reader = new Reader<Response>(database);
    this.#locale = options.locale ?? 'en';
  }

  /** Opens an `.mmdb` file. */
  static async open(path: string, options: { locale?: string } = {}): Promise<MmdbGeoResolver> {
    return new MmdbGeoResolver(await readFile(path), options);
  }

  async lookup(ip: string): Promise<Location | null> {
    let record: MmdbRecord | null;
    try {
      record = this.#reader.get(ip) as MmdbRecord | null;
    } catch {
      return null; // not an IP address
    }
    return record ? toLocation(record, this.#locale) : null;
  }
}

export function toLocation(record: MmdbRecord, locale = 'en'): Location | null {
  const countryCode = record.country?.iso_code ?? record.country_code ?? null;
  const city = typeof record.city === 'string' ? record.city : pickName(record.city, locale);
  const region = record.state1 ?? pickName(record.subdivisions?.[0], locale);
  const country = pickName(record.country, locale) ?? (countryCode ? countryName(countryCode, locale) : null);
  if (!city && !country) return null;
  return {
    city: city ?? null,
    region: region ?? null,
    country: country ?? null,
    countryCode,
    isp: record.traits?.isp ?? record.traits?.organization ?? record.isp ?? null,
    latitude: record.location?.latitude ?? record.latitude ?? null,
    longitude: record.location?.longitude ?? record.longitude ?? null,
    local: false,
  };
}

function pickName(value: Names | undefined, locale: string): string | undefined {
  return value?.names?.[locale] ?? value?.names?.en;
}

function countryName(code: string, locale: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}
