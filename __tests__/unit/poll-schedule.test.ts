import { describe, expect, test } from '@jest/globals'
import {
  APPROACH_SHARE,
  DENSE_INTERVAL_MS,
  EARLY_REACH,
  GIVEN_SPREAD,
  JITTER,
  LATE_MARGIN,
  pollInterval,
  predictedInterval,
  predictEnd,
  RELATIVE_INTERVAL,
  startConfirmInterval,
  YOUNG_SHARE,
} from '../../src/core/poll-schedule.ts'

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

const bounds = { minIntervalMs: 3_000, maxIntervalMs: 120_000 }
const noJitter = () => 0

describe('predictEnd: the window a run is expected to end in', () => {
  test('the constants the exact values below rest on', () => {
    expect([GIVEN_SPREAD, EARLY_REACH, LATE_MARGIN, DENSE_INTERVAL_MS, APPROACH_SHARE, YOUNG_SHARE]).toEqual([
      0.1, 0.5, 0.1, 8_000, 0.2, 0.1,
    ])
  })

  test('nothing known: no window, the relative schedule decides', () => {
    expect(predictEnd([])).toBeUndefined()
  })

  test('expected-duration: 10 % either way, whatever the runs seen', () => {
    expect(predictEnd([], 600_000)).toEqual({ fromMs: 540_000, toMs: 660_000 })
    expect(predictEnd([{ minMs: 10_000, maxMs: 12_000 }], 600_000)).toEqual({ fromMs: 540_000, toMs: 660_000 })
  })

  test('one run: from its last busy read to 10 % past its first read at rest', () => {
    expect(predictEnd([{ minMs: 290_000, maxMs: 300_000 }])).toEqual({ fromMs: 290_000, toMs: 330_000 })
  })

  test('several runs: reaching past the extremes by their spread over the runs less one, half of it early', () => {
    // Spread 300 s - 260 s = 40 s over 2: 20 s later, 10 s earlier.
    const runs = [
      { minMs: 270_000, maxMs: 280_000 },
      { minMs: 260_000, maxMs: 265_000 },
      { minMs: 290_000, maxMs: 300_000 },
    ]
    expect(predictEnd(runs)).toEqual({ fromMs: 250_000, toMs: 352_000 })
  })
})

describe('predictedInterval: sparse while young, dense in the window, widening past it', () => {
  const end = { fromMs: 6_000_000, toMs: 7_000_000 }

  test('young: a tenth of the expected length at most, longer than max-poll-interval allows without a window', () => {
    expect(predictedInterval(0, end, bounds)).toBe(700_000)
    expect(predictedInterval(2_000_000, end, bounds)).toBe(700_000)
  })

  test('nearing the window: a fifth of the time still to go, never under the dense interval', () => {
    expect(predictedInterval(5_000_000, end, bounds)).toBe(200_000)
    expect(predictedInterval(5_950_000, end, bounds)).toBe(10_000)
    expect(predictedInterval(5_990_000, end, bounds)).toBe(8_000)
  })

  test('in the window: the dense interval, the last read falling at its end', () => {
    for (const age of [6_000_000, 6_500_000, 6_992_000]) expect(predictedInterval(age, end, bounds)).toBe(8_000)
    expect(predictedInterval(6_995_000, end, bounds)).toBe(5_000)
    expect(predictedInterval(6_999_000, end, bounds)).toBe(3_000)
  })

  test('at and past the window: the dense interval plus a fifth of the time since', () => {
    expect(predictedInterval(7_000_000, end, bounds)).toBe(8_000)
    expect(predictedInterval(7_040_000, end, bounds)).toBe(16_000)
  })

  test("the dense interval stays within the user's bounds", () => {
    expect(predictedInterval(6_500_000, end, { minIntervalMs: 10_000, maxIntervalMs: 120_000 })).toBe(10_000)
    expect(predictedInterval(6_500_000, end, { minIntervalMs: 1_000, maxIntervalMs: 5_000 })).toBe(5_000)
  })
})

describe('pollInterval with an expected end', () => {
  const end = { fromMs: 6_000_000, toMs: 7_000_000 }

  test('before and in the window the prediction decides, jitter still applied', () => {
    expect(pollInterval(0, bounds, noJitter, end)).toBe(700_000)
    expect(pollInterval(0, bounds, () => 1, end)).toBe(595_000)
    expect(pollInterval(6_500_000, bounds, noJitter, end)).toBe(8_000)
  })

  test('past the window, whichever is shorter: widening from the window, or the relative schedule', () => {
    expect(pollInterval(7_040_000, bounds, noJitter, end)).toBe(16_000)
    // Far past it, the relative schedule's cap: a run twice as long is read as if nothing were known.
    expect(pollInterval(14_000_000, bounds, noJitter, end)).toBe(120_000)
    expect(pollInterval(14_000_000, bounds, noJitter)).toBe(120_000)
  })
})
