import { describe, expect, test } from '@jest/globals'
import { inert } from '../../src/report/markdown.ts'
import { forLog, forOutput, noPings, visible } from '../../src/report/neutralize.ts'
import { commandsIn, HOSTILE } from '../../__fixtures__/runner-commands.ts'

describe('for the log', () => {
  test.each(HOSTILE)('%j is obeyed as no command, and still reads as it came', (text) => {
    const safe = forLog(text)
    expect(commandsIn(safe)).toEqual([])
    expect(safe).not.toMatch(/[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\r]/)
    // A person reads the same words: only the command marks are broken.
    expect(safe.replace(/\\\[/g, '[').replace(/: :/g, '::').replace(/\s+/g, ' ')).toContain(
      visible(text).replace(/\n/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 12),
    )
  })

  test('text that carries no command mark is left as it is', () => {
    for (const text of ['pipeline 2040: running', 'a: b :: c', '# heading', 'key ## value [x]']) expect(forLog(text)).toBe(text)
  })

  test('outputs are held to the same rule: a later step that echoes one obeys nothing', () => {
    for (const text of HOSTILE) expect(commandsIn(forOutput(text))).toEqual([])
  })
})

describe('for Markdown (the job summary and the pull-request comment)', () => {
  test('no mention, issue reference or bare address survives, and nothing invisible', () => {
    const md = inert(HOSTILE.join(' '))
    expect(md).not.toMatch(/@[\w-]/)
    expect(md).not.toMatch(/(?<!&)#\d/)
    expect(md).not.toMatch(/https?:\/\//)
    expect(md).not.toMatch(/www\./)
    expect(md).not.toMatch(/[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]/)
    // The zero-width space that breaks them is an entity: the source holds none.
    expect(md).toContain('@&#8203;user')
    expect(md).toContain('@&#8203;org/team')
    expect(md).toContain('\\#&#8203;123')
    expect(md).toContain('https&#8203;://evil.example')
    expect(md).toContain('www&#8203;.evil.example')
  })

  test('an entity that breaks one pattern is not broken again by another', () => {
    expect(noPings('@a #1')).toBe('@&#8203;a #&#8203;1')
  })
})

describe('exactly what a reader gets', () => {
  test('a lone carriage return ends a line, as the runner reads it; the line after it starts no command', () => {
    expect(forLog('ok\r::error::forged')).toBe('ok\n: :error::forged')
    expect(forLog('a\r\nb')).toBe('a\nb')
  })

  test('a control character becomes a space, so the words around it do not run together', () => {
    expect(visible('source\tdestination\u0007down')).toBe('source destination down')
  })

  test('bidi and zero-width characters are dropped, nothing put in their place', () => {
    expect(forLog('zero\u200bwidth \u202ereversed\u202c\ufeff')).toBe('zerowidth reversed')
  })

  test('a plain http address is no link either', () => {
    expect(inert('see http://evil.example')).toBe('see http&#8203;://evil.example')
  })
})
