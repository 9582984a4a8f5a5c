import { fileImageStore } from '@nimbus/core/image/store';
import { runtime } from '../../../runtime';

/** The same store the Glance REST API uses (rest/image/images.ts). */
export function imageStore() {
  return fileImageStore(runtime().config.NIMBUS_DATA_DIR);
}
