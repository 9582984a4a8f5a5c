# The Debian packages nimbus drives, checked by the commands it runs (not by package name: Debian
# ships psql as postgresql-client-15). Sourced by .ci/run and scripts/stack.sh, after common.sh.
#
# missing_packages [cloud|tests]: prints the packages whose command is not on this machine, one
# per line — `cloud`: what the running cloud uses (npm start); `tests` (default): that plus what the
# test suite drives.
missing_packages() {
  local -a missing=()
  need() { command -v "$1" >/dev/null 2>&1 || missing+=("$2"); }
  if [ "${1:-tests}" = tests ]; then
    # Chromium (Playwright) and the tools tests check against.
    need chromium chromium
    need psql postgresql-client
    need redis-cli redis-tools
    need curl curl
    # Key pair tests check generated and imported keys against OpenSSH's and OpenSSL's own tools.
    need ssh-keygen openssh-client
    need openssl openssl
    [ -d /usr/share/fonts/truetype/dejavu ] || missing+=(fonts-dejavu-core)
  fi
  # The real OpenStack client: operators' CLI, and the conformance tests.
  need openstack python3-openstackclient
  # Real guests: qemu (TCG), qemu-img, libvirt (started by hand, no systemd), the config drive ISO
  # tool, and what scripts/guest/build.sh builds the tiny-linux disk with.
  need qemu-system-x86_64 qemu-system-x86
  need qemu-img qemu-utils
  need virsh libvirt-clients
  need libvirtd libvirt-daemon-system
  need genisoimage genisoimage
  need busybox busybox-static
  need cpio cpio
  need mcopy mtools
  need mkfs.vfat dosfstools
  need sfdisk fdisk
  need syslinux syslinux
  [ -f /usr/lib/syslinux/mbr/mbr.bin ] || missing+=(syslinux-common)
  # Networking datapath (linuxbridge driver), only inside namespaces the tests make: ip/bridge,
  # dnsmasq for DHCP, nftables for NAT and security groups, conntrack to end refused flows.
  need ip iproute2
  need dnsmasq dnsmasq-base
  need nft nftables
  need conntrack conntrack
  unset -f need
  [ "${#missing[@]}" -eq 0 ] || printf '%s\n' "${missing[@]}"
}

# install_missing_packages LOG [cloud|tests]: apt-get installs what is missing (as root, where
# apt-get exists); returns non-zero when it could not, naming the packages. Nothing to do is success.
install_missing_packages() {
  local log="$1" pkgs
  mapfile -t pkgs < <(missing_packages "${2:-tests}")
  [ "${#pkgs[@]}" -eq 0 ] && return 0
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
    say "missing Debian packages (install them as root): ${pkgs[*]}"
    return 1
  fi
  say "apt-get install ${pkgs[*]}"
  { DEBIAN_FRONTEND=noninteractive apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${pkgs[@]}"; } </dev/null >"$log" 2>&1 \
    || { tail -n 30 "$log" >&2; say "apt-get failed for ${pkgs[*]}"; return 1; }
}
