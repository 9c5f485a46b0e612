import { streamAnswer } from '../utils/assistant'

/**
 * Asks the playground's "assistant": the answer streams into one versioned message on
 * `assistant` (see server/utils/assistant.ts). Returns at once with the message serial; the
 * fragments arrive over the socket.
 */
export default defineEventHandler(async (event) => {
  const body = await readBody<{ question?: unknown }>(event)
  const question = typeof body?.question === 'string' ? body.question.trim().slice(0, 200) : ''
  if (!question) throw createError({ statusCode: 400, statusMessage: 'question is required' })
  try {
    return { messageSerial: await streamAnswer(useSockudoRest(event), question) }
  } catch (error) {
    throw createError({ statusCode: 502, statusMessage: (error as Error).message })
  }
})
