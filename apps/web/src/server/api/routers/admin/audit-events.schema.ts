export { ZAuditEventsInput as ZAuditEventsInputSchema } from '@nimbus/core/audit-query';
