import { loadavg } from 'node:os';
import { num } from '../stats.js';

// How the soak writes its lines.

export const say = (line: string) => process.stdout.write(`${line}\n`);
export const mb = (bytes: number) => `${num(bytes / 1024 ** 2)} MB`;
/** The 1-minute load average: how busy the machine is with other work. */
export const load1 = () => num(loadavg()[0]!);
export const percent = (x: number) => (Number.isFinite(x) ? `${x >= 0 ? '+' : ''}${num(x * 100)} %` : '?');
