/** ≥10,000 malformed msgpack frames into a real client over a real socket (see client-fuzz-run.ts). */
import { describeClientFuzz } from './client-fuzz-run'

describeClientFuzz('msgpack')
