// node simulator/cli.ts [--port N] [--key K --token T] [--tls-key FILE --tls-cert FILE [--host NAME]]
// Prints one line, KONDADO_SIMULATOR_URL=..., on stdout; requests (paths only) go to stderr.
// With a key and certificate (PEM) it serves https, on 127.0.0.1 still; --host names it in the
// URL (a name the certificate holds, which the client must resolve to 127.0.0.1).

import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { KondadoSimulator } from './server.ts'
import { DEMO_KEY, DEMO_TOKEN, demoScenario } from './scenarios.ts'

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    key: { type: 'string', default: DEMO_KEY },
    token: { type: 'string', default: DEMO_TOKEN },
    quiet: { type: 'boolean', default: false },
    'tls-key': { type: 'string' },
    'tls-cert': { type: 'string' },
    host: { type: 'string' },
  },
})

const port = Number(values.port)
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`simulator: invalid --port ${values.port}`)
  process.exit(2)
}

if ((values['tls-key'] === undefined) !== (values['tls-cert'] === undefined)) {
  console.error('simulator: --tls-key and --tls-cert go together')
  process.exit(2)
}
const tls =
  values['tls-key'] === undefined || values['tls-cert'] === undefined
    ? undefined
    : { key: readFileSync(values['tls-key']), cert: readFileSync(values['tls-cert']) }

const sim = new KondadoSimulator(
  {
    key: values.key,
    token: values.token,
    onRequest: values.quiet
      ? undefined
      : (e) => console.error(`[kondado-sim] ${e.method} ${e.path} -> ${e.status || '-'} ${e.outcome}${e.fault ? ` (${e.fault})` : ''}`),
  },
  { ...(tls ? { tls } : {}), ...(values.host === undefined ? {} : { hostName: values.host }) },
)
demoScenario(sim.model)
await sim.start(port)
process.stdout.write(`KONDADO_SIMULATOR_URL=${sim.baseUrl}\n`)

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    sim.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    )
  })
}
