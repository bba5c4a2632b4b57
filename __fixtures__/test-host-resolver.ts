// Preloaded into a child by `resolvingEnv` (test-host.ts): its TEST_HOSTS (`name=address,...`)
// resolve to their addresses, every other name as usual. Node's sockets look names up through
// the `dns` module's `lookup` at connect time, so replacing that function reaches every connection.

import dns, { type LookupAddress, type LookupOptions } from 'node:dns'
import { isIP } from 'node:net'

const hosts = new Map(
  (process.env.TEST_HOSTS ?? '')
    .split(',')
    .filter(Boolean)
    .map((pair) => pair.split('=') as [string, string]),
)

type Callback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void
const original = dns.lookup.bind(dns) as (hostname: string, options: LookupOptions, callback: Callback) => void

function lookup(hostname: string, options: LookupOptions | number | Callback, callback?: Callback): void {
  const done = typeof options === 'function' ? options : (callback as Callback)
  const given: LookupOptions = typeof options === 'object' ? options : typeof options === 'number' ? { family: options } : {}
  const address = hosts.get(hostname)
  if (address === undefined) return original(hostname, given, done)
  const family = isIP(address)
  process.nextTick(() => (given.all ? done(null, [{ address, family }]) : done(null, address, family)))
}

Object.assign(dns, { lookup })
