import { createUserAuthHandler } from '@sockudo/vue/server'
import { _sockudoHooks } from '../utils/hooks'
import { notConfigured } from '../utils/configuration-check'
import { allowedOrigins, defineSockudoRoute } from '../utils/route'

/** `POST /api/_sockudo/user-auth`: signs `signin()` for the user the app's authenticator returns. */
export default defineSockudoRoute('userAuth', context => createUserAuthHandler({
  key: context.public.key,
  secret: context.private.secret,
  allowedOrigins: allowedOrigins(context.private),
  authorize: async (request) => {
    const authenticate = _sockudoHooks().userAuthenticator
    if (!authenticate) throw notConfigured('userAuthenticator', 'userAuth')
    return await authenticate(request, context.event)
  },
}))
