/**
 * `GET /api/push-support`: whether the Sockudo in use keeps a push device registry, asked from
 * the server with a read-only list call, so the push page can say what is missing before any
 * click (and the browser never logs a failed request for the probe).
 */
export default defineEventHandler(async () => {
  try {
    const response = await useSockudoRest().push.request({ method: 'GET', path: '/deviceRegistrations', capability: 'push-admin', params: { limit: '1' } })
    if (response.status >= 200 && response.status < 300) return { registry: true as const }
    return { registry: false as const, reason: response.status === 404 ? 'the server answers 404 for the push device API: it was built without push, or it is the local test server' : `the push device API answered ${response.status}` }
  } catch (error) {
    return { registry: false as const, reason: `the server cannot be reached (${(error as Error).message})` }
  }
})
