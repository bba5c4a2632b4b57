import { describe, test, expect } from '@jest/globals'
import { JITTER, pollInterval, startConfirmInterval, RELATIVE_INTERVAL } from '../../src/core/poll-schedule.ts'

const settings = { minIntervalMs: 3_000, maxIntervalMs: 120_000 }
const fixed = (value: number) => () => value

describe('pollInterval', () => {
  test('the constants the exact values below rest on', () => {
    expect(RELATIVE_INTERVAL).toBe(0.085)
    expect(JITTER).toBe(0.15)
  })

  test('a young run is read at the minimum interval, whatever the draw', () => {
    for (const r of [0, 0.5, 0.999]) {
      expect(pollInterval(0, settings, fixed(r))).toBe(3_000)
      expect(pollInterval(10_000, settings, fixed(r))).toBe(3_000)
    }
  })

  test('a negative age (clock skew) is read at the minimum interval', () => {
    expect(pollInterval(-50_000, settings, fixed(0.5))).toBe(3_000)
  })

  test('between the clamps the interval is 8.5 % of the age, before jitter', () => {
    expect(pollInterval(100_000, settings, fixed(0))).toBe(8_500)
    expect(pollInterval(200_000, settings, fixed(0))).toBe(17_000)
    expect(pollInterval(1_000_000, settings, fixed(0))).toBe(85_000)
  })

  test('jitter only shortens, by up to 15 %', () => {
    expect(pollInterval(100_000, settings, fixed(0.5))).toBe(7_863)
    expect(pollInterval(100_000, settings, fixed(0.999999))).toBe(7_225)
  })

  test('an old run is read at the maximum interval at most, and still jittered there', () => {
    expect(pollInterval(10 * 3_600_000, settings, fixed(0))).toBe(120_000)
    expect(pollInterval(10 * 3_600_000, settings, fixed(0.5))).toBe(111_000)
    expect(pollInterval(10 * 3_600_000, settings, fixed(0.999999))).toBe(102_000)
  })

  test('every draw stays within the clamps and 15 % under the relative interval, and shrinks as the draw grows', () => {
    for (const age of [0, 20_000, 50_000, 100_000, 500_000, 1_400_000, 2_000_000, 10_000_000]) {
      let previous = Number.POSITIVE_INFINITY
      const clamped = Math.min(settings.maxIntervalMs, Math.max(settings.minIntervalMs, age * 0.085))
      for (let i = 0; i < 100; i++) {
        const interval = pollInterval(age, settings, fixed(i / 100))
        expect(interval).toBeGreaterThanOrEqual(settings.minIntervalMs)
        expect(interval).toBeLessThanOrEqual(Math.round(clamped))
        expect(interval).toBeGreaterThanOrEqual(Math.floor(clamped * 0.85))
        expect(interval).toBeLessThanOrEqual(previous)
        expect(Number.isInteger(interval)).toBe(true)
        previous = interval
      }
    }
  })

  test('the user clamps are obeyed exactly', () => {
    const tight = { minIntervalMs: 10_000, maxIntervalMs: 10_000 }
    for (const age of [0, 100_000, 10_000_000]) expect(pollInterval(age, tight, fixed(0.3))).toBe(10_000)
    expect(pollInterval(100_000, { minIntervalMs: 1_000, maxIntervalMs: 5_000 }, fixed(0))).toBe(5_000)
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
