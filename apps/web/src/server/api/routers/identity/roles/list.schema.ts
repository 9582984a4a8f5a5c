export { ZConsoleRolesInput as ZListInputSchema } from '@nimbus/core/identity/resources/console-roles';
