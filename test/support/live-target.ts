import type { Feature } from './real-features'

/** Address and credentials of the Sockudo server the live suites run against. */
export interface LiveTarget {
  host: string
  port: number
  appId: string
  key: string
  secret: string
  /** True when running against a real Sockudo, false for the local stand-in. */
  real: boolean
  /** Features the real server has on, when the setup knows them (else `SOCKUDO_CONFIG` / `SOCKUDO_FEATURES` decide). */
  features?: readonly Feature[]
}
