export { ZConsoleGroupMembersInput as ZMembersInputSchema } from '@nimbus/core/identity/resources/console-groups';
