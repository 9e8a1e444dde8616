// The fault tests' random choices (kill instants, which records to fault) come from one seeded
// generator, so a failing run can be replayed: every test logs its seed, FAULTS_SEED=<n> reuses it.
// (Not PARTNER_SYNC_…: the CLI refuses unknown variables with that prefix.)

import { mulberry32 } from "../../../src/mulberry32.js";

export interface Prng {
  readonly seed: number;
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [min, max]. */
  int(min: number, max: number): number;
}

/** Kill instants and faulted records from one replayable generator. */
export function createPrng(seed: number): Prng {
  const next = mulberry32(seed);
  return { seed: seed >>> 0, next, int: (min, max) => min + Math.floor(next() * (max - min + 1)) };
}

/** FAULTS_SEED when set (replay), else a fresh one; logged either way. */
export function seedFromEnv(label: string): number {
  const given = process.env.FAULTS_SEED;
  const seed = given !== undefined && /^\d+$/.test(given) ? Number(given) >>> 0 : (Date.now() ^ (process.pid << 16)) >>> 0;
  console.log(`[faults] ${label}: seed ${seed} (replay with FAULTS_SEED=${seed})`);
  return seed;
}
