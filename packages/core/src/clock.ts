/** Where every "now" in the kit comes from, so tests move time instead of sleeping. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock tests drive by hand. */
export class ManualClock implements Clock {
  #ms: number;

  constructor(start: Date | string | number = '2026-01-15T09:00:00.000Z') {
    this.#ms = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.#ms);
  }

  advance(ms: number): this {
    this.#ms += ms;
    return this;
  }

  set(at: Date | string | number): this {
    this.#ms = new Date(at).getTime();
    return this;
  }
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
