// Self-hosted runners behind a company proxy: the bundled action finds it in the environment,
// as the runner sets it, and talks to Kondado through a tunnel the proxy cannot read.

import { afterAll, describe, expect, test } from '@jest/globals'
import { ConnectProxy } from '../../__fixtures__/connect-proxy.ts'
import { startAction } from '../../harness/run-action.ts'
import { busyFor, cleanUp, expectClean, inputsFor, KEY, startSimulator, TOKEN } from './helpers.ts'

const proxies: ConnectProxy[] = []
afterAll(async () => {
  await Promise.all(proxies.map((proxy) => proxy.stop()))
  await cleanUp()
})

async function startProxy(credentials?: { user: string; password: string }): Promise<ConnectProxy> {
  const proxy = new ConnectProxy(credentials)
  proxies.push(proxy)
  await proxy.start()
  return proxy
}

describe('behind a proxy', () => {
  test.concurrent('a run through the proxy named by http_proxy: healthy, and the proxy saw only tunnels to Kondado', async () => {
    const sim = await startSimulator((m) => m.addPipeline({ id: 2040, run: busyFor(1) }))
    const proxy = await startProxy({ user: 'runner', password: 'pr0xy pass' })
    const proxyUrl = proxy.url.replace('http://', `http://runner:${encodeURIComponent('pr0xy pass')}@`)
    const run = await startAction(inputsFor(sim, { 'pipeline-id': '2040' }), { http_proxy: proxyUrl, no_proxy: '' }).done

    expect(run.code).toBe(0)
    expect(run.outputs.healthy).toBe('true')
    expect(sim.model.log.map((entry) => entry.kind)).toContain('run')
    // One tunnel, or more if an idle one was closed: each a CONNECT to Kondado's host, and nothing else.
    const tunnels = proxy.requests.map((r) => [r.method, r.target])
    expect(tunnels[0]).toEqual(['CONNECT', new URL(sim.baseUrl).host])
    expect(tunnels).toEqual(proxy.requests.map(() => ['CONNECT', new URL(sim.baseUrl).host]))
    const seenByProxy = JSON.stringify(proxy.requests)
    for (const secret of [KEY, TOKEN]) for (const form of [secret, encodeURIComponent(secret)]) expect(seenByProxy).not.toContain(form)
    expectClean(run, sim)
  })

  test.concurrent(
    'a proxy variable that is not an address: a one-line error naming it, before any request, without its value',
    async () => {
      const sim = await startSimulator((m) => m.addPipeline({ id: 2040 }))
      const run = await startAction(inputsFor(sim, { 'pipeline-id': '2040' }), { HTTP_PROXY: 'socks5://user:hunter2@proxy.corp:1080' }).done

      expect(run.code).toBe(1)
      expect(run.stdout).toContain("::error::Environment variable 'HTTP_PROXY' is not a proxy address")
      expect(run.stdout).not.toContain('hunter2')
      expect(sim.model.log).toEqual([])
      expectClean(run, sim)
    },
  )

  test.concurrent("no_proxy naming Kondado's host: straight there, the proxy unused", async () => {
    const sim = await startSimulator((m) => m.addPipeline({ id: 2040 }))
    const proxy = await startProxy()
    const run = await startAction(inputsFor(sim, { command: 'status', 'pipeline-id': '2040' }), {
      HTTP_PROXY: proxy.url,
      NO_PROXY: '127.0.0.1',
    }).done

    expect(run.code).toBe(0)
    expect(sim.model.log).toHaveLength(1)
    expect(proxy.requests).toEqual([])
    expectClean(run, sim)
  })
})
