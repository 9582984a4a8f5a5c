import type { HostFilter } from './filter.js';
import { reasons } from './filter.js';

/** The image's requested hypervisor type (Glance property `hypervisor_type`, or Nova's `img_hv_type`). */
function wantedHypervisor(props: Record<string, unknown> | undefined): string | undefined {
  const v = props?.['hypervisor_type'] ?? props?.['img_hv_type'];
  return typeof v === 'string' && v.length > 0 ? v.toLowerCase() : undefined;
}

/** ImagePropertiesFilter: a host whose hypervisor differs from the image's `hypervisor_type` fails. */
export const imagePropertiesFilter: HostFilter = {
  name: 'ImagePropertiesFilter',
  reject(host, spec) {
    const wanted = wantedHypervisor(spec.imageProperties);
    if (!wanted || host.hypervisorType.toLowerCase() === wanted) return null;
    return { host: host.name, reason: `hypervisor ${host.hypervisorType}` };
  },
  explain: (rs, spec) => `image wants hypervisor_type ${wantedHypervisor(spec.imageProperties)}, hosts have ${reasons(rs).replace(/hypervisor /g, '')}`,
};
