// Reading inputs one at a time, each checked, noting every bad one with a message in the user's
// language. Which inputs there are, their defaults and ranges are inputs.ts's business.

import { type Command, formatDuration, parseDuration } from '../core/index.ts'
import { foreignInputs } from './commands.ts'
import type { Messages } from '../messages/en.ts'

/**
 * A bad input, named, with a message in the user's language. Thrown before any request; when a
 * step has several, one InputError carries them all, a line each, and names the first.
 */
export class InputError extends Error {
  readonly input: string
  /** Every bad input of the step, in the order they are read. */
  readonly inputs: readonly string[]
  constructor(input: string, message: string, inputs: readonly string[] = [input]) {
    super(message)
    this.name = 'InputError'
    this.input = input
    this.inputs = inputs
  }

  static of(errors: readonly [InputError, ...InputError[]]): InputError {
    const [first] = errors
    return new InputError(
      first.input,
      errors.map((error) => error.message).join('\n'),
      errors.map((error) => error.input),
    )
  }
}

/** How deeply a JSON input may nest: far more than any Kondado parameter needs, far less than a stack. */
export const MAX_JSON_DEPTH = 32

/** How many levels of objects and arrays a parsed JSON value has, counted without recursion. */
function depthOf(value: unknown): number {
  let deepest = 0
  const stack: [unknown, number][] = [[value, 1]]
  while (stack.length > 0) {
    const [item, depth] = stack.pop() as [unknown, number]
    if (typeof item !== 'object' || item === null) continue
    deepest = Math.max(deepest, depth)
    // Past the limit the answer is known: no need to walk the rest of a hostile value.
    if (deepest > MAX_JSON_DEPTH) return deepest
    for (const child of Object.values(item)) stack.push([child, depth + 1])
  }
  return deepest
}

export interface Range {
  readonly min: number
  readonly max: number
}

/**
 * Reads one input at a time and, instead of stopping at the first bad one, notes each (a line
 * in the error) and goes on with the input's fallback, so a step reports every bad input at once.
 */
export class Parser {
  readonly #raw: (name: string) => string
  readonly show: (value: string) => string
  readonly #fallbacks: Readonly<Record<string, string | number | boolean>>
  readonly #errors: InputError[] = []
  /** Inputs set for a command that does not read them: reported once, then read as left empty. */
  readonly #ignored = new Set<string>()
  messages: Messages

  constructor(
    raw: (name: string) => string,
    messages: Messages,
    show: (value: string) => string,
    fallbacks: Readonly<Record<string, string | number | boolean>>,
  ) {
    this.#raw = raw
    this.messages = messages
    this.show = show
    this.#fallbacks = fallbacks
  }

  value(name: string): string {
    return this.#ignored.has(name) ? '' : this.#raw(name)
  }

  fail<T>(name: string, message: string, fallback?: T): T {
    this.#errors.push(new InputError(name, message))
    return fallback as T
  }

  failed(name: string): boolean {
    return this.#errors.some((error) => error.input === name)
  }

  /** Runs a check that throws an InputError of its own, and notes it. */
  check<T>(read: () => T): T | undefined {
    try {
      return read()
    } catch (error) {
      if (!(error instanceof InputError)) throw error
      return this.fail(error.input, error.message, undefined)
    }
  }

  throwIfAny(): void {
    const [first, ...rest] = this.#errors
    if (first) throw InputError.of([first, ...rest])
  }

  /**
   * Set by the user: the runner passes action.yml's defaults as values, so an input counts as
   * given only when it differs from its default.
   */
  given(name: string): boolean {
    const value = this.#raw(name)
    const fallback = this.#fallbacks[name] ?? ''
    return value !== '' && value.toLowerCase() !== String(fallback).toLowerCase()
  }

  refuseForeign(command: Command): void {
    for (const [name, commands] of foreignInputs(command)) {
      if (!this.given(name)) continue
      this.fail(name, this.messages.input.notAllowedFor(name, command, commands))
      this.#ignored.add(name)
    }
  }

  required(name: string): string {
    return this.value(name) || this.fail(name, this.messages.input.required(name), '')
  }

  /** One of a few words, in any case: `Run` and `PT-BR` are what people type. */
  choice<T extends string>(name: string, choices: readonly T[], fallback: T): T {
    const value = this.value(name) || fallback
    return (
      choices.find((choice) => choice.toLowerCase() === value.toLowerCase()) ??
      this.fail(name, this.messages.input.choice(name, this.show(value), choices), fallback)
    )
  }

  boolean(name: string, fallback: boolean): boolean {
    const value = this.value(name)
    if (value === '') return fallback
    if (/^(true|yes)$/i.test(value)) return true
    if (/^(false|no)$/i.test(value)) return false
    return this.fail(name, this.messages.input.boolean(name, this.show(value)), fallback)
  }

  /** A duration to the millisecond, decimals allowed (`1.5m`), within a range in milliseconds. */
  duration(name: string, fallback: string, { min, max }: Range): number {
    const value = this.value(name) || fallback
    const ms = parseDuration(value)
    const fallbackMs = parseDuration(fallback) ?? 0
    if (ms === undefined) return this.fail(name, this.messages.input.duration(name, this.show(value)), fallbackMs)
    return ms >= min && ms <= max
      ? ms
      : this.fail(name, this.messages.input.durationRange(name, this.show(value), formatDuration(min), formatDuration(max)), fallbackMs)
  }

  /** Seconds as a plain number, decimals allowed (`2.5`), to the millisecond as durations are. */
  seconds(name: string, fallback: number, { min, max }: Range): number {
    const value = this.value(name)
    const n = value === '' ? fallback : Number(value)
    return /^\d+(\.\d+)?$/.test(value || '0') && n >= min && n <= max
      ? Math.round(n * 1000)
      : this.fail(name, this.messages.input.number(name, this.show(value), min, max), fallback * 1000)
  }

  integer(name: string, fallback: number, { min, max }: Range): number {
    const value = this.value(name)
    const n = value === '' ? fallback : Number(value)
    return /^\d*$/.test(value) && n >= min && n <= max
      ? n
      : this.fail(name, this.messages.input.number(name, this.show(value), min, max), fallback)
  }

  /** Ids separated by commas, spaces or newlines; each a positive whole number, kept in order, once. */
  ids(name: string): number[] {
    const parts = this.value(name)
      .split(/[\s,]+/)
      .filter(Boolean)
    const ids = parts.map((part) => this.#id(name, part)).filter((id) => id !== undefined)
    return [...new Set(ids)]
  }

  optionalId(name: string): number | undefined {
    const value = this.value(name)
    return value === '' ? undefined : this.#id(name, value)
  }

  #id(name: string, text: string): number | undefined {
    const n = Number(text)
    const digits = /^\d+$/.test(text)
    if (digits && Number.isSafeInteger(n) && n > 0) return n
    // Judged on the whole input: a secret split at its spaces must not show a word of it.
    const shown = this.show(this.value(name)) === '***' ? '***' : this.show(text)
    const input = this.messages.input
    const appCode = name === 'client-id' ? /^(\d+)-\d+$/.exec(text) : null
    if (appCode && shown !== '***') return this.fail(name, input.clientCode(name, shown, appCode[1] ?? ''), undefined)
    return this.fail(name, digits && n > 0 ? input.idTooLarge(name, shown, Number.MAX_SAFE_INTEGER) : input.notId(name, shown), undefined)
  }

  jsonObject(name: string): Record<string, unknown> | undefined {
    const value = this.value(name)
    if (value === '') return undefined
    let parsed: unknown
    try {
      parsed = JSON.parse(value)
    } catch {
      return this.fail(name, this.messages.input.json(name), undefined)
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      return this.fail(name, this.messages.input.jsonObject(name), undefined)
    // JSON.parse takes any depth, but the request body is built by JSON.stringify, which does not:
    // refused here, before any request, rather than failing as the request is made.
    if (depthOf(parsed) > MAX_JSON_DEPTH) return this.fail(name, this.messages.input.jsonDepth(name, MAX_JSON_DEPTH), undefined)
    return parsed as Record<string, unknown>
  }

  /** A table mapping: every value a table name, and the main table (path "") present. */
  tables(name: string): Record<string, string> | undefined {
    const object = this.jsonObject(name)
    if (!object) return undefined
    const bad = Object.entries(object).find(([, table]) => typeof table !== 'string' || table.trim() === '')
    if (bad) return this.fail(name, this.messages.input.stringMap(name, this.show(bad[0])), undefined)
    if (!Object.hasOwn(object, '')) return this.fail(name, this.messages.input.mainTable(name), undefined)
    return object as Record<string, string>
  }
}
