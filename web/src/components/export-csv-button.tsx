import { Button } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';

export interface ExportCsvButtonProps {
  /** The list's own URL with `format=csv`: the browser downloads what the server streams. */
  readonly href: string;
}

/**
 * Downloads the whole filtered list, not only the loaded pages. A plain link: the session cookie
 * authenticates the GET and the browser streams the file to disk without holding it in memory.
 */
export function ExportCsvButton({ href }: ExportCsvButtonProps) {
  return (
    <Button
      component="a"
      href={href}
      download
      variant="default"
      leftSection={<IconDownload size={16} aria-hidden />}
    >
      Export CSV
    </Button>
  );
}
