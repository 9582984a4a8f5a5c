#!/usr/bin/env bash
# Starts or stops the host's libvirt daemons (virtlogd + libvirtd) by hand: these machines have no
# systemd (MACHINE-NOTES.md). Used by the libvirt compute driver's tests and by anyone running an
# agent with COMPUTE_DRIVER=libvirt.
#   scripts/libvirt.sh start   start what is not running, wait until virsh answers (idempotent)
#   scripts/libvirt.sh stop    stop the daemons (guests keep running and libvirtd finds them again,
#                              but their console logs miss what they print meanwhile)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
NIMBUS_LOG_TAG=libvirt

URI=qemu:///system
QEMU_CONF=/etc/libvirt/qemu.conf
AUTOSTART=/etc/libvirt/qemu/networks/autostart

running() { # pidfile
  [ -s "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null
}

answers() {
  timeout 5 virsh -c "$URI" version >/dev/null 2>&1
}

# libvirt's default qemu user (libvirt-qemu) cannot open /dev/kvm here (root-only without udev):
# libvirt then finds its cached qemu capabilities stale on every call and probes qemu again, which
# made each `virsh define` take ~45 s. It also cannot enter the agent's root-owned state folders.
# Running qemu as root (as the agent and the qemu driver do) fixes both.
ensure_qemu_user() {
  if grep -Eq '^[[:space:]]*user[[:space:]]*=[[:space:]]*"root"' "$QEMU_CONF" \
    && grep -Eq '^[[:space:]]*group[[:space:]]*=[[:space:]]*"root"' "$QEMU_CONF"; then
    return 1
  fi
  say "$QEMU_CONF: run qemu as root"
  printf '\n# nimbus (scripts/libvirt.sh): qemu runs as root, see the script for why.\nuser = "root"\ngroup = "root"\n' >>"$QEMU_CONF"
}

stop_pidfile() { # pidfile name
  running "$1" || return 0
  local pid
  pid="$(cat "$1")"
  kill "$pid"
  for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  die "$2 (pid $pid) did not stop"
}

start() {
  for cmd in virsh libvirtd virtlogd; do command -v "$cmd" >/dev/null || die "$cmd is not installed (apt-get install libvirt-daemon-system libvirt-clients)"; done
  # An autostarted network would make libvirtd create a host bridge and NAT rules; nimbus never
  # lets it (guests get no NIC from libvirt), so refuse rather than touch the host's network.
  if compgen -G "$AUTOSTART/*.xml" >/dev/null; then
    die "libvirt would autostart a network ($(ls "$AUTOSTART")): remove it from $AUTOSTART first"
  fi
  if ensure_qemu_user && running /run/libvirtd.pid; then
    say "restarting libvirtd for the new qemu user"
    stop_pidfile /run/libvirtd.pid libvirtd
  fi
  # The daemons must not inherit the lock's descriptor: they would hold the lock for good.
  running /run/virtlogd.pid || virtlogd -d 9>&-
  running /run/libvirtd.pid || libvirtd -d 9>&-
  for _ in $(seq 1 120); do answers && return 0; sleep 0.5; done
  die "libvirtd did not answer on $URI within 60 s"
}

stop() {
  stop_pidfile /run/libvirtd.pid libvirtd
  stop_pidfile /run/virtlogd.pid virtlogd
}

case "${1:-}" in
  start | stop)
    # Several test files may call this at once: one at a time.
    exec 9>/run/nimbus-libvirt.lock
    flock 9
    "$1"
    ;;
  *) die "usage: $0 start|stop" ;;
esac
