// A StepRun over a hand-written client on a virtual clock, for the step's parts one at a time.

import { VirtualClock } from '../../__fixtures__/virtual-clock.ts'
import type { KondadoClient } from '../../src/core/kondado-client.ts'
import { KeyRefusal, type StepRun } from '../../src/core/step-run.ts'
import type { ResourceRef, StatusSnapshot } from '../../src/core/types.ts'
import type { StepEvent, StepSettings } from '../../src/core/vocabulary.ts'
import { RUN_SETTINGS } from './helpers.ts'

export interface FakeClient {
  status?: (resource: ResourceRef) => Promise<StatusSnapshot>
  run?: (id: number) => Promise<void>
  /** When the budget has room for this many requests; by default an empty budget, where every request fits now. */
  roomFor?: (requests: number) => number
}

export interface FakeRun {
  readonly run: StepRun
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
    run: async (id: number) => {
      if (!client.run) throw new Error('no run scripted')
      return client.run(id)
    },
    roomFor: (requests: number) => (client.roomFor ? client.roomFor(requests) : clock.now()),
  } as unknown as KondadoClient
  const settings = { ...RUN_SETTINGS, ...options.settings } as StepSettings
  const run: StepRun = {
    settings,
    waiter: { ...settings.waiter, readShareMs: 3_050 },
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
