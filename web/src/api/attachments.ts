import { z } from 'zod';
import { int64Schema, parseWith, timestampSchema } from './decode.js';
import { apiRequest, buildUrl } from './http.js';
import { pageSchema, type Page } from './page.js';
import { SUBJECT_TYPES, subjectPath, type Subject } from './subjects.js';

/** The gateway's default limit (ATTACHMENT_MAX_BYTES); a larger file is refused with 413. */
export const ATTACHMENT_MAX_BYTES = 25 * 1024 * 1024;

export const attachmentSchema = z.object({
  id: z.string(),
  subjectType: z.enum(SUBJECT_TYPES),
  subjectId: z.string(),
  fileName: z.string(),
  contentType: z.string(),
  sizeBytes: int64Schema,
  sha256: z.string(),
  uploadedBy: z.string(),
  createdAt: timestampSchema,
});
export type Attachment = z.output<typeof attachmentSchema>;

const attachmentPageSchema = pageSchema(attachmentSchema);

export async function listAttachments(
  subject: Subject,
  params: { readonly cursor?: string | null; readonly limit?: number },
  signal?: AbortSignal,
): Promise<Page<Attachment>> {
  const body = await apiRequest(`${subjectPath(subject)}/attachments`, {
    query: { cursor: params.cursor, limit: params.limit },
    signal,
  });
  return parseWith(attachmentPageSchema, body, 'attachments page');
}

export interface UploadAttachmentInput {
  readonly subject: Subject;
  readonly file: File;
  /** 0–1 of the file sent so far. */
  readonly onProgress: (fraction: number) => void;
  readonly signal?: AbortSignal;
}

export async function uploadAttachment(input: UploadAttachmentInput): Promise<Attachment> {
  const form = new FormData();
  form.append('file', input.file, input.file.name);
  const body = await apiRequest(`${subjectPath(input.subject)}/attachments`, {
    method: 'POST',
    form,
    onUploadProgress: input.onProgress,
    signal: input.signal,
  });
  return parseWith(attachmentSchema, body, 'attachment');
}

/** Where the browser downloads the file (the session cookie authenticates the GET). */
export function attachmentContentUrl(id: string): string {
  return buildUrl(`/attachments/${encodeURIComponent(id)}/content`);
}

export async function deleteAttachment(id: string): Promise<void> {
  await apiRequest(`/attachments/${encodeURIComponent(id)}`, { method: 'DELETE' });
}
