import { run } from './main.ts'

await run()
// Idle keep-alive sockets would hold the process for seconds; a cancelled step must end now.
process.exit()
