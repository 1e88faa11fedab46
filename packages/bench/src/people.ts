import type { DirectoryUser } from '@sessionkit/core';

/** The one tenant of every bench store. */
export const TENANT = 'default';
/** The person whose `GET /me` the hot path measures. */
export const BENCH_USER = 'u-bench';
/** The administrator who opens the admin views and forces logouts. */
export const ADMIN_USER = 'u-admin';
/** The person the admin phase gives 50 sessions and then forces out: in the directory, or the kit answers 404. */
export const FORCE_USER = 'u-force';

const pad = (i: number) => String(i).padStart(6, '0');

export function personId(i: number): string {
  return `u${pad(i)}`;
}

/** Fixed width, so searching one person's name matches that person alone. */
export function personName(i: number): string {
  return `Person ${pad(i)}`;
}

const DEPARTMENTS = ['Sales', 'Support', 'Engineering', 'Finance', 'Marketing', 'Operations'];

/** `count` numbered people, the bench user, the administrator and the person forced out. */
export function directoryUsers(count: number): DirectoryUser[] {
  const users: DirectoryUser[] = [
    { id: BENCH_USER, tenantId: TENANT, name: 'Bench User', email: 'bench@example.com', role: 'member' },
    {
      id: ADMIN_USER,
      tenantId: TENANT,
      name: 'Bench Admin',
      email: 'admin@example.com',
      role: 'admin',
      superUser: true,
    },
    { id: FORCE_USER, tenantId: TENANT, name: 'Forced Out', email: 'forced@example.com', role: 'member' },
  ];
  for (let i = 0; i < count; i++) {
    users.push({
      id: personId(i),
      tenantId: TENANT,
      name: personName(i),
      email: `person${pad(i)}@example.com`,
      role: 'member',
      department: DEPARTMENTS[i % DEPARTMENTS.length]!,
      superUser: false,
    });
  }
  return users;
}

export const USER_AGENTS = [
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0',
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36',
];

/** A public address per index (documentation ranges), so no two seeded sessions look alike. */
export function ipOf(i: number): string {
  return `198.51.${(i >> 8) & 255}.${i & 255}`;
}
