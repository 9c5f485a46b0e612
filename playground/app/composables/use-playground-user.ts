const ADJECTIVES = ['brave', 'calm', 'eager', 'fuzzy', 'jolly', 'lucky', 'quick', 'witty']
const ANIMALS = ['otter', 'falcon', 'panda', 'lynx', 'koala', 'heron', 'gecko', 'bison']
const pick = (list: string[]): string => list[Math.floor(Math.random() * list.length)]!

/**
 * The visitor's display name, kept in a cookie so the server's authorizer (see
 * server/plugins/sockudo.ts) can read it: it stands in for a real session.
 */
export function usePlaygroundUser() {
  // One random default per request, shared by every caller (each useCookie call reads it).
  const fallback = useState('playground-user-default', () => `${pick(ADJECTIVES)}-${pick(ANIMALS)}`)
  return useCookie<string>('playground-user', {
    default: () => fallback.value,
    maxAge: 60 * 60 * 24 * 30,
    sameSite: 'lax',
  })
}
