export { ZConsoleFlavorsInput as ZListInputSchema } from '@nimbus/core/compute/console-flavors';
