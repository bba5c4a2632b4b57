import { describe, expect, test } from '@jest/globals'
import { apiUrl } from '../../src/core/kondado-api.ts'
import { createRedactor, EXCERPT_LIMIT, scrub, secretVariants } from '../../src/core/safe-text.ts'

const SECRETS = [
  'plainToken123',
  'tök en+/%="\'', // space, '+', '/', '%', '=', both quotes, non-ASCII
  'a b+c/d%e',
  'ação/çé+1%20',
  '日本語 トークン',
  'emoji😀key',
  'back\\slash"quote',
  '?&=#',
]

/** Each way a secret can travel, written out here rather than taken from the module under test. */
const ENCODINGS: Record<string, (s: string) => string> = {
  raw: (s) => s,
  'URL-encoded (encodeURIComponent)': (s) => encodeURIComponent(s),
  'URL-encoded (encodeURI)': (s) => encodeURI(s),
  'form-encoded with +': (s) => new URLSearchParams({ t: s }).toString().slice(2),
  'as URL.searchParams writes it': (s) => {
    const url = new URL('https://k2.kondado.com.br/x')
    url.searchParams.set('token', s)
    return url.search.slice('?token='.length)
  },
  base64: (s) => Buffer.from(s, 'utf8').toString('base64'),
  base64url: (s) => Buffer.from(s, 'utf8').toString('base64url'),
  'JSON-escaped': (s) => JSON.stringify(s).slice(1, -1),
  // What Python's json.dumps writes by default (ensure_ascii): non-ASCII as \uXXXX.
  'JSON-escaped, ASCII only': (s) =>
    JSON.stringify(s)
      .slice(1, -1)
      .replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`),
}

describe('every variant of a secret is masked', () => {
  for (const secret of SECRETS) {
    for (const [name, encode] of Object.entries(ENCODINGS)) {
      test(`${JSON.stringify(secret)} ${name}`, () => {
        const variant = encode(secret)
        const redact = createRedactor(['some-key', secret])
        const out = redact(`before ${variant} after`)
        expect(out).not.toContain(variant)
        expect(out).toBe('before *** after')
      })
    }
  }
})

describe('createRedactor', () => {
  test('a whole request URL loses both key and token', () => {
    const key = 'my key/1'
    const token = 'tök en+/%="\''
    const url = apiUrl(new URL('https://k2.kondado.com.br'), '/pipelines/2040/status', { key, token })
    const redact = createRedactor([key, token])
    const out = redact(`GET ${url.href} failed`)
    expect(out).toBe('GET https://k2.kondado.com.br/pipelines/2040/status?key=***&token=*** failed')
  })

  test('every occurrence is masked, and text without secrets is left alone', () => {
    const redact = createRedactor(['s3cr3t'])
    expect(redact('s3cr3t and s3cr3t again')).toBe('*** and *** again')
    expect(redact('nothing to hide: s3cr and 3t')).toBe('nothing to hide: s3cr and 3t')
  })

  test('a secret inside a longer variant is replaced whole, not leaving encoded pieces', () => {
    const secret = 'a b'
    const redact = createRedactor([secret])
    expect(redact('x a%20b y a+b z')).toBe('x *** y *** z')
  })

  test('an empty secret masks nothing', () => {
    const redact = createRedactor(['', 'tok'])
    expect(redact('hello tok')).toBe('hello ***')
    expect(createRedactor([''])('hello')).toBe('hello')
  })

  test('secretVariants of an empty secret is empty, and variants are longest first', () => {
    expect(secretVariants('')).toEqual([])
    expect(secretVariants('tök en+')).toEqual([
      't%C3%B6k%20en%2B',
      't%c3%b6k%20en%2b',
      't%C3%B6k%20en+',
      't%C3%B6k+en%2B',
      'dMO2ayBlbis=',
      't\\u00f6k en+',
      'dMO2ayBlbis',
      't%F6k%20en+',
      'tök en+',
    ])
  })

  test('a key that is the start of the token does not leave the rest of the token printed', () => {
    const redact = createRedactor(['abc', 'abcdef'])
    expect(redact('GET /x?token=abcdef&key=abc')).toBe('GET /x?token=***&key=***')
  })

  test('a key inside the token, given in either order, masks the token whole', () => {
    expect(createRedactor(['tok', 'my-tok-en'])('t=my-tok-en')).toBe('t=***')
    expect(createRedactor(['my-tok-en', 'tok'])('t=my-tok-en k=tok')).toBe('t=*** k=***')
  })
})

describe('percent-encoding in lower case', () => {
  test('a server that echoes the token with lower-case escapes is still masked', () => {
    const token = 'tõken ç+1'
    const lower = encodeURIComponent(token).replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase())
    expect(lower).not.toBe(encodeURIComponent(token))
    expect(createRedactor([token])(`echo: ${lower}`)).toBe('echo: ***')
  })
})

const none = (text: string): string => text
const LINE_BREAKS = /[\n\r\u000b\u000c\u0085\u2028\u2029]/
const CONTROLS = /[\u0000-\u001f\u007f-\u009f]/

describe('one line', () => {
  test.each([
    ['a\nb', 'a b'],
    ['a\r\nb', 'a b'],
    ['a\rb', 'a b'],
    ['a\u2028b\u2029c', 'a b c'],
    ['a\u0085b', 'a b'],
    ['a\u000bb\u000cc', 'a b c'],
    ['  lots \n\n of   \t space  ', 'lots of space'],
  ])('%j -> %j', (input, output) => {
    expect(scrub(input, none)).toBe(output)
  })

  test('a workflow command can never start a line', () => {
    for (const input of ['done\n::add-mask::x', 'ok\r::error::pwned', 'x\u2028::set-output name=a::b', 'a\n\n::stop-commands::t']) {
      const out = scrub(input, none)
      expect(out).not.toMatch(LINE_BREAKS)
      expect(out.split(/\r?\n/)).toHaveLength(1)
      expect(out.startsWith('::')).toBe(false)
    }
  })
})

describe('control and escape characters', () => {
  test('C0, C1 and DEL are gone', () => {
    const out = scrub('a\u0000b\u0007c\u0008d\u007fe\u0099f\u0090g', none)
    expect(out).not.toMatch(CONTROLS)
    expect(out).toBe('a b c d e f g')
  })

  test('the escape character of an ANSI sequence is gone', () => {
    const out = scrub('\u001b[31mred\u001b[0m and \u009b1mbold', none)
    expect(out).not.toMatch(CONTROLS)
  })

  test('whole ANSI sequences are removed, not left as visible [31m debris', () => {
    expect(scrub('\u001b[31mred\u001b[0m', none)).toBe('red')
    expect(scrub('\u001b[1;32mok\u001b[0m done', none)).toBe('ok done')
  })

  test('whole OSC sequences (window title, hyperlink) are removed, their text with them', () => {
    expect(scrub('\u001b]0;pwned title\u0007build failed', none)).toBe('build failed')
    expect(scrub('see \u001b]8;;https://evil.example/\u001b\\the log\u001b]8;;\u001b\\ here', none)).toBe('see the log here')
  })

  test('an OSC sequence cut off before its end is removed to the end of the text', () => {
    expect(scrub('failed \u001b]8;;https://evil.example/x', none)).toBe('failed')
  })
})

describe('length', () => {
  test('text over the limit is cut to the limit, with an ellipsis', () => {
    expect(EXCERPT_LIMIT).toBe(300)
    const out = scrub('x'.repeat(1_000), none)
    expect(out).toHaveLength(300)
    expect(out.endsWith('…')).toBe(true)
    expect(scrub('y'.repeat(50), none, 20)).toBe(`${'y'.repeat(19)}…`)
  })

  test('text at the limit is kept whole', () => {
    expect(scrub('z'.repeat(300), none)).toBe('z'.repeat(300))
  })

  test('the limit applies after the text is made one line', () => {
    expect(scrub(`${'a'.repeat(10)}\n\n\n\n${'b'.repeat(9)}`, none, 20)).toBe(`${'a'.repeat(10)} ${'b'.repeat(9)}`)
  })

  test('a cut never splits a character in two (no lone surrogate)', () => {
    const out = scrub(`${'a'.repeat(298)}😀😀😀`, none)
    expect(out.isWellFormed()).toBe(true)
    expect(out).toBe(`${'a'.repeat(298)}…`)
  })

  test('a cut keeps the characters before it whole, emoji included', () => {
    expect(scrub(`😀 ${'a'.repeat(400)}`, none, 10)).toBe('😀 aaaaaa…')
  })
})

describe('secrets', () => {
  test('the token is masked', () => {
    const redact = createRedactor(['key-1', 'tök en+'])
    expect(scrub('Invalid token tök en+ for key key-1', redact)).toBe('Invalid token *** for key ***')
  })

  test('a secret formed by joining lines is masked too', () => {
    const redact = createRedactor(['ab cd'])
    expect(scrub('x ab\ncd y', redact)).toBe('x *** y')
  })

  test('a secret near the cut does not leak a part of it', () => {
    const secret = 'SECRETSECRET'
    const out = scrub(`${'x'.repeat(295)}${secret}`, createRedactor([secret]))
    expect(out).not.toMatch(/SECR|CRET/)
  })
})

describe('a secret that forms only once escapes are stripped, right at the cut', () => {
  test('is redacted before the cut, so not even its start shows', () => {
    const redact = createRedactor(['SECRETTOKEN'])
    const text = `${'a'.repeat(292)}SECRET\u001b[0mTOKEN`
    expect(scrub(text, redact)).not.toContain('SECRETT')
    expect(scrub(text, redact)).not.toContain('SECRET')
  })
})
