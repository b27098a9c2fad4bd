/**
 * Who may do what, written down once. Services authorise with it, the gateway pre-checks routes
 * with it, the web UI builds its navigation from it (through GET /me), docs/permissions.md is
 * rendered from it, and the role-matrix test replays every route against it.
 *
 * Visibility: `all` every record, `team` the caller's and their reports' (down the manager chain),
 * `own` the caller's, `none` refused.
 */
export const roles = ['admin', 'manager', 'staff'] as const;
export type Role = (typeof roles)[number];
export type Visibility = 'all' | 'team' | 'own' | 'none';

type Row = Readonly<Record<Role, Visibility>>;

const everyone: Row = { admin: 'all', manager: 'all', staff: 'all' };
const adminsOnly: Row = { admin: 'all', manager: 'none', staff: 'none' };
/** Staff may remove only what they own (accounts, contacts) or uploaded (attachments). */
const staffOwn: Row = { admin: 'all', manager: 'all', staff: 'own' };
const managersUp: Row = { admin: 'all', manager: 'all', staff: 'none' };

export const permissionMatrix = {
  // The address book is organisation-wide; `own` is the record's owner.
  accounts: {
    read: everyone,
    create: everyone,
    update: everyone,
    delete: staffOwn,
    merge: managersUp,
  },
  contacts: {
    read: everyone,
    create: everyone,
    update: everyone,
    delete: staffOwn,
    merge: managersUp,
  },
  // Timeline notes on accounts and contacts; `own` is the note's author.
  notes: { create: everyone, delete: { admin: 'all', manager: 'own', staff: 'own' } },
  // Files on accounts and contacts; `own` is the uploader.
  attachments: { read: everyone, create: everyone, delete: staffOwn },
  // CSV imports of accounts or contacts; `own` is the person who started the import.
  imports: {
    read: { admin: 'all', manager: 'own', staff: 'none' },
    create: managersUp,
    undo: { admin: 'all', manager: 'own', staff: 'none' },
  },
  users: {
    read: { admin: 'all', manager: 'team', staff: 'own' },
    create: adminsOnly,
    update: adminsOnly,
  },
  // Names only (no email, role or team), so records can say who owns them.
  'user-directory': { read: everyone },
  // Ending another user's sessions.
  sessions: { delete: adminsOnly },
  'api-tokens': { read: adminsOnly, create: adminsOnly, delete: adminsOnly },
  'audit-events': { read: adminsOnly },
} as const satisfies Record<string, Record<string, Row>>;

export type Resource = keyof typeof permissionMatrix;
export type ActionOf<R extends Resource> = keyof (typeof permissionMatrix)[R] & string;
export type Action = { [R in Resource]: ActionOf<R> }[Resource];

export const resources = Object.keys(permissionMatrix) as Resource[];
