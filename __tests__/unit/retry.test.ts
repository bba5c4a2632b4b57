import { describe, test, expect } from '@jest/globals'
import { testClient } from '../../__fixtures__/kondado-client.ts'
import { VirtualClock } from '../../harness/virtual-clock.ts'
import type { HttpRequest, Transport } from '../../src/core/http.ts'
import { Problem } from '../../src/core/problem.ts'
import { DEFAULT_RETRY, jitteredPauseMs, retryPauseMs } from '../../src/core/retry.ts'
import { rejection } from './helpers.ts'

const HOUR = 3_600_000
const KEY = 'the-key-7'
const TOKEN = 'the-token-9'
const PIPELINE = { kind: 'pipeline', id: 2040 } as const
const BAD_GATEWAY = { status: 502, body: '<html><body>502 Bad Gateway</body></html>' }
const ACTIVE = { status: 200, body: JSON.stringify({ 2040: { status: 'active' } }) }

/** Replays `values` as the random source, one per call, then fails loudly if more are drawn. */
function replay(values: readonly number[]): () => number {
  let i = 0
  return () => {
    const value = values[i++]
    if (value === undefined) throw new Error('more random numbers drawn than replayed')
    return value
  }
}

interface Sent {
  readonly at: number
  readonly request: HttpRequest
}

/** A client whose reads get 502 until `goodFrom` (1-based), on a virtual clock, with `random` as its jitter. */
function flaky(random: () => number, options: { deadline?: number; goodFrom?: number } = {}) {
  const clock = new VirtualClock(0)
  const sent: Sent[] = []
  const delays: number[] = []
  const transport: Transport = async (request) => {
    sent.push({ at: clock.now(), request })
    return sent.length >= (options.goodFrom ?? Infinity) ? ACTIVE : BAD_GATEWAY
  }
  const { kondado: client } = testClient(
    transport,
    { key: KEY, token: TOKEN },
    { clock, deadline: options.deadline ?? HOUR, random, onRetry: (_problem, delayMs) => delays.push(delayMs) },
  )
  return { client, clock, sent, delays }
}

describe('the pause before each retry of DEFAULT_RETRY', () => {
  test('doubles from 2 s and stays at 60 s: about four minutes in all', () => {
    const pauses = Array.from({ length: DEFAULT_RETRY.retries }, (_, i) => retryPauseMs(DEFAULT_RETRY, i + 1))
    expect(pauses).toEqual([2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000])
    expect(pauses.reduce((a, b) => a + b)).toBe(242_000)
  })

  test('jitter stretches or shrinks each pause by up to half, never more', () => {
    expect(jitteredPauseMs(DEFAULT_RETRY, 1, () => 0)).toBe(1_000)
    expect(jitteredPauseMs(DEFAULT_RETRY, 1, () => 0.5)).toBe(2_000)
    expect(jitteredPauseMs(DEFAULT_RETRY, 1, () => 0.75)).toBe(2_500)
    expect(jitteredPauseMs(DEFAULT_RETRY, 6, () => 0.9999)).toBe(89_994)
    expect(jitteredPauseMs(DEFAULT_RETRY, 8, () => 0.1)).toBe(36_000)
  })

  test('a pause is a whole number of milliseconds', () => {
    expect(jitteredPauseMs({ retries: 1, minDelayMs: 3, maxDelayMs: 3 }, 1, () => 0.4)).toBe(3)
  })
})

describe('a read that keeps failing, on the real schedule', () => {
  test('is sent nine times, at the jittered pauses drawn in order, and fails with what Kondado last said', async () => {
    const draws = [0.1, 0.25, 0.5, 0.75, 0.1, 0.9, 0.5, 0.3]
    const { client, clock, sent, delays } = flaky(replay(draws))
    const problem = await rejection(client.status(PIPELINE))
    expect(problem).toMatchObject({ code: 'server-error', details: { httpStatus: 502 } })
    expect(delays).toEqual([1_200, 3_000, 8_000, 20_000, 19_200, 84_000, 60_000, 48_000])
    expect(sent.map((s) => s.at)).toEqual([0, 1_200, 4_200, 12_200, 32_200, 51_400, 135_400, 195_400, 243_400])
    expect(clock.now()).toBe(243_400)
  })

  test('a good answer after three faults ends the retries with the status', async () => {
    const { client, sent, delays } = flaky(() => 0.5, { goodFrom: 4 })
    expect((await client.status(PIPELINE)).status).toBe('active')
    expect(delays).toEqual([2_000, 4_000, 8_000])
    expect(sent.map((s) => s.at)).toEqual([0, 2_000, 6_000, 14_000])
  })
})

describe('a retry is never slept past the deadline', () => {
  test('the fault is reported at once when the next pause would end after the deadline', async () => {
    const { client, clock, sent, delays } = flaky(() => 0.5, { deadline: 5_000 })
    const problem = await rejection(client.status(PIPELINE))
    expect(problem).toMatchObject({ code: 'server-error', details: { httpStatus: 502 } })
    expect(sent.map((s) => s.at)).toEqual([0, 2_000])
    expect(delays).toEqual([2_000])
    expect(clock.now()).toBe(2_000)
  })

  test('nor one that would end exactly at the deadline, when nothing may be sent any more', async () => {
    const { client, clock, sent } = flaky(() => 0.5, { deadline: 6_000 })
    await rejection(client.status(PIPELINE))
    expect(sent.map((s) => s.at)).toEqual([0, 2_000])
    expect(clock.now()).toBe(2_000)
  })

  test('a pause ending just before the deadline is still taken', async () => {
    const { client, sent } = flaky(() => 0.5, { deadline: 6_001, goodFrom: 3 })
    expect((await client.status(PIPELINE)).status).toBe('active')
    expect(sent.map((s) => s.at)).toEqual([0, 2_000, 6_000])
  })
})

describe('a cancel during a retry pause', () => {
  test('stops at once with the fault of the last try, and nothing more is sent', async () => {
    const controller = new AbortController()
    const clock = new VirtualClock(0)
    const sent: number[] = []
    const transport: Transport = async () => {
      sent.push(clock.now())
      return BAD_GATEWAY
    }
    const { kondado: client } = testClient(transport, { key: KEY, token: TOKEN }, { clock, deadline: HOUR, signal: controller.signal })
    void clock.sleep(3_000).then(() => controller.abort(new Error('cancelled by the workflow')))
    const problem = await rejection(client.status(PIPELINE))
    expect(problem).toBeInstanceOf(Problem)
    expect(problem).toMatchObject({ code: 'server-error' })
    expect(sent).toEqual([0, 2_000])
    expect(clock.now()).toBe(3_000)
  })
})
