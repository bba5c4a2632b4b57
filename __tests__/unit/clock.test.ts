import { describe, test, expect } from '@jest/globals'
import { systemClock } from '../../src/core/clock.ts'
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
