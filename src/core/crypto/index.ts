export type { Secretbox, OpenResult } from './secretbox'
export { loadLibsodiumSecretbox, openEncryptedPayload, decodeSharedSecret } from './secretbox'
