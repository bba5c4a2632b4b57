// A KondadoClient as the unit and property tests build it: on a virtual clock, with the scheduler
// the test chooses and the redactor for its own credentials; the rest is the test's to inject.

import type { Random } from '../src/core/time.ts'
import type { Transport } from '../src/core/http.ts'
import { KondadoClient } from '../src/core/kondado-client.ts'
import { createRedactor } from '../src/core/safe-text.ts'
import { RequestScheduler } from '../src/core/scheduler.ts'
import type { Credentials } from '../src/core/vocabulary.ts'
import { VirtualClock } from '../harness/virtual-clock.ts'

type ClientOptions = ConstructorParameters<typeof KondadoClient>[0]

export interface TestClientOptions extends Partial<Pick<ClientOptions, 'random' | 'onRetry' | 'onRequest' | 'signal'>> {
  readonly clock?: VirtualClock
  readonly perWindow?: number
  readonly deadline?: number
  /** The scheduler's jitter, apart from the client's retry jitter (`random`). */
  readonly schedulerRandom?: Random
}

export function testClient(transport: Transport, credentials: Credentials, options: TestClientOptions = {}) {
  const { clock = new VirtualClock(0), perWindow = 60, deadline = 3_600_000, schedulerRandom = () => 0, ...client } = options
  const signal = client.signal ? { signal: client.signal } : {}
  const scheduler = new RequestScheduler({ clock, random: schedulerRandom, perWindow, deadline, ...signal })
  const kondado = new KondadoClient({
    baseUrl: new URL('https://k2.kondado.com.br'),
    credentials,
    transport,
    scheduler,
    clock,
    redact: createRedactor([credentials.key, credentials.token]),
    random: () => 0.5,
    ...client,
  })
  return { kondado, clock, scheduler }
}
