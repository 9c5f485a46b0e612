import { randomUUID } from 'node:crypto'
import type { SockudoRest } from '@sockudo/vue/server'

/** The channel of the versioned-messages page. */
export const ASSISTANT_CHANNEL = 'assistant'

/** A canned "AI" answer, in word-sized fragments. */
function answerFor(question: string): string[] {
  const topic = question.replace(/[?!.]+$/, '').slice(0, 80) || 'that'
  const text = `Good question. About "${topic}": Sockudo keeps one versioned message per answer. `
    + 'The server created it empty, then appends each fragment through the versioned-messages REST API. '
    + 'Every browser applies the appends in order, and a late joiner reads the whole answer from history. '
    + 'With appendRollupWindow the server batches fragments that arrive close together.'
  return text.split(/(?<= )/)
}

type Receipt = Record<string, { message_serial?: string } | undefined>

/**
 * Streams an answer like an AI assistant would: creates an empty message (a publish with a
 * message id answers with its serial), then appends fragments to it in the background.
 * Resolves with the serial once the message exists.
 */
export async function streamAnswer(rest: SockudoRest, question: string): Promise<string> {
  const receipt = await rest.trigger(ASSISTANT_CHANNEL, 'answer', '', { messageId: randomUUID() }) as Receipt & { channels?: Receipt }
  const serial = (receipt.channels ?? receipt)[ASSISTANT_CHANNEL]?.message_serial
  if (!serial) throw new Error('Sockudo did not return a message serial (versioned messages off?)')
  const fragments = answerFor(question)
  void (async () => {
    for (const fragment of fragments) {
      await new Promise(resolve => setTimeout(resolve, 90))
      await rest.mutateMessage(ASSISTANT_CHANNEL, serial, 'append', { data: fragment })
    }
  })().catch((error: Error) => console.warn('[playground] answer stream stopped:', error.message))
  return serial
}
