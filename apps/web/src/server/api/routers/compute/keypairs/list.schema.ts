export { ZConsoleKeyPairsInput as ZListInputSchema } from '@nimbus/core/compute/console-keypairs';
