import type { Ref } from 'vue'
import { PresenceChannel } from '../../core'
import type { PresenceMember } from '../../core'
import type { SockudoContext } from '../../vue'
import type { PresenceRoster } from '../stores/types'
import { dict, own } from './dict'
import { untilDisposed } from './lifecycle'

/** The state refs of the presence store, as bind writes them. @internal */
export interface PresenceStoreRefs {
  rosters: Ref<Record<string, PresenceRoster>>
}

/**
 * Mirrors every presence roster into the presence store. Each join, leave or update
 * writes one key of `members`; only a (re)subscription replaces the roster. @internal
 */
export function bindPresenceStore(sockudo: SockudoContext, refs: PresenceStoreRefs): void {
  const { client } = sockudo
  const rosters = refs.rosters
  const presence = (name: string): PresenceChannel | undefined => {
    const channel = client.channel(name)
    return channel instanceof PresenceChannel ? channel : undefined
  }
  const roster = (name: string): PresenceRoster => {
    const existing = own(rosters.value, name)
    if (existing) return existing
    rosters.value[name] = { members: dict(), me: null, count: 0 }
    return rosters.value[name]!
  }
  const reset = (name: string, members: readonly PresenceMember[]): void => {
    const r = roster(name)
    r.members = dict(members.map((m) => [m.id, { id: m.id, info: m.info }] as const))
    r.count = members.length
    r.me = presence(name)?.members.me?.id ?? null
  }
  const count = (name: string): number => presence(name)?.members.count ?? 0
  for (const channel of client.allChannels()) {
    if (channel instanceof PresenceChannel) reset(channel.name, channel.members.toArray())
  }
  untilDisposed(sockudo, [
    client.on('members_reset', ({ channel, members }) => reset(channel, members)),
    client.on('member_added', ({ channel, member }) => {
      const r = roster(channel)
      r.members[member.id] = { id: member.id, info: member.info }
      r.count = count(channel)
    }),
    client.on('member_removed', ({ channel, member }) => {
      const r = roster(channel)
      delete r.members[member.id]
      r.count = count(channel)
    }),
    client.on('member_updated', ({ channel, member }) => {
      const current = own(roster(channel).members, member.id)
      if (current) current.info = member.info
      else roster(channel).members[member.id] = { id: member.id, info: member.info }
      roster(channel).count = count(channel)
    }),
    client.on('subscription_state', ({ channel, current }) => {
      if (current === 'unsubscribed' && own(rosters.value, channel)) {
        queueMicrotask(() => {
          if (!client.channel(channel)) delete rosters.value[channel]
        })
      }
    }),
  ])
}
