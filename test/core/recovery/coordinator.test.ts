import { describe, expect, it } from 'vitest'
import { fakeClient } from '../../fakes/client'
import { flush } from '../../fakes/fake-server'

/** A V2 client with a position on `orders`, reconnected and waiting for the answer to its resume. */
async function resuming() {
  const { client, server, clock, connect } = fakeClient({ protocolVersion: 2, connectionRecovery: true })
  client.setRecoveryPosition('orders', { serial: '5', streamId: 's1' })
  client.subscribe('orders')
  await connect()
  await flush()
  const s = server.last
  expect(s.sentEvents('sockudo:resume')).toHaveLength(1)
  const got: unknown[] = []
  client.bind('tick', (data) => got.push(data))
  // A live frame that arrives before the resume answer waits behind the replay.
  s.serverSend({ event: 'tick', channel: 'orders', data: '7', message_id: 'm7', serial: 7 })
  expect(got).toEqual([])
  return { client, s, clock, got }
}

describe('recovery coordinator (through the client)', () => {
  it('releases the held frames in serial order on resume_success', async () => {
    const { s, got } = await resuming()
    s.serverSend({ event: 'tick', channel: 'orders', data: '6', message_id: 'm6', serial: 6 })
    s.serverSend({ event: 'sockudo:resume_success', data: JSON.stringify({ recovered: [], failed: [] }) })
    expect(got).toEqual([6, 7])
  })

  // v2-features.md §3.2: the codes by which Sockudo refuses a resume.
  it.each([
    [4000, 'Invalid message format: Invalid resume data JSON: expected u64'],
    [4301, 'Connection recovery is not enabled'],
    [4302, 'No channel recovery positions provided'],
  ])('releases the held frames when the server refuses the resume with %i', async (code, message) => {
    const { s, got } = await resuming()
    s.serverSend({ event: 'sockudo:error', data: { code, message } })
    expect(got).toEqual([7])
  })

  it('keeps holding on an error of another code, even one whose text names the resume', async () => {
    const { s, got } = await resuming()
    s.serverSend({ event: 'sockudo:error', data: { code: 4100, message: 'Over capacity while handling resume' } })
    expect(got).toEqual([])
    s.serverSend({ event: 'sockudo:resume_success', data: JSON.stringify({ recovered: [], failed: [] }) })
    expect(got).toEqual([7])
  })

  it('releases the held frames when the server does not answer within the subscription timeout', async () => {
    const { clock, got } = await resuming()
    clock.tick(9_999)
    expect(got).toEqual([])
    clock.tick(60_000)
    expect(got).toEqual([7])
  })

  it('forgets the held frames when the connection drops before the answer', async () => {
    const { s, clock, got } = await resuming()
    s.serverClose(1006)
    clock.tick(60_000)
    await flush()
    expect(got).toEqual([])
  })
})
