import { describe, test, expect } from '@jest/globals'
import { compareRealTime, TOLERANCE } from '../../bench/realtime.ts'

describe('virtual time against real time', () => {
  test('one short case over loopback reads and detects as the virtual run does', async () => {
    const { virtual, real, lateS, withinTolerance } = await compareRealTime()
    console.log(
      `virtual: ${virtual.readsPerRun} reads, ${virtual.delayMeanS.toFixed(2)} s delay; real: ${real.readsPerRun} reads, ${real.delayMeanS.toFixed(2)} s delay, ${lateS.toFixed(2)} s added by the machine`,
    )
    // Only the lateness the machine itself added is allowed beyond the idle tolerance.
    expect(Math.abs(real.readsPerRun - virtual.readsPerRun)).toBeLessThanOrEqual(TOLERANCE.reads + Math.ceil(lateS / 3))
    expect(Math.abs(real.delayMeanS - virtual.delayMeanS)).toBeLessThanOrEqual(TOLERANCE.delayS + lateS)
    expect(real.refusedTotal).toBe(0)
    expect(real.undetected).toBe(0)
    expect(real.minGapS).toBeGreaterThanOrEqual(1)
    expect(withinTolerance).toBe(true)
  }, 60_000)
})
