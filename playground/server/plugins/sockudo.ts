import type { H3Event } from 'h3'

/** The visitor's name from the playground cookie: a stand-in for a real session. */
function visitor(event: H3Event): string | undefined {
  const name = getCookie(event, 'playground-user')?.trim()
  return name ? name.slice(0, 24) : undefined
}

/**
 * The app's side of authorization, registered the one documented way. The playground lets
 * every visitor with a name in; a real app would check its session and the channel here.
 */
export default defineNitroPlugin(() => {
  defineSockudoAuthorizer((request, event) => {
    const name = visitor(event)
    if (!name) return false
    if (request.route === 'channel-auth' && request.kind === 'presence') {
      return { user: { user_id: name, user_info: { name } } }
    }
    // Versioned-message mutations are recorded as the visitor.
    if (request.route === 'versioned-messages') return { clientId: name }
    // A demo grants every visitor push-admin so the push page may publish; a real app would not.
    if (request.route === 'push') return { capability: 'push-admin' }
    return true
  })
  defineSockudoUserAuthenticator((_request, event) => {
    const name = visitor(event)
    return name ? { id: name, user_info: { name } } : false
  })
})
