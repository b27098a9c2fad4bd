/** S3 and Azure quote ETags as HTTP does; callers get the bare value. */
export function unquoteEtag(etag: string | undefined): string | undefined {
  return etag?.replace(/^"|"$/g, '');
}
