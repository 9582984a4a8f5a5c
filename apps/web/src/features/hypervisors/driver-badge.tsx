import type { NodeDriverView } from '@nimbus/core/compute/node-driver';
import { Badge } from '@nimbus/ui';
import { driverLabel } from './driver';

/** "FAKE driver", "KVM" or "TCG (software emulation)" for a node; nothing when the driver does not say. */
export function DriverBadge({ driver }: { driver: Pick<NodeDriverView, 'fake' | 'accel'> }) {
  const label = driverLabel(driver);
  if (!label) return null;
  return (
    <Badge tone={label.tone}>
      <span title={label.hint}>{label.text}</span>
    </Badge>
  );
}
