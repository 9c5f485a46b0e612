/** Address and credentials of the Sockudo server the live suites run against. */
export interface LiveTarget {
  host: string
  port: number
  appId: string
  key: string
  secret: string
  /** True when running against a real Sockudo (`SOCKUDO_LIVE_TESTS=1`), false for the local test server. */
  real: boolean
}
