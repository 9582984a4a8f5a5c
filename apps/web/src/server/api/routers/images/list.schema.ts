export { ZConsoleImagesInput as ZListInputSchema } from '@nimbus/core/image/console-images';
