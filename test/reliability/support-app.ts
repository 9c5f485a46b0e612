/** The default test app's credentials (no vitest import, so plain node scripts can use it). */
import { DEFAULT_APP } from '../stand-in/config'

export const APP = { id: DEFAULT_APP.id, key: DEFAULT_APP.key, secret: DEFAULT_APP.secret }
