export { ZConsoleGroupsInput as ZListInputSchema } from '@nimbus/core/identity/resources/console-groups';
