/**
 * Differential check: the same scripted conversations against the stand-in and the pinned real
 * Sockudo; after normalising ids, timestamps and serial bases, both must send the same frames
 * and HTTP answers. Differences kept on purpose are listed in test/stand-in/README.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runScript, type Script, type ServerUnderTest } from './conversation'
import { Normaliser } from './normalise'
import { CORE_SCRIPTS } from './scripts-core'
import { V2_SCRIPTS } from './scripts-v2'
import { realSockudo, standIn } from './servers'

type Running = ServerUnderTest & { close(): Promise<void> }
let local: Running
let real: Running

beforeAll(async () => {
  ;[local, real] = await Promise.all([standIn(), realSockudo()])
})
afterAll(async () => {
  await Promise.all([local?.close(), real?.close()])
})

async function compare(script: Script): Promise<void> {
  const suffix = `-${Math.random().toString(36).slice(2, 8)}`
  const mine = new Normaliser(suffix).value(await runScript(script, local, suffix))
  const theirs = new Normaliser(suffix).value(await runScript(script, real, suffix))
  // DIFF_DUMP=<dir> writes both transcripts, for `diff -u` when a difference needs a closer look.
  if (process.env.DIFF_DUMP) dump(process.env.DIFF_DUMP, script.name, { 'stand-in': mine, real: theirs })
  expect(mine, `stand-in vs real Sockudo: ${script.name}`).toEqual(theirs)
}

function dump(dir: string, name: string, sides: Record<string, unknown>): void {
  mkdirSync(dir, { recursive: true })
  for (const [side, value] of Object.entries(sides)) writeFileSync(`${dir}/${name.replace(/[^a-z0-9]+/gi, '-')}.${side}.json`, JSON.stringify(value, null, 2))
}

describe('stand-in against the real Sockudo', () => {
  for (const script of [...CORE_SCRIPTS, ...V2_SCRIPTS]) it(script.name, () => compare(script))
})
