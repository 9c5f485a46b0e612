export type { InboundFrame, OutboundFrame, MessageExtras } from './frame'
