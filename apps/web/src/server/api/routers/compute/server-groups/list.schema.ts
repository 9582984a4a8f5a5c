export { ZConsoleServerGroupsInput as ZListInputSchema } from '@nimbus/core/compute/console-server-groups';
