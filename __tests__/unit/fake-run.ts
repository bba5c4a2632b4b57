// A StepContext over a hand-written client on a virtual clock, for the step's parts one at a time.

import { VirtualClock } from '../../harness/virtual-clock.ts'
import type { KondadoClient } from '../../src/core/kondado-client.ts'
import { KeyRefusal, readPaces, type StepContext } from '../../src/core/step-context.ts'
import type { ResourceRef, StatusSnapshot, StepEvent, StepSettings } from '../../src/core/vocabulary.ts'
import { RUN_SETTINGS } from './helpers.ts'

export interface FakeClient {
  status?: (resource: ResourceRef) => Promise<StatusSnapshot>
  run?: (id: number) => Promise<void>
  /** When the budget has room for this many requests; by default an empty budget, where every request fits now. */
  roomFor?: (requests: number) => number
}

export interface FakeRun {
  readonly run: StepContext
  readonly clock: VirtualClock
  readonly events: StepEvent[]
  /** `id@time` of every status read, in order. */
  readonly reads: string[]
}

export function fakeRun(
  client: FakeClient,
  options: { now?: number; deadline?: number; settings?: Partial<StepSettings>; signal?: AbortSignal } = {},
): FakeRun {
  const clock = new VirtualClock(options.now ?? 0)
  const events: StepEvent[] = []
  const reads: string[] = []
  const kondado = {
    status: async (resource: ResourceRef) => {
      reads.push(`${resource.id}@${clock.now()}`)
      if (!client.status) throw new Error('no status scripted')
      return client.status(resource)
    },
    requestRun: async (id: number) => {
      if (!client.run) throw new Error('no run scripted')
      return client.run(id)
    },
    roomFor: (requests: number) => (client.roomFor ? client.roomFor(requests) : clock.now()),
  } as unknown as KondadoClient
  const settings = { ...RUN_SETTINGS, ...options.settings } as StepSettings
  const run: StepContext = {
    settings,
    pace: (kind) => readPaces(settings, 3_050)[kind],
    client: kondado,
    clock,
    random: () => 0.5,
    ...(options.signal ? { signal: options.signal } : {}),
    deadline: options.deadline ?? 3_600_000,
    startedAt: 0,
    emit: (event) => events.push(event),
    refusal: new KeyRefusal(),
    expected: () => undefined,
  }
  return { run, clock, events, reads }
}
