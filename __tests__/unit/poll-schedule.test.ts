import { describe, test, expect } from '@jest/globals'
import { JITTER, pollInterval, startConfirmInterval, RELATIVE_INTERVAL } from '../../src/core/poll-schedule.ts'

const settings = { minIntervalMs: 3_000, maxIntervalMs: 120_000 }
const fixed = (value: number) => () => value

describe('pollInterval', () => {
  test('the constants the exact values below rest on', () => {
    expect(RELATIVE_INTERVAL).toBe(0.08)
    expect(JITTER).toBe(0.15)
  })

  test('a young run is read at the minimum interval', () => {
    expect(pollInterval(0, settings, fixed(0.5))).toBe(3_000)
    expect(pollInterval(10_000, settings, fixed(0.999))).toBe(3_000) // 800 ms, jittered, clamped up
    expect(pollInterval(37_500, settings, fixed(0.5))).toBe(3_000) // exactly 3 000 unclamped
  })

  test('a negative age (clock skew) is read at the minimum interval', () => {
    expect(pollInterval(-50_000, settings, fixed(0.5))).toBe(3_000)
  })

  test('between the clamps the interval is 8 % of the age', () => {
    expect(pollInterval(100_000, settings, fixed(0.5))).toBe(8_000)
    expect(pollInterval(200_000, settings, fixed(0.5))).toBe(16_000)
    expect(pollInterval(1_000_000, settings, fixed(0.5))).toBe(80_000)
  })

  test('an old run is read at the maximum interval, whatever the random draw', () => {
    for (const r of [0, 0.5, 0.999999]) {
      expect(pollInterval(10 * 3_600_000, settings, fixed(r))).toBe(120_000)
      expect(pollInterval(1_600_000, settings, fixed(r))).toBe(r === 0 ? 108_800 : 120_000)
    }
  })

  test('jitter is +-15 % around the relative interval', () => {
    expect(pollInterval(100_000, settings, fixed(0))).toBe(6_800)
    expect(pollInterval(100_000, settings, fixed(0.25))).toBe(7_400)
    expect(pollInterval(100_000, settings, fixed(0.75))).toBe(8_600)
    expect(pollInterval(100_000, settings, fixed(0.999999))).toBe(9_200)
  })

  test('every draw stays within the jitter bounds and the clamps, and grows with the draw', () => {
    for (const age of [0, 20_000, 50_000, 100_000, 500_000, 1_400_000, 2_000_000]) {
      let previous = -1
      for (let i = 0; i < 100; i++) {
        const r = i / 100
        const interval = pollInterval(age, settings, fixed(r))
        const base = age * 0.08
        const clamp = (ms: number): number => Math.min(settings.maxIntervalMs, Math.max(settings.minIntervalMs, ms))
        expect(interval).toBeGreaterThanOrEqual(clamp(Math.floor(base * 0.85)))
        expect(interval).toBeLessThanOrEqual(clamp(Math.ceil(base * 1.15)))
        expect(interval).toBeGreaterThanOrEqual(previous)
        expect(Number.isInteger(interval)).toBe(true)
        previous = interval
      }
    }
  })

  test('the user clamps are obeyed exactly', () => {
    const tight = { minIntervalMs: 10_000, maxIntervalMs: 10_000 }
    for (const age of [0, 100_000, 10_000_000]) expect(pollInterval(age, tight, fixed(0.3))).toBe(10_000)
    expect(pollInterval(100_000, { minIntervalMs: 1_000, maxIntervalMs: 5_000 }, fixed(0.5))).toBe(5_000)
  })
})

describe('startConfirmInterval', () => {
  test('every 2 s right after a trigger, then a quarter of the time waited so far', () => {
    expect(startConfirmInterval(0)).toBe(2_000)
    expect(startConfirmInterval(8_000)).toBe(2_000)
    expect(startConfirmInterval(20_000)).toBe(5_000)
    expect(startConfirmInterval(100_000)).toBe(25_000)
  })

  test('a run slow to show costs far fewer reads over a 2 minute window than reading every 2 s', () => {
    let reads = 0
    for (let age = 0; age < 120_000; age += startConfirmInterval(age)) reads++
    expect(reads).toBe(17)
  })
})
