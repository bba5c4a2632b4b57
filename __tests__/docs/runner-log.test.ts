import { describe, expect, test } from '@jest/globals'
import { ANSI, renderRunnerLog } from '../../scripts/lib/runner-log.ts'
import { inline, markdownToHtml } from '../../scripts/lib/markdown-html.ts'

describe('the Actions page view of a step log (npm run demo)', () => {
  test('hides masks, outputs and debug lines; masks every later line; groups become headers over indented lines', () => {
    const stdout = [
      '::add-mask::s3cr%25t',
      '::add-mask::s3cr',
      '::debug::GET /pipelines/2040/status 200',
      'read with s3cr%t and s3cr',
      '::group::pipeline 2040: healthy',
      'inside',
      '::endgroup::',
      '::error title=pipeline 2041%3A unhealthy::two%0Alines',
      '::warning::careful',
      '::set-output name=healthy::true',
      'after',
      '',
    ].join('\n')
    expect(renderRunnerLog(stdout)).toEqual([
      'read with *** and ***',
      '▶ pipeline 2040: healthy',
      '  inside',
      'Error: two',
      'Error: lines',
      'Warning: careful',
      'after',
    ])
  })

  test('colours headers and errors only when asked to', () => {
    expect(renderRunnerLog('::group::g\n::error::e\n', ANSI)).toEqual(['\x1b[1m▶ g\x1b[0m', '  \x1b[31mError: e\x1b[0m'])
  })
})

describe('the job summary as HTML (npm run docs:pictures)', () => {
  test('renders what a summary writes: headings, tables with escaped pipes, lists, links, code and emphasis', () => {
    const markdown =
      '## Kondado: run\n\n| A | B |\n| --- | --- |\n| [p 1](https://x/1) | `a\\|b` <x> |\n\n- **bold** and *it*\n- two\n\nFinished in 1s.\n'
    expect(markdownToHtml(markdown)).toBe(
      [
        '<h2>Kondado: run</h2>',
        '<table><thead><tr><th>A</th><th>B</th></tr></thead><tbody><tr><td><a href="https://x/1">p 1</a></td><td><code>a|b</code> &lt;x&gt;</td></tr></tbody></table>',
        '<ul><li><strong>bold</strong> and <em>it</em></li><li>two</li></ul>',
        '<p>Finished in 1s.</p>',
      ].join('\n'),
    )
    expect(inline('`**not bold**`')).toBe('<code>**not bold**</code>')
  })
})
