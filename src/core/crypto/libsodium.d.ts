// Minimal typing of the optional peer `libsodium-wrappers` (it ships no types).
declare module 'libsodium-wrappers' {
  const sodium: {
    ready: Promise<void>
    crypto_secretbox_open_easy(ciphertext: Uint8Array, nonce: Uint8Array, key: Uint8Array): Uint8Array
  }
  export default sodium
}
