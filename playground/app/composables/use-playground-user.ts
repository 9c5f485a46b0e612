const ADJECTIVES = ['brave', 'calm', 'eager', 'fuzzy', 'jolly', 'lucky', 'quick', 'witty']
const ANIMALS = ['otter', 'falcon', 'panda', 'lynx', 'koala', 'heron', 'gecko', 'bison']
const pick = (list: string[]): string => list[Math.floor(Math.random() * list.length)]!

/**
 * The visitor's display name: one shared ref for the whole app (every page sees a change at
 * once), kept in a cookie so the server's authorizer (see server/plugins/sockudo.ts) can read
 * it: it stands in for a real session.
 */
export function usePlaygroundUser(): Ref<string> {
  // One random default per request, shared by every caller.
  const fallback = useState('playground-user-default', () => `${pick(ADJECTIVES)}-${pick(ANIMALS)}`)
  const cookie = useCookie<string>('playground-user', {
    default: () => fallback.value,
    maxAge: 60 * 60 * 24 * 30,
    sameSite: 'lax',
  })
  const name = useState<string>('playground-user', () => cookie.value)
  // Written before any `flush: 'post'` watcher of the name runs, so a reconnect sends the new cookie.
  if (import.meta.client) watch(name, (next) => (cookie.value = next))
  return name
}
