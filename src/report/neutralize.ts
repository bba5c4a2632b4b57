// Text from outside (Kondado's answers, inputs echoed back, a library's lines, GitHub payloads)
// made safe for each place it goes, in one place. Every writer goes through here: the log and
// its annotations (main.ts's runner logger, the GitHub side's lines), the job summary and the
// pull-request comment (`inert` in markdown.ts), and the outputs (outputs.ts).
//
// The runner obeys `::command::` at the start of a line (after blanks) and the legacy
// `##[command]` anywhere in a line (actions/runner, ActionCommand.TryParse); GitHub pings
// `@mentions`, links `#123` and autolinks bare addresses in Markdown; bidi and zero-width
// characters make text read other than it is.

import { INVISIBLE } from '../core/index.ts'

/** C0 and C1 controls but the line feed, which each place handles its own way. */
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g

/** Characters no reader should get from outside, anywhere: controls (as spaces) and invisible ones (dropped). */
export const visible = (text: string): string => text.replace(/\r\n?/g, '\n').replace(CONTROL, ' ').replace(INVISIBLE, '')

/** `##[` broken so it reads the same to a person and is obeyed by no runner. */
export const noLegacyCommand = (line: string): string => line.replace(/##\[/g, '##\\[')

/** A line that would start with `::` (blanks first, as the runner trims them) starts with `: :` instead. */
const noCommandStart = (line: string): string => line.replace(/^(\s*):(?=:)/, '$1: ')

/** For the log, an annotation's body or title, a debug line, a failure message: every line of it inert to the runner. */
export const forLog = (text: string): string => visible(text).split('\n').map(noCommandStart).map(noLegacyCommand).join('\n')

/** For an output's value: what a later step echoes must not steer the runner either. */
export const forOutput = forLog

/**
 * For Markdown that GitHub renders, after it is escaped: no `@mention` pings anyone, no `#123`
 * links an issue, no bare address becomes a link. A zero-width space, written as an entity so the
 * source holds no invisible character, sits inside each; the text reads the same.
 */
export const noPings = (markdown: string): string =>
  markdown
    // `#` first: the entities inserted after it hold a `#` and a digit themselves.
    .replace(/#(?=\d)/g, '#&#8203;')
    .replace(/@(?=[\w-])/g, '@&#8203;')
    .replace(/\b(https?)(?=:\/\/)/gi, '$1&#8203;')
    .replace(/\bwww\./gi, 'www&#8203;.')
