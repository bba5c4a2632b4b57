import { describe, expect, test } from '@jest/globals'
import { formatDuration, parseDuration, systemClock } from '../../src/core/time.ts'
import { rejection } from './helpers.ts'

describe('the system clock', () => {
  test('sleeps at least the time asked', async () => {
    const started = Date.now()
    await systemClock.sleep(30)
    expect(Date.now() - started).toBeGreaterThanOrEqual(25)
  })

  test('a negative time is no time', async () => {
    await expect(systemClock.sleep(-5)).resolves.toBeUndefined()
  })

  test('an abort ends the sleep at once; an aborted signal refuses to sleep', async () => {
    const controller = new AbortController()
    const reason = new Error('cancelled')
    const sleeping = systemClock.sleep(60_000, controller.signal)
    controller.abort(reason)
    expect(await rejection(sleeping)).toMatchObject({ name: 'AbortError', cause: reason })
    expect(await rejection(systemClock.sleep(10, controller.signal))).toMatchObject({ name: 'AbortError', cause: reason })
  })
})

describe('parseDuration', () => {
  test.each([
    ['90', 90_000],
    ['0', 0],
    ['1.5', 1_500],
    ['0.75', 750],
    ['90s', 90_000],
    ['15m', 900_000],
    ['2h', 7_200_000],
    ['500ms', 500],
    ['1h30m', 5_400_000],
    ['1m30s', 90_000],
    ['1h1m1s', 3_661_000],
    ['1.5h', 5_400_000],
    ['0.75m', 45_000],
    ['1h0.25m', 3_615_000],
    ['2.125s', 2_125],
    ['2m500ms', 120_500],
    [' 15M ', 900_000],
    ['2H', 7_200_000],
  ])('%j is %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms)
  })

  test.each(['', ' ', 'abc', '-5', '-5s', '5 m', '1d', '1w', 'm', '1.s', '.5s', '1h 30m', '10sec', '1e3', 'Infinity', 'NaN', '0x10'])(
    '%j is not a duration',
    (text) => {
      expect(parseDuration(text)).toBeUndefined()
    },
  )
})

describe('formatDuration', () => {
  test.each([
    [0, '0s'],
    [499, '0s'],
    [1_000, '1s'],
    [59_000, '59s'],
    [59_499, '59s'],
    [59_500, '1m'],
    [60_000, '1m'],
    [75_000, '1m 15s'],
    [3_600_000, '1h'],
    [3_605_000, '1h 5s'],
    [3_661_000, '1h 1m 1s'],
    [7_260_000, '2h 1m'],
    [72 * 3_600_000, '72h'],
  ])('%d ms is %j', (ms, text) => {
    expect(formatDuration(ms)).toBe(text)
  })
})
