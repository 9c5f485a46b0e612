/** True when `pattern` (a V2 wildcard name with one `*`) matches `channel`. */
export function wildcardMatches(pattern: string, channel: string): boolean {
  const star = pattern.indexOf('*')
  if (star < 0 || pattern.indexOf('*', star + 1) >= 0) return false
  const prefix = pattern.slice(0, star)
  const suffix = pattern.slice(star + 1)
  return channel.length >= prefix.length + suffix.length && channel.startsWith(prefix) && channel.endsWith(suffix)
}
