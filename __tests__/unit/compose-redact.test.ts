import { describe, expect, test } from '@jest/globals'
import { VirtualClock } from '../../__fixtures__/virtual-clock.ts'
import { composeStep } from '../../src/core/compose.ts'
import { RUN_SETTINGS } from './helpers.ts'

const KEY = 'compose-key-5'
const TOKEN = 'compose-token-8'

describe('the composition root hides the credentials', () => {
  test('what Kondado echoes of the key or token never reaches the report', async () => {
    const { report } = await composeStep(
      {
        settings: { ...RUN_SETTINGS, command: 'status' },
        requestsPerMinute: 20,
        credentials: { key: KEY, token: TOKEN },
        baseUrl: new URL('https://k2.kondado.com.br'),
        transport: async () => ({
          status: 200,
          body: JSON.stringify({ 2040: { status: 'active', raw_msg: `bad key ${KEY}, token ${TOKEN}` } }),
        }),
      },
      { clock: new VirtualClock(0), random: () => 0.5 },
    )
    expect(report.resources[0]?.snapshot?.rawMsg).toBe('bad key ***, token ***')
  })
})
