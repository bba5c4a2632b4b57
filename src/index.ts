import { setFlagsFromString } from 'node:v8'

// action.yml says `using: node24`, and the bundle needs it (undici uses Node 24's zlib): under an
// older Node, loading main.ts would die with a TypeError deep in a dependency. So this runs first,
// with nothing else loaded yet (a static import would be evaluated before it), and says so in one
// line. The words live here, not in messages/, because loading those loads the core and undici.
const NODE_MAJOR = 24
const found = process.versions.node
if (Number(found.split('.')[0]) < NODE_MAJOR) {
  const portuguese = (process.env.INPUT_LANGUAGE ?? '').trim().toLowerCase() === 'pt-br'
  console.log(
    portuguese
      ? `::error::A action da Kondado precisa do Node.js ${NODE_MAJOR} ou mais novo, e este é o Node.js ${found}: execute-a com o Node ${NODE_MAJOR} (depois do npm ci, node_modules/.bin/node) ou num runner que suporte 'using: node${NODE_MAJOR}'.`
      : `::error::The Kondado action needs Node.js ${NODE_MAJOR} or later, and this is Node.js ${found}: run it with Node ${NODE_MAJOR} (after npm ci, node_modules/.bin/node) or on a runner that supports 'using: node${NODE_MAJOR}'.`,
  )
  process.exit(1)
}

// undici parses HTTP with WebAssembly, which V8 recompiles with its optimizing compiler in the
// background, and an exiting process waits for that job: about 100 ms, most of a second on a
// busy runner. The baseline code is plenty for a few small answers, and a cancelled step ends
// at once. Set before the first request compiles the parser.
setFlagsFromString('--no-wasm-dynamic-tiering --no-wasm-tier-up')
const { run } = await import('./main.ts')
await run()
// Idle keep-alive sockets would hold the process for seconds; a cancelled step must end now.
process.exit()
