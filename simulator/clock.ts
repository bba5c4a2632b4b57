import type { SimClock } from './model.ts'

/** A clock that only moves when told to, for fake- and virtual-time runs. */
export class ManualClock implements SimClock {
  #now: number

  constructor(start = 0) {
    this.#now = start
  }

  now(): number {
    return this.#now
  }

  advance(ms: number): number {
    this.#now += ms
    return this.#now
  }

  set(ms: number): void {
    this.#now = ms
  }
}
