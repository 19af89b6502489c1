// Deterministic randomness for the demo seed: never Math.random or crypto, so the same seed and `now` give the
// same rows. sfc32 (128-bit state) rather than mulberry32 (32-bit state): every order gets its own stream
// seeded from (seed, stream, index), and with a 32-bit state a million streams would collide and repeat uuids.

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(a: number, b: number, c: number, d: number) {
    this.a = a >>> 0;
    this.b = b >>> 0;
    this.c = c >>> 0;
    this.d = d >>> 0;
    for (let i = 0; i < 15; i++) this.u32();
  }

  /** One sfc32 step: a uniformly distributed unsigned 32-bit integer. */
  u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** [0, 1) */
  next(): number {
    return this.u32() / 4294967296;
  }

  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** Real number in [min, max). */
  float(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** Picks a value by relative weight: [[value, weight], …]. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of entries) total += w;
    let r = this.next() * total;
    for (const [value, w] of entries) {
      r -= w;
      if (r < 0) return value;
    }
    return (entries[entries.length - 1] as readonly [T, number])[0];
  }

  /** `count` distinct items in random order. */
  sample<T>(items: readonly T[], count: number): T[] {
    const pool = items.slice();
    const out: T[] = [];
    while (out.length < count && pool.length > 0) {
      const i = Math.floor(this.next() * pool.length);
      out.push(pool[i] as T);
      pool.splice(i, 1);
    }
    return out;
  }

  hex(length: number): string {
    let s = "";
    while (s.length < length) s += hex8(this.u32());
    return s.length === length ? s : s.slice(0, length);
  }

  digits(length: number): string {
    let s = "";
    for (let i = 0; i < length; i++) s += String(Math.floor(this.next() * 10));
    return s;
  }

  /** Upper-case letters and digits, as in a UPS tracking number. */
  alnum(length: number): string {
    const chars = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789";
    let s = "";
    for (let i = 0; i < length; i++) s += chars[Math.floor(this.next() * chars.length)];
    return s;
  }

  /** A well-formed random (version 4, RFC 4122 variant) uuid drawn from this stream. */
  uuid(): string {
    const a = this.u32();
    const b = this.u32();
    const c = this.u32();
    const d = this.u32();
    const version = (b & 0xffff0fff) | 0x4000; // version nibble 4
    const variant = ((c & 0x3fffffff) | 0x80000000) >>> 0; // variant bits 10
    const h = hex8(version >>> 0);
    const v = hex8(variant);
    return `${hex8(a)}-${h.slice(0, 4)}-${h.slice(4)}-${v.slice(0, 4)}-${v.slice(4)}${hex8(d)}`;
  }
}

const byteHex = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

function hex8(x: number): string {
  return (byteHex[x >>> 24] as string) + (byteHex[(x >>> 16) & 255] as string) + (byteHex[(x >>> 8) & 255] as string) + (byteHex[x & 255] as string);
}

/** Independent streams: "users", "customers", "orders", … each indexed by a row number. */
export const streams = { main: 1, customer: 2, order: 3, placement: 4 } as const;

/** A stream that depends only on (seed, stream, index): generation does not depend on chunk sizes. */
export function streamRng(seed: number, stream: number, index: number): Rng {
  return new Rng(seed >>> 0, index >>> 0, Math.imul(stream, 0x9e3779b9) >>> 0, (0x5bd1e995 ^ stream) >>> 0);
}
