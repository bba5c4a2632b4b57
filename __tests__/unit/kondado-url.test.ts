import { describe, test, expect } from '@jest/globals'
import { apiUrl, appUrl } from '../../src/core/kondado-url.ts'

describe('apiUrl', () => {
  test('path appended to the base, key and token form-encoded in the query', () => {
    const url = apiUrl(new URL('https://k2.kondado.com.br'), '/pipelines/2040/status', { key: 'k y', token: 'a+b/c%d&e=f?ö' })
    expect(url.href).toBe('https://k2.kondado.com.br/pipelines/2040/status?key=k+y&token=a%2Bb%2Fc%25d%26e%3Df%3F%C3%B6')
    expect(url.searchParams.get('token')).toBe('a+b/c%d&e=f?ö')
  })

  test('a base with a path keeps it, whatever its trailing slashes', () => {
    for (const base of ['https://proxy.example/kondado', 'https://proxy.example/kondado/', 'https://proxy.example/kondado//']) {
      expect(apiUrl(new URL(base), '/models/1/status', { key: 'k', token: 't' }).href).toBe(
        'https://proxy.example/kondado/models/1/status?key=k&token=t',
      )
    }
  })

  test('a loopback base with a port', () => {
    expect(apiUrl(new URL('http://127.0.0.1:8080/'), '/pipelines', { key: 'k', token: 't' }).href).toBe(
      'http://127.0.0.1:8080/pipelines?key=k&token=t',
    )
  })
})

describe('appUrl', () => {
  test('pipelines and models in the Kondado app', () => {
    expect(appUrl({ kind: 'pipeline', id: 2040 })).toBe('https://app.kondado.com.br/pipelines/2040')
    expect(appUrl({ kind: 'model', id: 162 })).toBe('https://app.kondado.com.br/models/162')
  })
})
