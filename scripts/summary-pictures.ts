/**
 * `npm run docs:pictures`: a picture of each kind of job summary, in English and in Portuguese,
 * made from real runs. Each run is the bundled action (dist/index.js) as a runner starts it,
 * against a fresh Kondado simulator; its summary's Markdown is rendered to HTML with styles close
 * to GitHub's and screenshotted with headless Chromium into docs/pictures/KIND.LANGUAGE.png.
 *
 * Needs Chromium (Debian: `apt-get install -y chromium`; or set CHROMIUM to a browser binary), so
 * it is not part of CI. Options: --only KIND (repeatable), --keep-html (writes the HTML beside the PNG).
 */
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { startAction } from '../harness/run-action.ts'
import { demoScenario, DEMO_KEY, DEMO_TOKEN, KondadoSimulator } from '../simulator/index.ts'
import { markdownToHtml } from './lib/markdown-html.ts'

const ROOT = resolve(import.meta.dirname, '..')
const OUT = join(ROOT, 'docs', 'pictures')
const LANGUAGES = ['en', 'pt-BR'] as const
const WIDTH = 960

/** The kinds of summary the docs show, as the inputs of a step on the demo simulator. */
export const KINDS: Readonly<Record<string, Record<string, string>>> = {
  'run-failure': { command: 'run', 'pipeline-id': '2040, 2041' },
  'status-gate': { command: 'status', 'pipeline-id': '2040 2042 2043', 'model-id': '162 163' },
  duplicate: {
    command: 'duplicate',
    'pipeline-id': '2040',
    'src-collection-id': '11',
    'dest-collection-id': '12',
    name: 'Orders (production)',
    'full-tables': '{"": "orders", "statuses": "orders_statuses"}',
    'execute-immediately': 'true',
  },
  timeout: { command: 'run', 'pipeline-id': '2040', timeout: '5s' },
}

const STYLE = `
body { margin: 0; background: #fff; color: #1f2328; font: 14px/1.5 -apple-system, BlinkMacSystemFont, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif; }
main { box-sizing: border-box; width: ${WIDTH}px; padding: 24px 32px; }
h2 { font-size: 1.5em; font-weight: 600; padding-bottom: .3em; border-bottom: 1px solid #d1d9e0; margin: 0 0 16px; }
table { border-collapse: collapse; margin: 0 0 16px; display: block; width: max-content; max-width: 100%; overflow: auto; }
th, td { border: 1px solid #d1d9e0; padding: 6px 13px; text-align: left; vertical-align: top; }
th { font-weight: 600; } tbody tr:nth-child(2n) { background: #f6f8fa; }
code { font: 85% ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, "Liberation Mono", monospace; background: #eff1f3; border-radius: 6px; padding: .2em .4em; }
a { color: #0969da; text-decoration: none; }
ul { padding-left: 2em; margin: 0 0 16px; } p { margin: 0 0 16px; }
blockquote { margin: 0 0 16px; padding: 0 1em; color: #59636e; border-left: .25em solid #d1d9e0; }`

const page = (markdown: string): string =>
  `<!doctype html><html><head><meta charset="utf-8"><style>${STYLE}</style></head><body><main>${markdownToHtml(markdown)}</main></body></html>`

/** Enough height for the summary: Chromium's --screenshot takes the window, not the page. */
function heightOf(markdown: string): number {
  const lines = markdown.split('\n').filter((line) => line.trim() !== '')
  const weight = (line: string): number =>
    line.startsWith('#') ? 60 : line.startsWith('|') ? 38 + 20 * Math.floor(line.length / 170) : 30 + 20 * Math.floor(line.length / 120)
  return 40 + lines.reduce((sum, line) => sum + weight(line), 0)
}

async function summaryOf(inputs: Record<string, string>, language: string): Promise<string> {
  const simulator = new KondadoSimulator({ key: DEMO_KEY, token: DEMO_TOKEN })
  demoScenario(simulator.model)
  await simulator.start()
  try {
    const run = await startAction({ ...inputs, key: DEMO_KEY, token: DEMO_TOKEN, language, 'base-url': simulator.baseUrl }).done
    if (run.summary.trim() === '') throw new Error(`no job summary (exit ${run.code}): ${run.stderr}`)
    return run.summary
  } finally {
    await simulator.stop()
  }
}

function screenshot(html: string, png: string, height: number): void {
  const dir = mkdtempSync(join(tmpdir(), 'kondado-pictures-'))
  try {
    const file = join(dir, 'summary.html')
    writeFileSync(file, html)
    const browser = process.env.CHROMIUM ?? 'chromium'
    const flags = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking']
    flags.push('--disable-component-update', '--disable-sync', '--hide-scrollbars', `--user-data-dir=${join(dir, 'profile')}`)
    const result = spawnSync(browser, [...flags, `--screenshot=${png}`, `--window-size=${WIDTH},${height}`, `file://${file}`], {
      encoding: 'utf8',
      timeout: 60_000,
    })
    if (result.error !== undefined || result.status !== 0) {
      throw new Error(`${browser} failed (${result.error?.message ?? `exit ${result.status}`}): ${result.stderr.slice(-500)}`)
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

const { values } = parseArgs({ options: { only: { type: 'string', multiple: true }, 'keep-html': { type: 'boolean', default: false } } })
const kinds = Object.keys(KINDS).filter((kind) => values.only === undefined || values.only.includes(kind))
mkdirSync(OUT, { recursive: true })
// Every run has its own simulator, so they can go at once: each waits on simulated pipelines, not on the CPU.
const jobs = kinds.flatMap((kind) => LANGUAGES.map((language) => ({ kind, language })))
const summaries = await Promise.all(jobs.map(({ kind, language }) => summaryOf(KINDS[kind] ?? {}, language)))
for (const [i, { kind, language }] of jobs.entries()) {
  const markdown = summaries[i] ?? ''
  const png = join(OUT, `${kind}.${language}.png`)
  if (values['keep-html']) writeFileSync(png.replace(/\.png$/, '.html'), page(markdown))
  screenshot(page(markdown), png, heightOf(markdown))
  console.log(`docs/pictures/${kind}.${language}.png`)
}
