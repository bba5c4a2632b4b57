import { describe, test, expect } from '@jest/globals'
import { VirtualClock } from '../../harness/virtual-clock.ts'
import type { Clock } from '../../src/core/time.ts'
import { Problem } from '../../src/core/problem.ts'
import { MIN_GAP_MS, RequestScheduler, type SchedulerOptions, WINDOW_MS } from '../../src/core/scheduler.ts'
import { rejection } from './helpers.ts'

const HOUR = 3_600_000

function setup(options: Partial<SchedulerOptions> = {}): {
  clock: VirtualClock
  scheduler: RequestScheduler
  sent: number[]
  send: () => Promise<number>
} {
  const clock = options.clock instanceof VirtualClock ? options.clock : new VirtualClock(0)
  const scheduler = new RequestScheduler({ clock, random: () => 0.5, perWindow: 20, deadline: HOUR, ...options })
  const sent: number[] = []
  const send = async (): Promise<number> => {
    sent.push(clock.now())
    return clock.now()
  }
  return { clock, scheduler, sent, send }
}

const rateLimited = (retryAfterMs?: number): Problem =>
  new Problem('rate-limited', {
    httpStatus: 200,
    errorCode: 'RATE_LIMIT_EXCEEDED',
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  })

describe('spacing', () => {
  test('the defaults are Kondado limits plus a margin', () => {
    expect(MIN_GAP_MS).toBe(1_100)
    expect(WINDOW_MS).toBe(61_000)
  })

  test('consecutive requests are at least the minimum gap apart', async () => {
    const { scheduler, sent, send } = setup()
    for (let i = 0; i < 4; i++) await scheduler.inTurn(send)
    expect(sent).toEqual([0, 1_100, 2_200, 3_300])
  })

  test('a request after a quiet spell goes at once', async () => {
    const { clock, scheduler, sent, send } = setup()
    await scheduler.inTurn(send)
    clock.advance(5_000)
    await scheduler.inTurn(send)
    expect(sent).toEqual([0, 5_000])
  })

  test('the gap counts from the answer: a slow answer pushes the next request back', async () => {
    const { clock, scheduler, sent } = setup()
    const slow = async (): Promise<void> => {
      sent.push(clock.now())
      await clock.sleep(2_000)
    }
    for (let i = 0; i < 3; i++) await scheduler.inTurn(slow)
    expect(sent).toEqual([0, 2_000 + MIN_GAP_MS, 2 * (2_000 + MIN_GAP_MS)])
  })

  test('the result of send is passed back', async () => {
    const { scheduler } = setup()
    await expect(scheduler.inTurn(async () => 'answer')).resolves.toBe('answer')
  })
})

describe('rolling window', () => {
  test('25 requests with 20 per window: the 21st waits for the window', async () => {
    const { scheduler, sent, send } = setup({ perWindow: 20 })
    for (let i = 0; i < 25; i++) await scheduler.inTurn(send)
    const first20 = Array.from({ length: 20 }, (_, i) => i * 1_100)
    const next5 = Array.from({ length: 5 }, (_, i) => 61_000 + i * 1_100)
    expect(sent).toEqual([...first20, ...next5])
  })

  test('no rolling window ever holds more than perWindow sends, over a long run', async () => {
    const { scheduler, sent, send } = setup({ perWindow: 5 })
    for (let i = 0; i < 200; i++) await scheduler.inTurn(send)
    for (let i = 0; i + 5 < sent.length; i++) expect((sent[i + 5] as number) - (sent[i] as number)).toBeGreaterThanOrEqual(61_000)
    // And not slower than the rule needs: each group of 5 starts exactly one window after the previous one.
    expect(sent[5]).toBe(61_000)
    expect(sent[195]).toBe(39 * 61_000)
  })

  test('nextSlot reports the earliest allowed time without booking it', async () => {
    const { scheduler, send } = setup({ perWindow: 2 })
    expect(scheduler.nextSlot(0)).toBe(0)
    await scheduler.inTurn(send)
    expect(scheduler.nextSlot(0)).toBe(1_100)
    expect(scheduler.nextSlot(1_100)).toBe(1_100)
    await scheduler.inTurn(send)
    expect(scheduler.nextSlot(1_100)).toBe(61_000)
    expect(scheduler.nextSlot(70_000)).toBe(70_000)
  })
})

describe('order', () => {
  test('concurrent callers go in the order they asked', async () => {
    const { clock, scheduler } = setup()
    const order: [string, number][] = []
    const caller = (name: string) => scheduler.inTurn(async () => order.push([name, clock.now()]))
    await Promise.all(['a', 'b', 'c', 'd', 'e'].map(caller))
    expect(order).toEqual([
      ['a', 0],
      ['b', 1_100],
      ['c', 2_200],
      ['d', 3_300],
      ['e', 4_400],
    ])
  })

  test('a failing request does not block the ones behind it', async () => {
    const { clock, scheduler } = setup()
    const boom = new Problem('server-error', { httpStatus: 502 })
    const a = scheduler.inTurn(async () => {
      throw boom
    })
    const b = scheduler.inTurn(async () => clock.now())
    await expect(a).rejects.toBe(boom)
    await expect(b).resolves.toBe(1_100)
  })
})

describe('RATE_LIMIT_EXCEEDED', () => {
  test('pauses everyone for the named time plus jitter, then sends the same request again', async () => {
    const pauses: number[] = []
    const { clock, scheduler } = setup({ random: () => 0.25, onPause: (ms) => pauses.push(ms) })
    const log: [string, number][] = []
    let attemptsA = 0
    const a = scheduler.inTurn(async () => {
      attemptsA++
      log.push(['a', clock.now()])
      if (attemptsA === 1) throw rateLimited(60_000)
      return 'a-done'
    })
    const b = scheduler.inTurn(async () => {
      log.push(['b', clock.now()])
      return 'b-done'
    })
    await expect(Promise.all([a, b])).resolves.toEqual(['a-done', 'b-done'])
    // 60 s x (1 + 0.2 x 0.25) = 63 s; the refused request keeps its turn, and b, which was
    // waiting behind it, goes next.
    expect(pauses).toEqual([63_000])
    expect(log).toEqual([
      ['a', 0],
      ['a', 63_000],
      ['b', 64_100],
    ])
    expect(attemptsA).toBe(2)
  })

  test('without a named time the pause is 60 s plus jitter', async () => {
    const { clock, scheduler } = setup({ random: () => 0 })
    let attempts = 0
    await scheduler.inTurn(async () => {
      if (attempts++ === 0) throw rateLimited()
    })
    expect(clock.now()).toBe(60_000)
  })

  test('the jitter is at most 20 %', async () => {
    const { clock, scheduler } = setup({ random: () => 0.999999 })
    let attempts = 0
    await scheduler.inTurn(async () => {
      if (attempts++ === 0) throw rateLimited(10_000)
    })
    expect(clock.now()).toBe(12_000)
  })

  test('a pause that ends exactly at the deadline is waited out, and the request sent then', async () => {
    const { clock, scheduler } = setup({ random: () => 0.25, deadline: 63_000 })
    let attempts = 0
    await expect(
      scheduler.inTurn(async () => {
        if (attempts++ === 0) throw rateLimited(60_000)
        return clock.now()
      }),
    ).resolves.toBe(63_000)
  })

  test('a pause that would end past the deadline throws the rate-limited problem at once', async () => {
    const { clock, scheduler } = setup({ deadline: 30_000 })
    let attempts = 0
    const error = await rejection(
      scheduler.inTurn(async () => {
        attempts++
        throw rateLimited(60_000)
      }),
    )
    expect(error).toBeInstanceOf(Problem)
    expect((error as Problem).code).toBe('rate-limited')
    expect(attempts).toBe(1)
    expect(clock.now()).toBe(0)
  })

  test('other errors are not paused on', async () => {
    const pauses: number[] = []
    const { clock, scheduler } = setup({ onPause: (ms) => pauses.push(ms) })
    await expect(
      scheduler.inTurn(async () => {
        throw new Problem('credentials-refused', { httpStatus: 401 })
      }),
    ).rejects.toMatchObject({ code: 'credentials-refused' })
    expect(pauses).toEqual([])
    expect(clock.now()).toBe(0)
  })
})

describe('deadline', () => {
  test('a slot past the deadline throws deadline without sleeping or sending', async () => {
    const { clock, scheduler, sent, send } = setup({ deadline: 1_000 })
    expect(scheduler.deadline).toBe(1_000)
    await scheduler.inTurn(send)
    const error = await rejection(scheduler.inTurn(send))
    expect(error).toBeInstanceOf(Problem)
    expect((error as Problem).code).toBe('deadline')
    expect(sent).toEqual([0])
    expect(clock.now()).toBe(0)
  })

  test('a slot exactly at the deadline is still used', async () => {
    const { scheduler, sent, send } = setup({ deadline: 1_100 })
    await scheduler.inTurn(send)
    await scheduler.inTurn(send)
    expect(sent).toEqual([0, 1_100])
  })

  test('a window wait past the deadline throws deadline', async () => {
    const { clock, scheduler, send } = setup({ perWindow: 1, deadline: 30_000 })
    await scheduler.inTurn(send)
    await expect(scheduler.inTurn(send)).rejects.toMatchObject({ code: 'deadline' })
    expect(clock.now()).toBe(0)
  })
})

describe('abort', () => {
  test('an abort while waiting for a slot rejects as cancelled and not sent, sends nothing and stops the clock there', async () => {
    const virtual = new VirtualClock(0)
    const controller = new AbortController()
    const reason = new Error('cancelled by the workflow')
    const clock: Clock = {
      now: virtual.now,
      sleep: (ms, signal) => {
        const sleeping = virtual.sleep(ms, signal)
        queueMicrotask(() => controller.abort(reason))
        return sleeping
      },
    }
    const scheduler = new RequestScheduler({ clock, random: () => 0.5, perWindow: 20, deadline: HOUR, signal: controller.signal })
    const sent: number[] = []
    await scheduler.inTurn(async () => sent.push(virtual.now()))
    const notSent = { code: 'cancelled', details: { notSent: true } }
    await expect(scheduler.inTurn(async () => sent.push(virtual.now()))).rejects.toMatchObject(notSent)
    expect(reason.message).toBe('cancelled by the workflow')
    expect(sent).toEqual([0])
    expect(virtual.now()).toBe(0)
    // Once aborted, nothing more is sent.
    await expect(scheduler.inTurn(async () => sent.push(virtual.now()))).rejects.toMatchObject(notSent)
    expect(sent).toEqual([0])
  })

  test('an already aborted signal sends nothing', async () => {
    const controller = new AbortController()
    controller.abort(new Error('gone'))
    const { scheduler, sent, send } = setup({ signal: controller.signal })
    await expect(scheduler.inTurn(send)).rejects.toMatchObject({ code: 'cancelled', details: { notSent: true } })
    expect(sent).toEqual([])
  })

  test('a slot past the deadline is a deadline, provably not sent', async () => {
    const { scheduler, sent, send } = setup({ deadline: 500 })
    await scheduler.inTurn(send)
    await expect(scheduler.inTurn(send)).rejects.toMatchObject({ code: 'deadline', details: { notSent: true } })
    expect(sent).toEqual([0])
  })
})

describe('sends of earlier steps on the same runner', () => {
  test('a step that follows another at once keeps the gap from its last request', async () => {
    const clock = new VirtualClock(100_000)
    const { scheduler, sent, send } = setup({ clock, sentBefore: [99_800] })
    await scheduler.inTurn(send)
    expect(sent).toEqual([99_800 + MIN_GAP_MS])
  })

  test('a budget the earlier step used up is waited for, until its oldest send leaves the window', async () => {
    const clock = new VirtualClock(100_000)
    const earlier = Array.from({ length: 20 }, (_, i) => 60_000 + i * 1_500)
    const { scheduler, sent, send } = setup({ clock, sentBefore: earlier })
    await scheduler.inTurn(send)
    expect(sent).toEqual([60_000 + WINDOW_MS])
  })

  test('earlier sends handed on in any order: the gap counts from the latest', async () => {
    const clock = new VirtualClock(100_000)
    const { scheduler, sent, send } = setup({ clock, sentBefore: [99_800, 50_000] })
    await scheduler.inTurn(send)
    expect(sent).toEqual([99_800 + MIN_GAP_MS])
  })

  test('sends that all left the window are not handed on', () => {
    const { scheduler } = setup({ clock: new VirtualClock(100_000), sentBefore: [10_000, 20_000] })
    expect(scheduler.recentSends(100_000)).toEqual([])
  })

  test('a send exactly one window old no longer counts', () => {
    const clock = new VirtualClock(100_000)
    const { scheduler } = setup({ clock, sentBefore: [50_000, 50_001] })
    clock.advance(11_000)
    expect(scheduler.recentSends(111_000)).toEqual([50_001])
  })

  test('a step with a smaller budget that sent nothing hands on every send of the window, not only as many as it may make', async () => {
    const clock = new VirtualClock(60_000)
    const earlier = Array.from({ length: 10 }, (_, i) => 50_000 + i * 1_000)
    const { scheduler, send } = setup({ clock, perWindow: 2, sentBefore: earlier, deadline: 90_000 })
    await expect(scheduler.inTurn(send)).rejects.toMatchObject({ code: 'deadline' })
    expect(scheduler.recentSends(clock.now())).toEqual(earlier)
  })

  test('recentSends hands on only what still counts against the window', async () => {
    const clock = new VirtualClock(100_000)
    const { scheduler, send } = setup({ clock, sentBefore: [10_000, 50_000] })
    await scheduler.inTurn(send)
    expect(scheduler.recentSends(clock.now())).toEqual([50_000, 100_000])
  })
})

describe('spacing counts from the answer', () => {
  test('a slow answer pushes the next request back: the gap holds at Kondado whatever the latency', async () => {
    const { clock, scheduler, sent } = setup()
    const slow = async (): Promise<void> => {
      sent.push(clock.now())
      await clock.sleep(700)
    }
    await scheduler.inTurn(slow)
    await scheduler.inTurn(slow)
    expect(sent).toEqual([0, 700 + MIN_GAP_MS])
  })

  test('requests never overlap, even when callers do not wait for each other', async () => {
    const { clock, scheduler } = setup()
    const spans: [number, number][] = []
    const slow = async (): Promise<void> => {
      const start = clock.now()
      await clock.sleep(5_000)
      spans.push([start, clock.now()])
    }
    await Promise.all([scheduler.inTurn(slow), scheduler.inTurn(slow)])
    expect(spans).toEqual([
      [0, 5_000],
      [5_000 + MIN_GAP_MS, 10_000 + MIN_GAP_MS],
    ])
  })
})

describe('room for several requests in a row', () => {
  test('a fresh budget has room at once, and after the last send at the minimum gap', async () => {
    const { clock, scheduler, send } = setup()
    expect(scheduler.roomFor(0, 4)).toBe(0)
    await scheduler.inTurn(send)
    expect(scheduler.roomFor(clock.now(), 4)).toBe(MIN_GAP_MS)
  })

  test('a nearly spent window has room for one request before it has room for four', () => {
    // 17 of 20 sends in the window, a second apart, the last at 0.
    const sentBefore = Array.from({ length: 17 }, (_, i) => -16_000 + i * 1_000)
    const { scheduler } = setup({ clock: new VirtualClock(1_100), sentBefore })
    expect(scheduler.roomFor(1_100, 1)).toBe(1_100)
    expect(scheduler.roomFor(1_100, 3)).toBe(1_100)
    // The 4th of them needs a 4th free place: the oldest send (at -16 s) leaves the window at 45 s,
    // and the 4th goes 3 gaps after the 1st.
    expect(scheduler.roomFor(1_100, 4)).toBe(-16_000 + WINDOW_MS - 3 * MIN_GAP_MS)
  })

  test('a count above the window is held to it: room once the oldest send has left the window', () => {
    const sentBefore = Array.from({ length: 20 }, (_, i) => i * 1_000)
    const { scheduler } = setup({ clock: new VirtualClock(20_000), sentBefore })
    expect(scheduler.roomFor(20_000, 50)).toBe(WINDOW_MS)
    expect(scheduler.roomFor(20_000, 50)).toBe(scheduler.roomFor(20_000, 20))
  })
})

describe('a hold for room in the budget', () => {
  test('of 10 s or more is told once, with when the request goes; a shorter one, or a rate-limit pause, is not', async () => {
    const holds: [number, number][] = []
    const { clock, scheduler, sent, send } = setup({ perWindow: 3, onHold: (until) => holds.push([clock.now(), until]) })
    for (let i = 0; i < 4; i++) await scheduler.inTurn(send)
    // The fourth waits for the first to leave the window: from 2.2 s to 61 s.
    expect(sent).toEqual([0, 1_100, 2_200, WINDOW_MS])
    expect(holds).toEqual([[2_200, WINDOW_MS]])
  })

  test('a rate-limit pause has its own line: no hold is told for it', async () => {
    const holds: number[] = []
    const pauses: number[] = []
    const { scheduler } = setup({ onHold: (until) => holds.push(until), onPause: (ms) => pauses.push(ms) })
    let first = true
    await scheduler.inTurn(async () => {
      if (first) {
        first = false
        throw rateLimited(30_000)
      }
      return 'ok'
    })
    expect(pauses).toHaveLength(1)
    expect(holds).toEqual([])
  })
})
