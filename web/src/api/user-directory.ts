import { z } from 'zod';
import { parseWith } from './decode.js';
import { apiRequest } from './http.js';
import { pageSchema, type Page } from './page.js';

const directoryEntrySchema = z.object({ id: z.string(), name: z.string(), active: z.boolean() });
/** A person as every signed-in user may see them: a name, no email, role or team. */
export type DirectoryEntry = z.output<typeof directoryEntrySchema>;

const directoryPageSchema = pageSchema(directoryEntrySchema);

export async function listUserDirectory(
  params: { readonly q?: string; readonly cursor?: string | null; readonly limit?: number },
  signal?: AbortSignal,
): Promise<Page<DirectoryEntry>> {
  const body = await apiRequest('/user-directory', {
    query: { q: params.q, cursor: params.cursor, limit: params.limit },
    signal,
  });
  return parseWith(directoryPageSchema, body, 'user directory page');
}
