export {
  permissionMatrix,
  roles,
  resources,
  type Action,
  type Resource,
  type Role,
  type Visibility,
  type ActionOf,
} from './permission-matrix.js';
export { apiScopes, requiredScope, type ApiScope } from './scopes.js';
export { authorize, permissionsOf, visibilityOf } from './authorize.js';
export { renderPermissionMatrix } from './render-matrix.js';
export { roleToMessage, roleFromMessage, requiredRoleFromMessage } from './role-message.js';
