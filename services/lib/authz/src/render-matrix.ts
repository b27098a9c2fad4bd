import { permissionMatrix, roles } from './permission-matrix.js';
import { requiredScope } from './scopes.js';

/** docs/permissions.md, generated so the written matrix cannot drift from the enforced one. */
export function renderPermissionMatrix(): string {
  const lines = [
    '# Permission matrix',
    '',
    '<!-- Generated from services/lib/authz/src/permission-matrix.ts by `npm run docs:permissions`; do not edit. -->',
    '',
    'Visibility: `all` every record, `team` the caller and everyone below them in the manager chain,',
    '`own` the caller’s records only, `none` refused (403, or 404 where revealing a record would leak it).',
    'API tokens act as the admin who created them, limited to their scopes.',
    '',
    `| resource | action | ${roles.join(' | ')} | token scope |`,
    `| --- | --- | ${roles.map(() => '---').join(' | ')} | --- |`,
  ];
  for (const [resource, actions] of Object.entries(permissionMatrix)) {
    for (const [action, row] of Object.entries(actions)) {
      const cells = roles.map((role) => (row as Record<string, string>)[role]);
      lines.push(
        `| ${resource} | ${action} | ${cells.join(' | ')} | ${requiredScope(resource as never, action)} |`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}
