import { createChannelAuthHandler } from '@sockudo/vue/server'
import type { ChannelAuthDecision } from '@sockudo/vue/server'
import { allowedOrigins, decisionField, defineSockudoRoute } from '../utils/route'

/**
 * `POST /api/_sockudo/auth`: signs private, presence and private-encrypted subscriptions the
 * app's authorizer explicitly allows (form or JSON `socket_id` + `channel_name`).
 */
export default defineSockudoRoute('channelAuth', (context) => {
  const masterKey = context.private.encryptionMasterKeyBase64
  return createChannelAuthHandler({
    key: context.public.key,
    secret: context.private.secret,
    ...(masterKey ? { encryptionMasterKeyBase64: masterKey } : {}),
    allowedOrigins: allowedOrigins(context.private),
    authorize: async (request) => {
      // Without a master key there is no shared secret to hand out: refuse before asking the app.
      if (request.kind === 'private-encrypted' && !masterKey) return false
      const decision = await context.decide({ ...request, route: 'channel-auth', channel: request.channelName })
      // Validated by the handler: anything but `true` or a well-formed `{ user }` is a 403.
      return decisionField(decision, 'user') as ChannelAuthDecision
    },
  })
})
