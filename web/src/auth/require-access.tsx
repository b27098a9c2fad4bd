import type { ReactNode } from 'react';
import { ForbiddenPage } from '../pages/errors/forbidden-page.js';
import { canOpen, type Section } from './access.js';
import { useSession } from './session-context.js';

export interface RequireAccessProps {
  readonly section: Section;
  readonly children: ReactNode;
}

/** Renders `children` only when the role may open `section`; a typed-in address is refused too. */
export function RequireAccess({ section, children }: RequireAccessProps) {
  const { permissions } = useSession();
  return canOpen(section, permissions) ? children : <ForbiddenPage />;
}
