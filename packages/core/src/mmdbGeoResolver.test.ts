import { describe, expect, it } from 'vitest';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MmdbGeoResolver, toLocation } from './mmdbGeoResolver.js';

// A minimal MaxMind DB writer (IPv4 tree, 24-bit records), enough to build real files for the reader:
// no geo data package is a dependency of core, and no test should need the 129 MB one.
type Value = string | number | { [k: string]: Value } | Value[];

function encode(value: Value): Buffer {
  const control = (type: number, size: number) => {
    if (size >= 29) throw new Error('fixture values must stay small');
    return type <= 7 ? Buffer.from([(type << 5) | size]) : Buffer.from([size, type - 7]);
  };
  if (typeof value === 'string') {
    const bytes = Buffer.from(value, 'utf8');
    return Buffer.concat([control(2, bytes.length), bytes]);
  }
  if (typeof value === 'number') {
    if (Number.isInteger(value) && value >= 0 && value < 2 ** 32) {
      const bytes = Buffer.alloc(4);
      bytes.writeUInt32BE(value);
      return Buffer.concat([control(6, 4), bytes]);
    }
    const bytes = Buffer.alloc(8);
    bytes.writeDoubleBE(value);
    return Buffer.concat([control(3, 8), bytes]);
  }
  if (Array.isArray(value)) return Buffer.concat([control(11, value.length), ...value.map(encode)]);
  const entries = Object.entries(value);
  return Buffer.concat([control(7, entries.length), ...entries.flatMap(([k, v]) => [encode(k), encode(v)])]);
}

function buildMmdb(records: { cidr: string; data: Record<string, Value> }[]): Buffer {
  const EMPTY = -1;
  const nodes: [number, number][] = [[EMPTY, EMPTY]];
  const data: Buffer[] = [];
  const dataRefs: number[] = [];
  let dataSize = 0;
  for (const { cidr, data: record } of records) {
    const [ip = '', bits = '32'] = cidr.split('/');
    const n = ip.split('.').reduce((acc, part) => acc * 256 + Number(part), 0);
    const encoded = encode(record);
    dataRefs.push(dataSize);
    data.push(encoded);
    dataSize += encoded.length;
    let node = 0;
    const depth = Number(bits);
    for (let i = 0; i < depth; i++) {
      const bit = (Math.floor(n / 2 ** (31 - i)) % 2) as 0 | 1;
      const current = nodes[node]!;
      if (i === depth - 1) {
        current[bit] = -2 - (dataRefs.length - 1); // a data marker, resolved below
      } else {
        if (current[bit] === EMPTY) {
          nodes.push([EMPTY, EMPTY]);
          current[bit] = nodes.length - 1;
        }
        node = current[bit];
      }
    }
  }
  const count = nodes.length;
  const resolve = (r: number) => (r === EMPTY ? count : r <= -2 ? count + 16 + dataRefs[-2 - r]! : r);
  const tree = Buffer.alloc(count * 6);
  nodes.forEach(([l, r], i) => {
    tree.writeUIntBE(resolve(l), i * 6, 3);
    tree.writeUIntBE(resolve(r), i * 6 + 3, 3);
  });
  const u16 = (v: number) => Buffer.concat([Buffer.from([(5 << 5) | 2]), Buffer.from([v >> 8, v & 255])]);
  const metadata = Buffer.concat([
    Buffer.from([(7 << 5) | 8]),
    encode('node_count'),
    encode(count),
    encode('record_size'),
    u16(24),
    encode('ip_version'),
    u16(4),
    encode('database_type'),
    encode('Test-City'),
    encode('languages'),
    encode(['en']),
    encode('binary_format_major_version'),
    u16(2),
    encode('binary_format_minor_version'),
    u16(0),
    encode('build_epoch'),
    encode(1_700_000_000),
  ]);
  return Buffer.concat([
    tree,
    Buffer.alloc(16),
    ...data,
    Buffer.from([0xab, 0xcd, 0xef]),
    Buffer.from('MaxMind.com'),
    metadata,
  ]);
}

describe('MmdbGeoResolver', () => {
  const db = buildMmdb([
    {
      cidr: '81.2.69.0/24',
      data: {
        city: { names: { en: 'London', de: 'London' } },
        country: { iso_code: 'GB', names: { en: 'United Kingdom', de: 'Vereinigtes Königreich' } },
        subdivisions: [{ names: { en: 'England' } }],
        location: { latitude: 51.5142, longitude: -0.0931 },
        traits: { isp: 'Andrews & Arnold' },
      },
    },
    {
      cidr: '8.8.8.0/24',
      data: {
        city: 'Mountain View',
        country_code: 'US',
        state1: 'California',
        latitude: 37.386,
        longitude: -122.0838,
      },
    },
  ]);

  it('reads GeoIP2-shaped records', async () => {
    expect(await new MmdbGeoResolver(db).lookup('81.2.69.142')).toEqual({
      city: 'London',
      region: 'England',
      country: 'United Kingdom',
      countryCode: 'GB',
      isp: 'Andrews & Arnold',
      latitude: 51.5142,
      longitude: -0.0931,
      local: false,
    });
  });

  it('reads DB-IP Lite flat records and names the country from its code', async () => {
    expect(await new MmdbGeoResolver(db).lookup('8.8.8.8')).toEqual({
      city: 'Mountain View',
      region: 'California',
      country: 'United States',
      countryCode: 'US',
      isp: null,
      latitude: 37.386,
      longitude: -122.0838,
      local: false,
    });
  });

  it('uses the requested language where the database has it', async () => {
    expect((await new MmdbGeoResolver(db, { locale: 'de' }).lookup('81.2.69.1'))?.country).toBe(
      'Vereinigtes Königreich',
    );
    expect((await new MmdbGeoResolver(db, { locale: 'fr' }).lookup('8.8.8.8'))?.country).toBe('États-Unis');
  });

  it('answers null for an address it does not know or text that is not an address', async () => {
    const resolver = new MmdbGeoResolver(db);
    expect(await resolver.lookup('1.1.1.1')).toBeNull();
    expect(await resolver.lookup('not-an-ip')).toBeNull();
  });

  it('opens a database file from disk', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sk-mmdb-'));
    await writeFile(join(dir, 'test.mmdb'), db);
    const resolver = await MmdbGeoResolver.open(join(dir, 'test.mmdb'));
    expect((await resolver.lookup('81.2.69.142'))?.city).toBe('London');
  });

  it('has no place for a record without city or country', () => {
    expect(toLocation({ location: { latitude: 1, longitude: 2 } })).toBeNull();
    expect(toLocation({ country_code: 'FR' })?.country).toBe('France');
  });
});
