import type { Message } from '../../../../shared/contract/types';

/** A complete message of conversation `c1` for unit tests; its text is its id unless overridden. */
export function testMessage(
  id: string,
  parentId: string | null,
  role: Message['role'],
  extra: Partial<Message> = {},
): Message {
  return {
    id,
    conversationId: 'c1',
    parentId,
    role,
    content: id,
    status: 'complete',
    error: null,
    model: null,
    createdAt: 0,
    updatedAt: 0,
    stats: null,
    ...extra,
  };
}
