export { ZConsoleProjectsInput as ZListInputSchema } from '@nimbus/core/identity/resources/console-projects';
