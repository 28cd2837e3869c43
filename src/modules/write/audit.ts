/** The audit trail lives in the model layer, shared with `npm run import`. */
export { auditEntry, type AuditContext } from '../../graph/audit.js';
