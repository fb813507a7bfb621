// A small seeded pseudo-random generator for the demo portfolio. Math.random cannot be seeded, and
// the demo must come out identical for the same seed (tests, benchmarks, re-loads). Each customer
// and each invoice gets its own stream derived from (seed, kind, index), so any one of them can be
// regenerated without replaying everything before it — which is what keeps generation lazy.

import { fnv1a } from '../shared/fnv1a.ts';

/** sfc32 (Chris Doty-Humphrey's Small Fast Counter): fast, good statistics, integer-only state. */
export class Prng {
  #a: number;
  #b: number;
  #c: number;
  #d = 1;

  constructor(seed: string | number, ...stream: Array<string | number>) {
    // the seed and the stream's name hashed: nearby seeds and indexes spread apart
    const key = [seed, ...stream].join('\u0000');
    this.#a = fnv1a(key);
    this.#b = fnv1a(`b${key}`);
    this.#c = fnv1a(`c${key}`);
    // the first outputs of a fresh state are correlated with the seed: discard them
    for (let i = 0; i < 12; i++) this.next();
  }

  /** The next 32-bit unsigned integer. */
  next(): number {
    const t = (((this.#a + this.#b) | 0) + this.#d) | 0;
    this.#d = (this.#d + 1) | 0;
    this.#a = this.#b ^ (this.#b >>> 9);
    this.#b = (this.#c + (this.#c << 3)) | 0;
    this.#c = (this.#c << 21) | (this.#c >>> 11);
    this.#c = (this.#c + t) | 0;
    return t >>> 0;
  }

  /** An integer in [lo, hi], both inclusive. */
  int(lo: number, hi: number): number {
    return lo + Math.floor((this.next() / 0x1_0000_0000) * (hi - lo + 1));
  }

  /** True with probability `percent`/100 (whole percents keep the decision integer-exact). */
  chance(percent: number): boolean {
    return this.int(0, 9999) < percent * 100;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[this.int(0, items.length - 1)]!;
  }

  /** One of `choices`, each as likely as its integer weight. */
  weighted<T>(choices: ReadonlyArray<readonly [T, number]>): T {
    const total = choices.reduce((sum, [, weight]) => sum + weight, 0);
    let roll = this.int(0, total - 1);
    for (const [value, weight] of choices) {
      if (roll < weight) return value;
      roll -= weight;
    }
    return choices[choices.length - 1]![0];
  }

  /** `count` characters drawn from `alphabet`. */
  chars(alphabet: string, count: number): string {
    let out = '';
    for (let i = 0; i < count; i++) out += alphabet[this.int(0, alphabet.length - 1)];
    return out;
  }

  digits(count: number): string {
    return this.chars('0123456789', count);
  }
}
