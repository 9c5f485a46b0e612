import { handleTokenRequest } from '../utils/token-handler'
import { allowedOrigins, defineSockudoRoute } from '../utils/route'

/** `POST /api/_sockudo/token`: a V2 capability token for the signed-in user, from the app's issuer. */
export default defineSockudoRoute('token', context => request => handleTokenRequest(request, context.event, {
  public: context.public,
  private: context.private,
  allowedOrigins: allowedOrigins(context.private),
}))
