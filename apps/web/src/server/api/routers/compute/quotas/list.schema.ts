export { ZConsoleQuotasInput as ZListInputSchema } from '@nimbus/core/compute/console-quotas';
