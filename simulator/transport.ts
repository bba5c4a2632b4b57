// The simulator's model as the action's Transport, in-process: no socket, no port, and time
// only as the caller's clock moves it. A socket fault the model asks for becomes the Problem
// the real transport would throw for it.

import type { Clock } from '../src/core/time.ts'
import type { HttpRequest, Transport } from '../src/core/http.ts'
import { Problem } from '../src/core/problem.ts'
import type { KondadoModel } from './model.ts'

export interface ModelTransportOptions {
  /** With `oneWay`, each way of each request takes that much of this clock's time. */
  readonly clock?: Clock
  readonly oneWay?: () => number
  /** Called before the model sees each request; may throw to stand for a failed exchange. */
  readonly beforeRequest?: (request: HttpRequest) => void
}

export function modelTransport(model: KondadoModel, options: ModelTransportOptions = {}): Transport {
  const { clock, oneWay, beforeRequest } = options
  const travel = async (): Promise<void> => {
    if (clock && oneWay) await clock.sleep(oneWay())
  }
  return async (request, signal) => {
    signal?.throwIfAborted()
    beforeRequest?.(request)
    await travel()
    const answer = model.handle({
      method: request.method,
      path: request.url.pathname,
      query: request.url.searchParams,
      body: request.body ?? '',
    })
    await travel()
    if (answer.action === 'reset') throw new Problem('network', { networkCode: 'ECONNRESET' })
    if (answer.action === 'hang') throw new Problem('network', { networkCode: 'ETIMEDOUT' })
    if (answer.action === 'truncate') return { status: answer.status, body: answer.body.slice(0, Math.floor(answer.body.length / 2)) }
    return { status: answer.status, body: answer.body }
  }
}
