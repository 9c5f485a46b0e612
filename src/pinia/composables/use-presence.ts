import { computed, toValue } from 'vue'
import type { ComputedRef, MaybeRefOrGetter, Ref } from 'vue'
import { PresenceChannel } from '../../core'
import { SockudoVueError } from '../../vue'
import { injectSockudo, useChannelHold } from '../../vue/internal'
import type { ChannelHoldOptions } from '../../vue/internal'
import type { SockudoComposableOptions } from '../../vue'
import { sockudoChannelsStore } from '../stores/channels'
import { sockudoPresenceStore } from '../stores/presence'
import type { ChannelStatus, ErrorInfo, PresenceMemberEntry, PresenceRoster } from '../stores/types'
import { own } from '../bind/dict'
import { usePresenceHistory } from './presence-history'
import type { PresenceHistoryHelpers } from './presence-history'

/** Options of {@link usePresence}. */
export interface UsePresenceOptions extends SockudoComposableOptions, ChannelHoldOptions {}

/** Return value of {@link usePresence}. */
export interface UsePresenceReturn<Info = unknown> extends PresenceHistoryHelpers {
  /** Channel name currently held. */
  name: Readonly<Ref<string | null>>
  /** Subscription status. */
  status: ComputedRef<ChannelStatus>
  /** Subscription error (auth refused, not a presence channel…); null when fine. */
  error: ComputedRef<ErrorInfo | null>
  /** The client channel; null while disabled or during server rendering. */
  channel: ComputedRef<PresenceChannel | null>
  /** Members keyed by user id (reactive per member: a join, leave or update touches one key). */
  members: ComputedRef<Readonly<Record<string, PresenceMemberEntry<Info>>>>
  /** Members as an array (derived; rebuilt only when read after a change). */
  memberList: ComputedRef<PresenceMemberEntry<Info>[]>
  /** This client's member, once subscribed. */
  me: ComputedRef<PresenceMemberEntry<Info> | null>
  /** Number of members. */
  count: ComputedRef<number>
  /** Replaces this client's `user_info` for everyone (protocol V2). False when not subscribed. */
  update(info: Info): boolean
}

/**
 * A presence channel's roster, mirrored in the `sockudo-presence` store, on the shared
 * subscription of `name` (which must start with `presence-`).
 */
export function usePresence<Info = unknown>(
  name: MaybeRefOrGetter<string | null | undefined>,
  options: UsePresenceOptions = {},
): UsePresenceReturn<Info> {
  const sockudo = injectSockudo('usePresence', options)
  const channels = sockudoChannelsStore(sockudo.name)()
  const presence = sockudoPresenceStore(sockudo.name)()
  const nameError = computed(() => checkPresenceName(toValue(name)))
  const hold = useChannelHold(sockudo, () => (nameError.value ? null : toValue(name)), options)
  const channel = computed(() => (hold.channel.value instanceof PresenceChannel ? hold.channel.value : null))
  const roster = computed(() => (hold.name.value ? ((own(presence.rosters, hold.name.value) as PresenceRoster<Info> | undefined) ?? null) : null))
  const entry = computed(() => (hold.name.value ? own(channels.channels, hold.name.value) : undefined))
  const members = computed(() => roster.value?.members ?? {})
  return {
    name: hold.name,
    status: computed(() => entry.value?.status ?? 'unsubscribed'),
    error: computed(() => nameError.value ?? hold.error.value ?? entry.value?.error ?? null),
    channel,
    members,
    memberList: computed(() => Object.keys(members.value).map((id) => own(members.value, id)!)),
    me: computed(() => (roster.value?.me ? (own(roster.value.members, roster.value.me) ?? null) : null)),
    count: computed(() => roster.value?.count ?? 0),
    update: (info) => updateMember(channel.value, info),
    ...usePresenceHistory(sockudo, hold.name),
  }
}

function updateMember(channel: PresenceChannel | null, info: unknown): boolean {
  return channel?.subscribed ? channel.update(info) : false
}

function checkPresenceName(name: string | null | undefined): SockudoVueError | null {
  if (!name || name.startsWith('presence-')) return null
  return new SockudoVueError('vue/not-presence-channel', __DEV__ ? `[sockudo] usePresence('${name}') needs a presence channel: its name must start with 'presence-'.` : `usePresence('${name}'): not a presence- channel`, { channel: name })
}
