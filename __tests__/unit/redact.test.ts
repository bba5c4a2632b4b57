import { describe, test, expect } from '@jest/globals'
import { apiUrl } from '../../src/core/kondado-url.ts'
import { createRedactor, secretVariants } from '../../src/core/redact.ts'

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
