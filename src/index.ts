import { setFlagsFromString } from 'node:v8'
import { run } from './main.ts'

// undici parses HTTP with WebAssembly, which V8 recompiles with its optimizing compiler in the
// background, and an exiting process waits for that job: about 100 ms, most of a second on a
// busy runner. The baseline code is plenty for a few small answers, and a cancelled step ends
// at once. Set before the first request compiles the parser.
setFlagsFromString('--no-wasm-dynamic-tiering --no-wasm-tier-up')
await run()
// Idle keep-alive sockets would hold the process for seconds; a cancelled step must end now.
process.exit()
