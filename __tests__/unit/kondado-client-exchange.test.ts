// One exchange with Kondado, bounded by the workflow's cancel and the step's deadline, whatever
// the transport does with its signal.

import { describe, test, expect } from '@jest/globals'
import { testClient } from '../../__fixtures__/kondado-client.ts'
import { VirtualClock } from '../../harness/virtual-clock.ts'
import type { HttpResponse, Transport } from '../../src/core/http.ts'
import type { RequestRecord } from '../../src/core/kondado-client.ts'
import { Problem } from '../../src/core/problem.ts'
import { rejection } from './helpers.ts'

const KEY = 'the-key-7'
const TOKEN = 'the-token-9'
const PIPELINE = { kind: 'pipeline', id: 2040 } as const
const ACTIVE = { status: 200, body: JSON.stringify({ 2040: { status: 'active' } }) }

function client(
  transport: Transport,
  options: { deadline?: number; signal?: AbortSignal; onRequest?: (record: RequestRecord) => void; clock?: VirtualClock } = {},
) {
  return testClient(transport, { key: KEY, token: TOKEN }, options)
}

/** A transport that never answers and ignores its signal; it keeps the signals it was given. */
function hanging(): { transport: Transport; signals: AbortSignal[] } {
  const signals: AbortSignal[] = []
  return {
    signals,
    transport: async (_request, signal) => {
      signals.push(signal as AbortSignal)
      return new Promise<never>(() => undefined)
    },
  }
}

describe('the workflow cancelled while a request is in flight', () => {
  test('the request is aborted at once and the read ends with the cancel, even if the transport ignores it', async () => {
    const controller = new AbortController()
    const reason = new Error('the workflow was cancelled')
    const { transport, signals } = hanging()
    const { kondado, clock } = client(transport, { signal: controller.signal })
    void clock.sleep(1_000).then(() => controller.abort(reason))
    expect(await rejection(kondado.status(PIPELINE))).toBe(reason)
    expect(clock.now()).toBe(1_000)
    expect(signals).toHaveLength(1)
    expect(signals[0]?.aborted).toBe(true)
    expect(signals[0]?.reason).toBe(reason)
  })

  test('a POST cancelled in flight ends with the cancel too, and is not sent again', async () => {
    const controller = new AbortController()
    const reason = new Error('the workflow was cancelled')
    const { transport, signals } = hanging()
    const { kondado, clock } = client(transport, { signal: controller.signal })
    void clock.sleep(500).then(() => controller.abort(reason))
    expect(await rejection(kondado.requestRun(2040))).toBe(reason)
    expect(clock.now()).toBe(500)
    expect(signals).toHaveLength(1)
  })

  test('a transport that stops on its signal with its own error: the cancel is still what the read ends with', async () => {
    const controller = new AbortController()
    const reason = new Error('the workflow was cancelled')
    const transport: Transport = (_request, signal) =>
      new Promise((_resolve, reject) =>
        signal?.addEventListener('abort', () => reject(new Problem('network', { networkCode: 'UND_ERR_ABORTED' }))),
      )
    const { kondado, clock } = client(transport, { signal: controller.signal })
    void clock.sleep(700).then(() => controller.abort(reason))
    expect(await rejection(kondado.status(PIPELINE))).toBe(reason)
    expect(clock.now()).toBe(700)
  })
})

describe('the deadline reached while a request is in flight', () => {
  test('a read the server never answers ends at the deadline as deadline, and its signal is aborted', async () => {
    const { transport, signals } = hanging()
    const { kondado, clock } = client(transport, { deadline: 45_000 })
    const problem = await rejection(kondado.status(PIPELINE))
    expect(problem).toBeInstanceOf(Problem)
    expect(problem).toMatchObject({ code: 'deadline' })
    expect(clock.now()).toBe(45_000)
    expect(signals[0]?.aborted).toBe(true)
  })

  test('a transport that stops on its signal with its own error at the deadline: the read ends as deadline', async () => {
    const transport: Transport = (_request, signal) =>
      new Promise((_resolve, reject) =>
        signal?.addEventListener('abort', () => reject(new Problem('network', { networkCode: 'UND_ERR_ABORTED' }))),
      )
    const { kondado, clock } = client(transport, { deadline: 45_000 })
    expect(await rejection(kondado.status(PIPELINE))).toMatchObject({ code: 'deadline' })
    expect(clock.now()).toBe(45_000)
  })

  test('a transport failing on its own before the deadline keeps its own problem', async () => {
    const { kondado } = client(async () => {
      throw new Problem('too-large')
    })
    expect(await rejection(kondado.status(PIPELINE))).toMatchObject({ code: 'too-large' })
  })
})

describe('after an answer', () => {
  test('no timer is left behind: time does not jump to the deadline once the step has nothing to do', async () => {
    const signals: AbortSignal[] = []
    const { kondado, clock } = client(async (_request, signal) => {
      signals.push(signal as AbortSignal)
      return ACTIVE
    })
    expect((await kondado.status(PIPELINE)).status).toBe('active')
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(clock.now()).toBe(0)
    // Nor is the request's own signal aborted after the fact.
    expect(signals[0]?.aborted).toBe(false)
  })

  test('a cancel after the read is done leaves nothing behind to crash the step', async () => {
    // A rejection nobody handles ends a Node process: the cancel of a finished read must not cause one.
    const unhandled: unknown[] = []
    const note = (reason: unknown): void => void unhandled.push(reason)
    process.on('unhandledRejection', note)
    try {
      const controller = new AbortController()
      const { kondado } = client(async () => ACTIVE, { signal: controller.signal })
      await expect(kondado.status(PIPELINE)).resolves.toMatchObject({ status: 'active' })
      controller.abort(new Error('late'))
      await new Promise((resolve) => setImmediate(resolve))
      expect(unhandled).toEqual([])
    } finally {
      process.off('unhandledRejection', note)
    }
  })
})

describe('a POST near the deadline', () => {
  test('is still sent with exactly three seconds left, time for its answer', async () => {
    const { kondado } = client(async () => ({ status: 200, body: '{"success":true}' }), { deadline: 3_000 })
    await expect(kondado.requestRun(2040)).resolves.toBeUndefined()
  })

  test('is not sent with less: nothing was applied', async () => {
    const sent: number[] = []
    const { kondado } = client(
      async () => {
        sent.push(1)
        return { status: 200, body: '{"success":true}' }
      },
      { deadline: 2_999 },
    )
    expect(await rejection(kondado.requestRun(2040))).toMatchObject({ code: 'deadline', details: { notSent: true } })
    expect(sent).toEqual([])
  })
})

describe('what each request tells the debug log', () => {
  test('its answer, or what stopped it (a network code, a problem, a bug), and the time it took from its own start', async () => {
    const records: RequestRecord[] = []
    const answers: (() => Promise<HttpResponse>)[] = [
      async () => {
        throw new Problem('network', { networkCode: 'ECONNREFUSED', notSent: true })
      },
      async () => {
        throw new Problem('server-error')
      },
      async () => ACTIVE,
      async () => {
        throw new TypeError('a bug in the transport')
      },
    ]
    const clock = new VirtualClock(10_000)
    const { kondado } = client(
      async () => {
        await clock.sleep(1_500)
        return (answers.shift() as () => Promise<HttpResponse>)()
      },
      { clock, onRequest: (record) => records.push(record) },
    )
    await expect(kondado.requestRun(2040)).rejects.toMatchObject({ code: 'server-error' })
    await kondado.status(PIPELINE)
    await expect(kondado.status(PIPELINE)).rejects.toThrow(TypeError)
    expect(records.map(({ method, path, httpStatus, failure, tookMs }) => ({ method, path, httpStatus, failure, tookMs }))).toEqual([
      { method: 'POST', path: '/pipelines/2040/run', httpStatus: undefined, failure: 'ECONNREFUSED', tookMs: 1_500 },
      { method: 'POST', path: '/pipelines/2040/run', httpStatus: undefined, failure: 'server-error', tookMs: 1_500 },
      { method: 'GET', path: '/pipelines/2040/status', httpStatus: 200, failure: undefined, tookMs: 1_500 },
      { method: 'GET', path: '/pipelines/2040/status', httpStatus: undefined, failure: 'internal', tookMs: 1_500 },
    ])
  })

  test('a run request held by the step before it reached the client counts that hold in its wait, once, not in a retry', async () => {
    const records: RequestRecord[] = []
    const answers = [
      async (): Promise<HttpResponse> => {
        throw new Problem('network', { networkCode: 'ECONNREFUSED', notSent: true })
      },
      async (): Promise<HttpResponse> => ({ status: 200, body: '{"success": true}' }),
    ]
    const clock = new VirtualClock(40_000)
    const { kondado } = client(async () => (answers.shift() as () => Promise<HttpResponse>)(), {
      clock,
      onRequest: (record) => records.push(record),
    })
    await kondado.requestRun(2040, 1_000)
    const [first, retry] = records
    expect(first?.waitedMs).toBe(39_000)
    // The retry waited only for its backoff and its turn, counted from the first try's end.
    expect(retry?.waitedMs).toBeLessThan(39_000)
  })
})

describe('a duplicate whose body cannot be built', () => {
  test('is never sent, and says so: nothing can have been created', async () => {
    let sent = 0
    const { kondado } = client(async () => {
      sent++
      return { status: 200, body: '{}' }
    })
    let deep: Record<string, unknown> = { leaf: 1 }
    for (let i = 0; i < 200_000; i++) deep = { a: deep }
    const request = {
      basePipelineId: 2040,
      sourceCollectionId: 1,
      destinationCollectionId: 2,
      fullTables: { '': 't' },
      overwriteParameters: deep,
      runAtOnce: false,
    }
    const problem = await rejection(kondado.duplicate(request))
    expect(problem).toMatchObject({ code: 'internal', details: { errorName: 'RangeError', notSent: true } })
    expect(sent).toBe(0)
  })
})
