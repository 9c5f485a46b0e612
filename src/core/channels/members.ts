import { isRecord } from '../util/json'
import type { PresenceMember } from './types'

/** The roster of a presence channel. One entry per user id. */
export class Members<Info = unknown> {
  private map = new Map<string, Info>()
  private myId: string | undefined

  /** Number of members. */
  get count(): number {
    return this.map.size
  }

  /** This connection's member, once subscribed. */
  get me(): PresenceMember<Info> | undefined {
    return this.myId === undefined ? undefined : this.get(this.myId)
  }

  /** The member with `id`, if present. */
  get(id: string): PresenceMember<Info> | undefined {
    return this.map.has(id) ? { id, info: this.map.get(id) as Info } : undefined
  }

  /** Calls `fn` for each member. */
  each(fn: (member: PresenceMember<Info>) => void): void {
    for (const [id, info] of this.map) fn({ id, info })
  }

  /** All members as an array (a copy). */
  toArray(): PresenceMember<Info>[] {
    return [...this.map].map(([id, info]) => ({ id, info }))
  }

  /** @internal */
  setMyId(id: string | undefined): void {
    this.myId = id
  }

  /** @internal Replaces the roster from `subscription_succeeded` data (`{presence:{hash}}`). */
  reset(data: unknown): void {
    this.map.clear()
    const presence = isRecord(data) ? data.presence : undefined
    const hash = isRecord(presence) ? presence.hash : undefined
    if (isRecord(hash)) for (const [id, info] of Object.entries(hash)) this.map.set(id, (info ?? {}) as Info)
  }

  /** @internal Clears the roster. */
  clear(): void {
    this.map.clear()
  }

  /** @internal Adds or updates a member; returns it and whether it is new. */
  upsert(data: unknown): { member: PresenceMember<Info>; added: boolean } | undefined {
    if (!isRecord(data) || typeof data.user_id !== 'string') return undefined
    const added = !this.map.has(data.user_id)
    const info = (data.user_info ?? {}) as Info
    this.map.set(data.user_id, info)
    return { member: { id: data.user_id, info }, added }
  }

  /** @internal Removes a member; returns it when it was present. */
  remove(data: unknown): PresenceMember<Info> | undefined {
    if (!isRecord(data) || typeof data.user_id !== 'string') return undefined
    const member = this.get(data.user_id)
    this.map.delete(data.user_id)
    return member
  }
}
