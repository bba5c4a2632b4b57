// Kondado's two rolling windows, counting accepted requests only.

export interface RateLimitOptions {
  perSecond: number
  perMinute: number
}

export class RateLimiter {
  readonly #limits: RateLimitOptions
  #accepted: number[] = []

  constructor(limits: RateLimitOptions) {
    this.#limits = limits
  }

  /** Records the request and returns true if it is allowed at `now`, else false (and records nothing). */
  tryAccept(now: number): boolean {
    this.#accepted = this.#accepted.filter((t) => now - t < 60_000)
    const lastSecond = this.#accepted.filter((t) => now - t < 1_000).length
    if (lastSecond >= this.#limits.perSecond || this.#accepted.length >= this.#limits.perMinute) return false
    this.#accepted.push(now)
    return true
  }
}
