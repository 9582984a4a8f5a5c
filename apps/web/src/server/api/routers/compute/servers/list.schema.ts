export { ZConsoleServersInput as ZListInputSchema } from '@nimbus/core/compute/console-servers';
