export { ZConsoleAppCredentialsInput as ZListInputSchema } from '@nimbus/core/identity/resources/console-app-credentials';
