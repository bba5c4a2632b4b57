// Shared by the end-to-end tests: a simulator per test, the bundled action run against it,
// and the checks every test makes (no secret leaks, Kondado's rate limit respected).

import { expect, jest } from '@jest/globals'
import {
  KEY,
  MASK_PREFIX,
  newSimulator,
  inputsFor,
  secretForms,
  TOKEN,
  unescapeCommand,
  visibleParts,
  visibleStdout,
} from '../../__fixtures__/action-checks.ts'
import type { ResultEntry } from '../../__fixtures__/action-checks.ts'
import { startAction, type ActionRun, type RunningAction } from '../../harness/run-action.ts'
import type { KondadoModel, KondadoSimulator, ModelOptions, RequestLogEntry } from '../../simulator/index.ts'

export {
  annotationLine,
  busyFor,
  clockTimesBetween,
  errorLines,
  inputsFor,
  KEY,
  rateLimited,
  requests,
  resultOf,
  startRunElsewhere,
  TOKEN,
  visibleStdout,
  warningLines,
} from '../../__fixtures__/action-checks.ts'

// A test waits on a child process's reads, a second or more apart: a machine busy with other work
// can stretch one past jest's default minute. The timeout only catches a hung test.
jest.setTimeout(150_000)

const simulators = new Set<KondadoSimulator>()
const children = new Set<RunningAction>()

/** A simulator with the odd credentials, set up by `setup`, listening on 127.0.0.1, stopped by cleanUp. */
export async function startSimulator(setup: (model: KondadoModel) => void, options: Partial<ModelOptions> = {}): Promise<KondadoSimulator> {
  const sim = await newSimulator(setup, options)
  simulators.add(sim)
  return sim
}

/** For afterAll: stops every simulator and any action still running (a test that timed out). */
export async function cleanUp(): Promise<void> {
  for (const running of children) running.child.kill('SIGKILL')
  children.clear()
  await Promise.all([...simulators].map((sim) => sim.stop()))
  simulators.clear()
}

export function launch(sim: KondadoSimulator | null, inputs: Record<string, string>, env: Record<string, string> = {}): RunningAction {
  const running = startAction(inputsFor(sim, inputs), env)
  children.add(running)
  void running.done.then(() => children.delete(running))
  return running
}

export const act = (sim: KondadoSimulator | null, inputs: Record<string, string>, env: Record<string, string> = {}): Promise<ActionRun> =>
  launch(sim, inputs, env).done

/**
 * Neither secret, in any of its forms, in anything the user sees, and both registered with the
 * runner as masks (raw and encoded) so anything printed later is hidden too.
 */
export function expectNoLeak(run: ActionRun, secrets: readonly string[] = [KEY, TOKEN]): void {
  const places = visibleParts(run)
  for (const secret of secrets.filter(Boolean)) {
    for (const variant of secretForms(secret)) {
      for (const [place, text] of Object.entries(places)) {
        expect({ place, variant, leaked: text.includes(variant) }).toEqual({ place, variant, leaked: false })
      }
    }
    const masks = run.stdout
      .split('\n')
      .filter((line) => line.startsWith(MASK_PREFIX))
      .map((line) => unescapeCommand(line.slice(MASK_PREFIX.length)))
    expect(masks).toEqual(
      expect.arrayContaining([secret, encodeURIComponent(secret), new URLSearchParams({ x: secret }).toString().slice(2)]),
    )
  }
}

/**
 * Kondado allows one request a second per key: no two requests the simulator received may be
 * less than a second apart, and its own limiter never had to refuse one.
 */
export function expectRateRespected(sim: KondadoSimulator): void {
  const log = sim.model.log
  const gaps = log.slice(1).map((entry, i) => entry.at - (log[i] as RequestLogEntry).at)
  expect(gaps.filter((gap) => gap < 1_000)).toEqual([])
  expect(log.filter((entry) => entry.outcome === 'rate_limited' && entry.fault === undefined)).toEqual([])
}

/** The checks every test makes, whatever it is about. */
export function expectClean(run: ActionRun, sim: KondadoSimulator | null, secrets: readonly string[] = [KEY, TOKEN]): void {
  expectNoLeak(run, secrets)
  if (sim) expectRateRespected(sim)
  expect(run.signal).toBeNull()
}

/** Lines logged as things happened, before the per-resource groups repeat them. */
export function liveLog(run: ActionRun): string[] {
  const lines = visibleStdout(run).split('\n')
  const groupAt = lines.findIndex((line) => line.startsWith('::group::'))
  return (groupAt === -1 ? lines : lines.slice(0, groupAt)).filter(Boolean)
}

/** The state lines (`pipeline 2040: running`) for one resource, in order, stamps removed. */
export function stateLines(run: ActionRun, subject: string): string[] {
  return liveLog(run)
    .map((line) => line.replace(/^\[\s*[^\]]*\]\s/, ''))
    .filter((line) => line.startsWith(`${subject}: `))
    .map((line) => line.slice(subject.length + 2))
}

/**
 * `elapsed` is whole seconds of the step: no more than the process's life from its first output
 * (Node's start-up, which a busy machine stretches past a second, is not part of the step), and
 * no less than the time between the first and the last request Kondado received.
 */
export function expectElapsed(run: ActionRun, sim: KondadoSimulator): void {
  const elapsed = Number(run.outputs.elapsed)
  expect(Number.isInteger(elapsed)).toBe(true)
  expect(elapsed).toBeLessThanOrEqual(Math.ceil(run.stepMs / 1000))
  const log = sim.model.log
  expect(elapsed).toBeGreaterThanOrEqual(Math.floor(((log.at(-1)?.at ?? 0) - (log[0]?.at ?? 0)) / 1000))
}

/** A result entry as the action reports it for a pipeline; fields not given are checked too. */
export function pipelineEntry(id: number, fields: Partial<ResultEntry>): ResultEntry {
  return {
    kind: 'pipeline',
    id,
    status: 'active',
    is_running: false,
    is_active: true,
    is_blocked: false,
    kubo_status_type: null,
    raw_msg: null,
    verdict: 'healthy',
    healthy: true,
    elapsed: expect.any(Number) as unknown as number,
    url: `https://app.kondado.com.br/pipelines/${id}`,
    run: 'current',
    ...fields,
  }
}

export function modelEntry(id: number, fields: Partial<ResultEntry>): ResultEntry {
  return {
    kind: 'model',
    id,
    status: 'active',
    is_running: false,
    is_active: true,
    is_blocked: null,
    kubo_status_type: 'operational',
    raw_msg: null,
    verdict: 'healthy',
    healthy: true,
    elapsed: expect.any(Number) as unknown as number,
    url: `https://app.kondado.com.br/models/${id}`,
    run: 'current',
    ...fields,
  }
}

/** The single-value outputs for one status, as strings. */
export function flagsOutputs(
  status: string,
  flags: { running?: boolean; active?: boolean; blocked?: boolean | null; rawMsg?: string; kubo?: string },
): Record<string, string> {
  return {
    status,
    'is-running': String(flags.running ?? false),
    'is-active': String(flags.active ?? true),
    'is-blocked': flags.blocked === null ? '' : String(flags.blocked ?? false),
    'raw-msg': flags.rawMsg ?? '',
    'kubo-status-type': flags.kubo ?? '',
  }
}
