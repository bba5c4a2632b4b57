import { describe, test, expect } from '@jest/globals'
import { cell, codeSpan, inert, row, table } from '../../src/report/markdown.ts'

describe('a table cell', () => {
  test('is one line, and every pipe is escaped, also inside code spans', () => {
    expect(cell('a | `b|c`')).toBe('a \\| `b\\|c`')
    expect(cell('one\ntwo\r\nthree\rfour')).toBe('one two three four')
    // The indentation of a folded YAML description goes with its line break.
    expect(cell('first line\n  second line\n\n  third')).toBe('first line second line third')
  })

  test('keeps the Markdown this project wrote', () => {
    expect(cell('**yes**, see [Health rules](#health-rules) and `status`')).toBe('**yes**, see [Health rules](#health-rules) and `status`')
  })
})

describe('inert text', () => {
  test('keeps the words and escapes each special character', () => {
    expect(inert('a|b')).toBe('a\\|b')
    expect(inert('<b>')).toBe('&lt;b&gt;')
    expect(inert('`x`')).toBe('\\`x\\`')
    expect(inert('[t](u)')).toBe('\\[t\\](u)')
    expect(inert('a & b')).toBe('a &amp; b')
    expect(inert('back\\slash')).toBe('back\\\\slash')
    expect(inert('one\ntwo\r\nthree')).toBe('one two three')
    expect(inert('**b** _i_ # h ~~s~~ ![i](x)')).toBe('\\*\\*b\\*\\* \\_i\\_ \\# h \\~\\~s\\~\\~ \\!\\[i\\](x)')
  })

  test('a backslash before a pipe stays a backslash, and the pipe stays in its cell', () => {
    expect(inert('a\\|b')).toBe('a\\\\\\|b')
  })
})

describe('a code span', () => {
  test('shows backticks as they are, with a fence longer than any run of them', () => {
    expect(codeSpan('active')).toBe('`active`')
    expect(codeSpan('a`b')).toBe('``a`b``')
    expect(codeSpan('`x`')).toBe('`` `x` ``')
    expect(codeSpan('a``b')).toBe('```a``b```')
  })
})

describe('a table', () => {
  test('has a header, a delimiter row and one line per row', () => {
    expect(table(['a', 'b'], [['1', '2']])).toBe('| a | b |\n| --- | --- |\n| 1 | 2 |')
    expect(table(['a', 'n'], [], ['---', '---:'])).toBe('| a | n |\n| --- | ---: |')
    expect(row(['x'])).toBe('| x |')
  })
})
