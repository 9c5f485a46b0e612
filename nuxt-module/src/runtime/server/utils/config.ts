import type { H3Event } from 'h3'
import { useRuntimeConfig } from '#imports'
import type { SockudoPrivateRuntimeConfig, SockudoPublicRuntimeConfig } from '../../types'

/** Both halves of the module's runtime config, typed. */
export function useSockudoConfig(event?: H3Event): { public: SockudoPublicRuntimeConfig, private: SockudoPrivateRuntimeConfig } {
  const config = useRuntimeConfig(event)
  return { public: config.public.sockudo, private: config.sockudo }
}
