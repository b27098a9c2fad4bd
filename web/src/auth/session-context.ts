import { createContext, useContext } from 'react';
import type { Me } from '../api/session.js';

/** The signed-in user; provided by RequireSession once `/me` has loaded. */
export const SessionContext = createContext<Me | null>(null);

export function useSession(): Me {
  const me = useContext(SessionContext);
  if (me === null) throw new Error('useSession must be used inside RequireSession');
  return me;
}
