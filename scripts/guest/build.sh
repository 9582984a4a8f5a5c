#!/usr/bin/env bash
# Builds the tiny-linux test guest (README "Guest image"): Debian's cloud kernel and a busybox
# initramfs on a FAT partition that syslinux boots through the BIOS, as a compressed qcow2.
#
#   bash scripts/guest/build.sh        # prints the image path on its last line
#
# Output: $NIMBUS_GUEST_DIR (default .cache/guest)/tiny-linux.qcow2. Idempotent: nothing is rebuilt
# while the image exists and its inputs (this folder, busybox, syslinux, the kernel .deb) hash the
# same. Concurrent runs wait for each other on a lock. No root-only features (loop mounts,
# device nodes): the filesystem is written with mtools and the disk assembled with dd.
set -euo pipefail
shopt -s inherit_errexit

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
out_dir=${NIMBUS_GUEST_DIR:-$repo/.cache/guest}
image=$out_dir/tiny-linux.qcow2
deb_dir=$out_dir/debs
busybox=/bin/busybox
syslinux_bios=/usr/lib/syslinux
mbr=$syslinux_bios/mbr/mbr.bin
# Modules the init loads (the build adds what they depend on): disks, NICs, the config drive's
# filesystem, FAT for the boot partition, and the ACPI power button with its input events.
modules=(virtio_pci virtio_blk virtio_net isofs vfat nls_cp437 nls_iso8859-1 button evdev)

say() { echo "guest: $*" >&2; }
need() { command -v "$1" >/dev/null || { say "$1 not found (apt-get install -y $2)"; exit 1; }; }
need qemu-img qemu-utils
need cpio cpio
need mcopy mtools
need mkfs.vfat dosfstools
need sfdisk fdisk
need syslinux syslinux
[ -f "$mbr" ] || { say "$mbr not found (apt-get install -y syslinux-common)"; exit 1; }
[ -x "$busybox" ] || { say "$busybox not found (apt-get install -y busybox-static)"; exit 1; }

mkdir -p "$out_dir" "$deb_dir"
exec 9>"$out_dir/.lock"
flock 9

# apt-get download into the cache, refreshing the package lists once if they lack the package
# (a fresh machine). Running as root, apt cannot drop to its sandbox user in a root-owned folder.
fetch_deb() {
  local apt=(apt-get download -qq -o APT::Sandbox::User=root "$1")
  (cd "$deb_dir" && { "${apt[@]}" || { apt-get update -qq && "${apt[@]}"; }; }) >&2
}

# The versioned kernel package the `linux-image-cloud-amd64` metapackage points at, downloaded once.
kernel_deb() {
  local deb
  deb=$(find "$deb_dir" -name 'linux-image-[0-9]*-cloud-amd64_*.deb' | sort -V | tail -n 1)
  if [ -z "$deb" ]; then
    say "downloading linux-image-cloud-amd64"
    fetch_deb linux-image-cloud-amd64
    local meta dep
    meta=$(find "$deb_dir" -name 'linux-image-cloud-amd64_*.deb' | sort -V | tail -n 1)
    # "linux-image-6.1.0-56-cloud-amd64 (= 6.1.192-2)" -> linux-image-6.1.0-56-cloud-amd64=6.1.192-2
    dep=$(dpkg-deb -f "$meta" Depends | sed -n 's/^\(linux-image-[^ ,]*\) (= \([^)]*\)).*/\1=\2/p')
    [ -n "$dep" ] || { say "cannot read the kernel package from $meta"; exit 1; }
    fetch_deb "$dep"
    deb=$(find "$deb_dir" -name 'linux-image-[0-9]*-cloud-amd64_*.deb' | sort -V | tail -n 1)
  fi
  echo "$deb"
}

kernel=$(kernel_deb)
inputs=$(
  cd "$here"
  find . -type f | LC_ALL=C sort | xargs sha256sum
  sha256sum "$busybox" "$mbr" "$kernel"
  syslinux --version 2>&1
)
hash=$(sha256sum <<<"$inputs" | cut -c1-64)
if [ -f "$image" ] && [ "$(cat "$image.inputs" 2>/dev/null)" = "$hash" ]; then
  echo "$image"
  exit 0
fi

started=$(date +%s%N)
work=$(mktemp -d "$out_dir/build.XXXXXX")
trap 'rm -rf "$work"' EXIT
# Fixed timestamps so the same inputs give the same initramfs and filesystem bytes.
export SOURCE_DATE_EPOCH=1700000000 TZ=UTC
epoch="@$SOURCE_DATE_EPOCH"

dpkg-deb -x "$kernel" "$work/kernel"
vmlinuz=$(find "$work/kernel/boot" -name 'vmlinuz-*' | head -n 1)
moddir=$(find "$work/kernel/lib/modules" -mindepth 1 -maxdepth 1 -type d | head -n 1)

# --- initramfs -------------------------------------------------------------------------------
root=$work/initramfs
mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,dev,proc,sys,run,tmp,mnt,root,etc,lib/modules}
cp "$busybox" "$root/bin/busybox"
# Applet links made here rather than by `busybox --install` at boot: fewer steps before the marker.
for applet in $("$busybox" --list-full); do
  [ -e "$root/$applet" ] || ln -s /bin/busybox "$root/$applet"
done
cp -a "$here/rootfs/." "$root/"
cp "$here/init" "$root/init"

# Each module after its dependencies, read from the `depends=` field of the module's .modinfo.
declare -A added=()
ordered=()
add_module() {
  local name=$1 file deps dep
  [ -n "${added[$name]:-}" ] && return
  added[$name]=1
  file=$(find "$moddir/kernel" -name "$(sed 's/[-_]/[-_]/g' <<<"$name").ko" | head -n 1)
  [ -n "$file" ] || { say "module $name not in $(basename "$kernel")"; exit 1; }
  deps=$(tr '\0' '\n' <"$file" | sed -n 's/^depends=//p' | head -n 1)
  for dep in ${deps//,/ }; do add_module "$dep"; done
  cp "$file" "$root/lib/modules/"
  ordered+=("$(basename "$file" .ko)")
}
for m in "${modules[@]}"; do add_module "$m"; done
printf '%s\n' "${ordered[@]}" >"$root/etc/modules"

find "$root" -exec touch -h -d "$epoch" {} +
(cd "$root" && find . | LC_ALL=C sort | cpio --quiet -o -H newc -R 0:0 --reproducible) | gzip -9n >"$work/initrd.gz"

# --- boot partition (FAT, syslinux) and the disk around it ------------------------------------
mib=$((1024 * 1024))
payload=$(($(stat -c %s "$vmlinuz") + $(stat -c %s "$work/initrd.gz")))
part_mib=$((payload / mib + 8))
part=$work/boot.fat
mkfs.vfat -C --invariant -i 4e494d42 -n NIMBUS "$part" $((part_mib * 1024)) >/dev/null
touch -d "$epoch" "$work/initrd.gz" "$vmlinuz"
cp "$here/syslinux.cfg" "$work/syslinux.cfg" && touch -d "$epoch" "$work/syslinux.cfg"
MTOOLS_SKIP_CHECK=1 mcopy -m -i "$part" "$vmlinuz" ::/vmlinuz
MTOOLS_SKIP_CHECK=1 mcopy -m -i "$part" "$work/initrd.gz" ::/initrd.gz
MTOOLS_SKIP_CHECK=1 mcopy -m -i "$part" "$work/syslinux.cfg" ::/syslinux.cfg
syslinux --install "$part"

disk=$work/disk.raw
truncate -s $(((part_mib + 1) * mib)) "$disk"
sfdisk --quiet "$disk" <<EOF
label: dos
label-id: 0x4e494d42
start=2048, size=$((part_mib * 2048)), type=e, bootable
EOF
dd if="$part" of="$disk" bs=1M seek=1 conv=notrunc status=none
dd if="$mbr" of="$disk" bs=440 count=1 conv=notrunc status=none

qemu-img convert -q -f raw -O qcow2 -c "$disk" "$work/out.qcow2"
mv "$work/out.qcow2" "$image"
echo "$hash" >"$image.inputs"
say "built $(basename "$image") from $(basename "$kernel") in $((($(date +%s%N) - started) / 1000000)) ms"
echo "$image"
