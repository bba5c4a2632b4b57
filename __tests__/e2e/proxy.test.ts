// Self-hosted runners behind a company proxy: the bundled action finds the proxy in the
// environment, as the runner sets it, and reaches Kondado's https address through a tunnel that
// carries only TLS. The simulator serves https here as `kondado.test`, a name only the proxy
// resolves (to 127.0.0.1), with a certificate from a CA made for the test; the child trusts that
// CA through NODE_EXTRA_CA_CERTS, as a runner trusts a company CA.
//
// A base-url on this machine (the simulator on http://127.0.0.1) never goes through a proxy: in a
// tunnel, plain http would show the proxy the request line, whose query holds the key and token.

import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { ConnectProxy } from '../../__fixtures__/connect-proxy.ts'
import { secretForms } from '../../__fixtures__/action-checks.ts'
import { makeTestCertificate, resolvingEnv, TEST_HOST, type TestCertificate } from '../../__fixtures__/test-host.ts'
import { KondadoSimulator, type KondadoModel } from '../../simulator/index.ts'
import { act, busyFor, cleanUp, errorLines, expectClean, KEY, startSimulator, TOKEN, visibleStdout } from './helpers.ts'

const PROXY_USER = { user: 'runner', password: 'pr0xy pass' }
/** The proxy resolves the test host; the child's own resolver does not, unless a test gives it `resolvingEnv`. */
const PROXY_HOSTS = { [TEST_HOST]: '127.0.0.1' }

let certificate: TestCertificate
const proxies: ConnectProxy[] = []
const tlsSimulators: KondadoSimulator[] = []

beforeAll(async () => {
  certificate = await makeTestCertificate([TEST_HOST, 'localhost'])
})

afterAll(async () => {
  await Promise.all([...proxies, ...tlsSimulators].map((server) => server.stop()))
  await cleanUp()
  await certificate.remove()
})

async function startProxy(credentials?: { user: string; password: string }): Promise<ConnectProxy> {
  const proxy = new ConnectProxy(credentials, { hosts: PROXY_HOSTS })
  proxies.push(proxy)
  await proxy.start()
  return proxy
}

/** The simulator over https, on 127.0.0.1, with `hostName` in its base URL. */
async function startTlsSimulator(setup: (model: KondadoModel) => void, hostName = TEST_HOST): Promise<KondadoSimulator> {
  const sim = new KondadoSimulator({ key: KEY, token: TOKEN }, { tls: certificate, hostName })
  tlsSimulators.push(sim)
  setup(sim.model)
  await sim.start()
  return sim
}

const withCredentials = (proxy: ConnectProxy, { user, password }: { user: string; password: string }): string =>
  proxy.url.replace('http://', `http://${user}:${encodeURIComponent(password)}@`)

/** The key and token in every form a request could carry them: none may reach the proxy. */
function expectNoSecretIn(seen: string | Buffer): void {
  for (const secret of [KEY, TOKEN])
    for (const form of secretForms(secret)) expect({ form, seen: seen.includes(form) }).toEqual({ form, seen: false })
}

describe('behind a proxy, to an https base-url', () => {
  test.concurrent(
    'a run through the proxy named by https_proxy, with its user name and password: healthy, and the proxy saw only tunnels to Kondado, carrying TLS',
    async () => {
      const sim = await startTlsSimulator((m) => m.addPipeline({ id: 2040, run: busyFor(1) }))
      const proxy = await startProxy(PROXY_USER)
      const run = await act(
        sim,
        { 'pipeline-id': '2040' },
        { NODE_EXTRA_CA_CERTS: certificate.caFile, https_proxy: withCredentials(proxy, PROXY_USER) },
      )

      expect(run.code).toBe(0)
      expect(run.outputs.healthy).toBe('true')
      expect(sim.model.log.map((entry) => entry.kind)).toContain('run')
      // One tunnel, or more if an idle one was closed: each a CONNECT to Kondado's host and port with
      // the runner's credentials, and nothing else. The child cannot resolve the host itself, so
      // the run reached Kondado through these tunnels only.
      const basic = `Basic ${Buffer.from(`${PROXY_USER.user}:${PROXY_USER.password}`).toString('base64')}`
      const asked = proxy.requests.map((r) => [r.method, r.target, r.headers['proxy-authorization']])
      expect(asked.length).toBeGreaterThan(0)
      expect(asked).toEqual(proxy.requests.map(() => ['CONNECT', `${TEST_HOST}:${sim.port}`, basic]))
      expectNoSecretIn(JSON.stringify(proxy.requests))
      // What went through the tunnels: TLS, whose handshake names the host (SNI) and hides the rest.
      const tunnelled = proxy.tunnelled
      expect(tunnelled.includes(TEST_HOST)).toBe(true)
      for (const plain of ['/pipelines/', 'HTTP/1.1', 'kondado-github-action'])
        expect({ plain, seen: tunnelled.includes(plain) }).toEqual({ plain, seen: false })
      expectNoSecretIn(tunnelled)
      expectClean(run, sim)
    },
  )

  test.concurrent('the wrong proxy password: PROXY_407, the step fails without retrying, and Kondado is never asked', async () => {
    const sim = await startTlsSimulator((m) => m.addPipeline({ id: 2040 }))
    const proxy = await startProxy(PROXY_USER)
    const wrong = { user: PROXY_USER.user, password: 'not the one' }
    const run = await act(
      sim,
      { command: 'status', 'pipeline-id': '2040' },
      { NODE_EXTRA_CA_CERTS: certificate.caFile, HTTPS_PROXY: withCredentials(proxy, wrong) },
    )

    expect(run.code).toBe(1)
    expect(visibleStdout(run)).toContain('PROXY_407')
    expect(proxy.requests.map((r) => [r.method, r.target])).toEqual([['CONNECT', `${TEST_HOST}:${sim.port}`]])
    expect(sim.model.log).toEqual([])
    for (const form of secretForms(wrong.password)) expect(run.stdout + run.stderr).not.toContain(form)
    expectClean(run, sim)
  })

  test.concurrent(
    'a proxy variable that is not an address: a one-line error naming it, before any request, without its value',
    async () => {
      const sim = await startTlsSimulator((m) => m.addPipeline({ id: 2040 }))
      const run = await act(
        sim,
        { 'pipeline-id': '2040' },
        { NODE_EXTRA_CA_CERTS: certificate.caFile, HTTPS_PROXY: 'socks5://user:hunter2@proxy.corp:1080' },
      )

      expect(run.code).toBe(1)
      const proxyErrors = errorLines(run).filter((line) => line.includes('_PROXY'))
      expect(proxyErrors).toEqual([expect.stringContaining("Environment variable 'HTTPS_PROXY' is not a proxy address")])
      expect(proxyErrors[0]).not.toContain('%0A')
      for (const part of ['hunter2', 'socks5', 'proxy.corp']) expect(run.stdout + run.stderr).not.toContain(part)
      expect(sim.model.log).toEqual([])
      expectClean(run, sim)
    },
  )

  // The proxy could carry this one (it resolves the host): no_proxy alone keeps it away. The child
  // is given a resolver for the test host, as a runner's DNS would know Kondado's.
  test.concurrent("no_proxy naming Kondado's host: straight there, the proxy unused", async () => {
    const sim = await startTlsSimulator((m) => m.addPipeline({ id: 2040 }))
    const proxy = await startProxy()
    const run = await act(
      sim,
      { command: 'status', 'pipeline-id': '2040' },
      { ...resolvingEnv(PROXY_HOSTS), NODE_EXTRA_CA_CERTS: certificate.caFile, HTTPS_PROXY: proxy.url, NO_PROXY: TEST_HOST },
    )

    expect(run.code).toBe(0)
    expect(run.outputs.healthy).toBe('true')
    expect(sim.model.log).toHaveLength(1)
    expect(proxy.connections).toBe(0)
    expectClean(run, sim)
  })
})

describe('a base-url on this machine never goes through a proxy', () => {
  test.concurrent.each([
    ['http://127.0.0.1, with HTTP_PROXY', 'http', 'HTTP_PROXY'],
    ['https://localhost, with HTTPS_PROXY', 'https', 'HTTPS_PROXY'],
  ] as const)('%s naming a live proxy: the proxy receives no request at all, and the step is healthy', async (_, scheme, variable) => {
    const setup = (m: KondadoModel): void => m.addPipeline({ id: 2040, run: busyFor(1) })
    const sim = scheme === 'http' ? await startSimulator(setup) : await startTlsSimulator(setup, 'localhost')
    const proxy = await startProxy()
    const run = await act(sim, { 'pipeline-id': '2040' }, { NODE_EXTRA_CA_CERTS: certificate.caFile, [variable]: proxy.url })

    expect(new URL(sim.baseUrl).protocol).toBe(`${scheme}:`)
    expect(run.code).toBe(0)
    expect(run.outputs.healthy).toBe('true')
    expect(sim.model.log.map((entry) => entry.kind)).toContain('run')
    expect(proxy.connections).toBe(0)
    expect(proxy.requests).toEqual([])
    expectClean(run, sim)
  })

  test.concurrent('the proxy variables are not even read: one that is not an address fails nothing', async () => {
    const sim = await startSimulator((m) => m.addPipeline({ id: 2040 }))
    const run = await act(sim, { command: 'status', 'pipeline-id': '2040' }, { HTTP_PROXY: 'socks5://user:hunter2@proxy.corp:1080' })

    expect(run.code).toBe(0)
    expect(run.outputs.healthy).toBe('true')
    expect(sim.model.log).toHaveLength(1)
    expect(run.stdout).not.toContain('_PROXY')
    expectClean(run, sim)
  })
})
