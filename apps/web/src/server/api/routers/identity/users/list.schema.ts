export { ZConsoleUsersInput as ZListInputSchema } from '@nimbus/core/identity/resources/console-users';
