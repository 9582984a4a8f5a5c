/**
 * Device and namespace names, cut from ids like Neutron's linuxbridge agent does so an operator
 * can tell what a device belongs to. Linux allows 15 characters per device name (IFNAMSIZ - 1),
 * hence the 11-character cuts.
 */
const cut = (id: string) => id.slice(0, 11);

/** The bridge of a network inside the node namespace. */
export const bridgeName = (networkId: string) => `brq${cut(networkId)}`;
export const vxlanName = (vni: number) => `vxlan-${vni}`;
/** The node-side device of any port: a guest's tap, or the bridge end of a DHCP/router veth. */
export const portDevice = (portId: string) => `tap${cut(portId)}`;
/** The namespace-side end of a DHCP port's veth. */
export const dhcpDevice = (portId: string) => `ns-${cut(portId)}`;
/** The namespace-side end of a router interface's veth. */
export const routerInterfaceDevice = (portId: string) => `qr-${cut(portId)}`;
/** The namespace-side end of a router's gateway veth. */
export const routerGatewayDevice = (portId: string) => `qg-${cut(portId)}`;

/**
 * DHCP and router namespaces carry the node namespace's name first: namespace names are global to
 * the host, and several nodes (or tests) may share one host, each removing only its own stale ones.
 */
export const dhcpNamespace = (nodeNetns: string, networkId: string) => `${nodeNetns}-qdhcp-${networkId}`;
export const routerNamespace = (nodeNetns: string, routerId: string) => `${nodeNetns}-qrouter-${routerId}`;

export const isBridgeName = (name: string) => /^brq[0-9a-f-]{11}$/.test(name);
export const isVxlanName = (name: string) => /^vxlan-\d+$/.test(name);
export const isPortDevice = (name: string) => /^tap[0-9a-f-]{11}$/.test(name);
