#!/usr/bin/env bash
# The whole cloud on this machine: `scripts/stack.sh start` (= npm start) installs what is missing,
# migrates and seeds the database, builds the console, then runs web + worker + one node agent in
# the foreground with prefixed logs until Ctrl-C / SIGTERM. `scripts/stack.sh stop` (= npm stop)
# stops stacks started elsewhere; `scripts/stack.sh status` says what runs.
#
# Re-running `start` while a stack already answers on PORT says so and exits 0 (it does not restart).
#
# Guests are real: the agent runs COMPUTE_DRIVER (default qemu; fake when qemu is not installed),
# and `start` builds the tiny-linux test guest once (scripts/guest/build.sh, cached) and registers
# it as the public image `tiny-linux`. Guests outlive the stack, as Nova's outlive nova-compute:
# `scripts/stack.sh stop --purge-guests` destroys them too (npm test does, for its own stack).
#
# Environment (all optional): PORT (3000), HOST, NIMBUS_PUBLIC_URL, DATABASE_URL, REDIS_URL,
# REDIS_PREFIX, NODE_NAME, NODE_ROLES, LOG_LEVEL, COMPUTE_DRIVER, NIMBUS_{ADMIN,DEMO,SERVICE}_PASSWORD,
# NIMBUS_DATA_DIR (image data, guests' disks, image cache; default .stack/<port>/data) — plus, for a
# second stack beside the first (npm test does this): NIMBUS_STATE_DIR (pidfiles, default .stack)
# and NIMBUS_OPENRC_DIR (where openrc and clouds.yaml go, default the repository root).
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
source "$(dirname "${BASH_SOURCE[0]}")/lib/packages.sh"
cd "$ROOT"

PORT_GIVEN="${PORT:+1}"
export PORT="${PORT:-3000}"
export NODE_ENV=production
STATE_BASE="${NIMBUS_STATE_DIR:-$ROOT/.stack}"
STATE="$STATE_BASE/$PORT"
PUBLIC_URL="${NIMBUS_PUBLIC_URL:-http://127.0.0.1:$PORT}"
PUBLIC_URL="${PUBLIC_URL%/}"
OPENRC_DIR="${NIMBUS_OPENRC_DIR:-$ROOT}"
SERVICES=(web worker agent)
# Stacks used to keep their data in .stack/data; the one on the default port keeps it there if it has some.
if [ -z "${NIMBUS_DATA_DIR:-}" ] && [ "$PORT" = 3000 ] && [ -d "$ROOT/.stack/data" ]; then NIMBUS_DATA_DIR="$ROOT/.stack/data"; fi
export NIMBUS_DATA_DIR="${NIMBUS_DATA_DIR:-$STATE/data}"

# The address /healthz is probed on: the bind address, unless it is a wildcard.
local_url() {
  local host="${HOST:-127.0.0.1}"
  case "$host" in 0.0.0.0 | :: | '') host=127.0.0.1 ;; *:*) host="[$host]" ;; esac
  echo "http://$host:$PORT"
}

# True while pid runs (a zombie child that has exited but is not reaped yet counts as gone).
alive() {
  local stat
  stat="$(ps -o stat= -p "$1" 2>/dev/null)" || return 1
  [[ "$stat" != Z* ]]
}

pid_of() { [ -f "$STATE/$1.pid" ] && cat "$STATE/$1.pid"; }

stack_running() {
  local pid
  pid="$(pid_of stack)" && alive "$pid" && wait_http "$(local_url)/healthz" 3
}

# Each service runs in its own session (setsid), so Ctrl-C in the terminal reaches only this script,
# which then stops them in order, and the whole group can be killed at the end (no orphans). Its
# output goes through a `sed` inside that session which prefixes every line.
start_service() {
  local name="$1"; shift
  setsid bash -c 'exec > >(exec sed -u "s/^/[$0] /") 2>&1; exec "$@"' "$name" "$@" &
  echo $! >"$STATE/$name.pid"
}

# TERM the service's main process, give it time to finish its jobs, then clear its process group.
stop_service() {
  local name="$1" pid
  pid="$(pid_of "$name")" || return 0
  if alive "$pid"; then
    kill -TERM "$pid" 2>/dev/null
    for _ in $(seq 1 100); do alive "$pid" || break; sleep 0.2; done
    alive "$pid" && say "$name did not stop in 20 s; killing it"
  fi
  kill -TERM -- "-$pid" 2>/dev/null && sleep 0.3
  kill -KILL -- "-$pid" 2>/dev/null
  rm -f "$STATE/$name.pid"
}

# A preparation step (migrate, seed, build) runs in the background and is waited for, because bash
# defers traps until a foreground command ends: Ctrl-C or `npm stop` must not wait for a build.
STEP_PID=""
run_step() {
  "$@" &
  STEP_PID=$!
  wait "$STEP_PID"
  local rc=$?
  STEP_PID=""
  return "$rc"
}

# npm does not always pass a signal on to the script it runs: stop the step and all its descendants.
kill_tree() {
  local child
  kill -STOP "$1" 2>/dev/null
  for child in $(pgrep -P "$1"); do kill_tree "$child"; done
  kill -TERM "$1" 2>/dev/null
  kill -CONT "$1" 2>/dev/null
}

STOPPING=0
stop_all() {
  [ "$STOPPING" = 1 ] && return
  STOPPING=1
  if [ -n "$STEP_PID" ]; then kill_tree "$STEP_PID"; wait "$STEP_PID" 2>/dev/null; fi
  if ! compgen -G "$STATE/[a-z]*.pid" | grep -vq '/stack.pid$'; then
    rm -f "$STATE/stack.pid"
    return
  fi
  say "stopping"
  # Agent first (it tells the worker it leaves), then the worker, then the web server.
  local i
  for ((i = ${#SERVICES[@]} - 1; i >= 0; i--)); do stop_service "${SERVICES[i]}"; done
  rm -f "$STATE/stack.pid"
  say "stopped"
}

# Rebuild the console only when an input changed: a hash over the sources the build reads (the
# generated Prisma client included, tests excluded), kept inside .next so a deleted build rebuilds.
build_web() {
  local stamp="$ROOT/apps/web/.next/nimbus-build.stamp" hash
  hash="$(find apps/web packages prisma/schema.prisma package-lock.json tsconfig.base.json \
      \( -name node_modules -o -name .next -o -name .turbo \) -prune -o \
      -type f ! -name '*.test.ts' ! -name '*.test.tsx' -print0 \
    | sort -z | xargs -0 sha256sum | sha256sum | cut -d' ' -f1)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$hash" ]; then
    say "console build is up to date"
    return 0
  fi
  say "building the console (npm run build -w @nimbus/web)"
  rm -f "$stamp"
  npm run build -w @nimbus/web || return 1
  echo "$hash" >"$stamp"
}

# Single-quoted for sh and YAML respectively.
shq() { printf "'%s'" "${1//\'/\'\\\'\'}"; }
yq() { printf "'%s'" "${1//\'/\'\'}"; }

write_openrc() {
  local auth_url="$PUBLIC_URL/identity" admin_pw="${NIMBUS_ADMIN_PASSWORD:-admin}" demo_pw="${NIMBUS_DEMO_PASSWORD:-demo}"
  mkdir -p "$OPENRC_DIR"
  cat >"$OPENRC_DIR/openrc" <<EOF
# nimbus credentials for the OpenStack client (Keystone v3), written by \`npm start\`.
# Usage: source openrc [username] [project]   e.g.  source openrc admin admin | source openrc demo demo
# Users other than admin and demo: export OS_PASSWORD first.
unset OS_AUTH_TYPE OS_TOKEN OS_CLOUD OS_PROJECT_ID OS_TENANT_ID OS_TENANT_NAME OS_DOMAIN_ID OS_DOMAIN_NAME \\
  OS_SYSTEM_SCOPE OS_APPLICATION_CREDENTIAL_ID OS_APPLICATION_CREDENTIAL_NAME OS_APPLICATION_CREDENTIAL_SECRET
export OS_USERNAME="\${1:-admin}"
export OS_PROJECT_NAME="\${2:-\$OS_USERNAME}"
case "\$OS_USERNAME" in
  admin) export OS_PASSWORD=$(shq "$admin_pw") ;;
  demo) export OS_PASSWORD=$(shq "$demo_pw") ;;
  *) [ -n "\${OS_PASSWORD:-}" ] || echo "openrc: export OS_PASSWORD for user \$OS_USERNAME" >&2 ;;
esac
export OS_AUTH_URL=$(shq "$auth_url")
export OS_IDENTITY_API_VERSION=3
export OS_USER_DOMAIN_ID=default
export OS_PROJECT_DOMAIN_ID=default
export OS_REGION_NAME=RegionOne
export OS_INTERFACE=public
EOF
  local cloud user pw
  {
    echo "# nimbus clouds for the OpenStack client, written by \`npm start\`: openstack --os-cloud nimbus-admin ..."
    echo "clouds:"
    for cloud in nimbus-admin nimbus; do
      if [ "$cloud" = nimbus-admin ]; then user=admin pw="$admin_pw"; else user=demo pw="$demo_pw"; fi
      cat <<EOF
  $cloud:
    auth:
      auth_url: $(yq "$auth_url")
      username: $user
      password: $(yq "$pw")
      project_name: $user
      user_domain_id: default
      project_domain_id: default
    region_name: RegionOne
    interface: public
    identity_api_version: 3
EOF
    done
  } >"$OPENRC_DIR/clouds.yaml"
}

banner() {
  local openrc="$OPENRC_DIR/openrc"
  [ "$OPENRC_DIR" = "$ROOT" ] && openrc=openrc
  cat <<EOF

  nimbus is up
    console     $PUBLIC_URL   (user admin, password ${NIMBUS_ADMIN_PASSWORD:-admin}, domain Default)
    identity    $PUBLIC_URL/identity/v3
    CLI         source $openrc admin admin && openstack catalog list
    stop        Ctrl-C here, or \`npm stop\` from another shell

EOF
}

# The compute driver: qemu unless told otherwise; the fake only when qemu is not installed (said loudly).
compute_driver() {
  if [ -n "${COMPUTE_DRIVER:-}" ]; then echo "$COMPUTE_DRIVER"; return; fi
  if command -v qemu-system-x86_64 >/dev/null; then echo qemu; return; fi
  say "qemu-system-x86_64 is not installed: the agent runs the FAKE compute driver (no guest really runs)"
  echo fake
}

# Builds the tiny-linux guest (cached; the first build downloads Debian's cloud kernel) into
# GUEST_IMAGE. A stack without it still runs, it just has no bootable image to offer.
GUEST_IMAGE=""
build_guest() {
  say "building the tiny-linux guest image (cached)"
  if run_step bash scripts/guest/build.sh >"$STATE/guest-build.out"; then
    GUEST_IMAGE="$(tail -n 1 "$STATE/guest-build.out")"
  else
    say "warning: the guest image build failed; the stack starts without the tiny-linux image"
  fi
  rm -f "$STATE/guest-build.out"
}

register_guest() {
  [ -n "$GUEST_IMAGE" ] || return 0
  NIMBUS_PUBLIC_URL="$(local_url)" run_step node --import tsx scripts/register-guest-image.ts "$GUEST_IMAGE" \
    || say "warning: the tiny-linux image could not be registered"
}

default_node_name() {
  local name
  name="$(hostname -s 2>/dev/null | tr 'A-Z' 'a-z' | tr -c 'a-z0-9.\n-' '-')"
  [[ "$name" =~ ^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$ && "$name" != heartbeat ]] && echo "$name" || echo node-1
}

cmd_start() {
  # Held for the stack's whole life (the services inherit it), so a second `start` on the same
  # port, even one racing this one through the build, backs off instead of colliding.
  mkdir -p "$STATE_BASE"
  exec 7>"$STATE_BASE/$PORT.lock"
  if ! flock -n 7; then
    if stack_running; then
      say "a stack is already running on port $PORT (pid $(pid_of stack)); \`npm stop\` stops it"
    else
      say "a stack on port $PORT is starting in another shell; \`npm stop\` stops it"
    fi
    exit 0
  fi
  if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
    die "port $PORT is taken by another program; choose another with PORT=..."
  fi
  mkdir -p "$STATE"
  echo $$ >"$STATE/stack.pid"
  trap 'stop_all; exit 0' INT TERM HUP
  trap 'stop_all' EXIT

  run_step ensure_node_modules || exit 1
  ensure_postgres
  ensure_redis
  export NIMBUS_PUBLIC_URL="$PUBLIC_URL"
  say "migrating the database"
  run_step npm run --silent db:migrate || die "database migration failed"
  say "seeding"
  run_step npm run --silent db:seed || die "seeding failed"
  # Two stacks (yours and the one npm test starts) share apps/web/.next: one build at a time.
  mkdir -p "$ROOT/.stack"
  exec 9>"$ROOT/.stack/build.lock"
  run_step flock 9 || exit 1
  run_step build_web || die "console build failed"
  exec 9>&-

  # qemu, libvirt and the guest image tools come from Debian (a no-op once installed).
  install_missing_packages "$STATE/apt.log" cloud || say "carrying on without them: see above for what falls back"
  build_guest
  export NODE_NAME="${NODE_NAME:-$(default_node_name)}"
  export COMPUTE_DRIVER
  COMPUTE_DRIVER="$(compute_driver)"
  if [ "$COMPUTE_DRIVER" = libvirt ]; then run_step bash scripts/libvirt.sh start || die "libvirtd did not start"; fi
  # What `stop --purge-guests` needs to find this node's guests again, later, from another shell.
  printf 'NODE_NAME=%q\nCOMPUTE_DRIVER=%q\nNIMBUS_DATA_DIR=%q\n' "$NODE_NAME" "$COMPUTE_DRIVER" "$NIMBUS_DATA_DIR" >"$STATE/agent.env"
  start_service web node --import tsx apps/web/server.ts
  start_service worker node --import tsx apps/worker/src/main.ts
  # The agent reaches the controller on this machine, whatever the public URL is.
  NIMBUS_API_URL="${NIMBUS_API_URL:-$(local_url)}" start_service agent node --import tsx apps/node-agent/src/main.ts

  if ! wait_http "$(local_url)/healthz" 180 "$(pid_of web)"; then
    die "the web server did not answer $(local_url)/healthz"
  fi
  register_guest
  write_openrc
  banner

  # Supervise: when any service dies on its own, stop the rest and fail, rather than limp along.
  local pids=() name
  for name in "${SERVICES[@]}"; do pids+=("$(pid_of "$name")"); done
  while true; do
    wait -n "${pids[@]}"
    [ "$STOPPING" = 1 ] && exit 0
    for name in "${SERVICES[@]}"; do
      if ! alive "$(pid_of "$name")"; then
        say "$name exited on its own; stopping the stack"
        stop_all
        exit 1
      fi
    done
  done
}

# Destroys the guests of the stack in $STATE through its agent's driver (the agent is stopped by then).
purge_guests() {
  [ -f "$STATE/agent.env" ] || return 0
  say "destroying the guests of the stack on port $(basename "$STATE")"
  (
    set -a
    source "$STATE/agent.env"
    set +a
    [ "$COMPUTE_DRIVER" = libvirt ] && { bash scripts/libvirt.sh start || exit 1; }
    exec node --import tsx apps/node-agent/src/purge-guests.ts
  ) && rm -f "$STATE/agent.env"
}

# Stops the stack on PORT when PORT is set, otherwise every stack under the state directory;
# with --purge-guests, destroys their guests as well.
cmd_stop() {
  local purge=0
  [ "${1:-}" = --purge-guests ] && purge=1
  local dirs=() dir pid
  if [ -n "$PORT_GIVEN" ]; then dirs=("$STATE"); else dirs=("$STATE_BASE"/*/); fi
  for dir in "${dirs[@]}"; do
    [ -d "$dir" ] && [[ "$(basename "$dir")" =~ ^[0-9]+$ ]] || continue
    STATE="${dir%/}"
    pid="$(pid_of stack)" || pid=""
    if [ -n "$pid" ] && alive "$pid"; then
      say "stopping the stack on port $(basename "$STATE") (pid $pid)"
      kill -TERM "$pid"
      for _ in $(seq 1 300); do alive "$pid" || break; sleep 0.2; done
    fi
    # Whatever the stack script left behind (it was killed hard, or did not stop in time).
    for name in "${SERVICES[@]}"; do stop_service "$name"; done
    rm -f "$STATE/stack.pid"
    [ "$purge" = 1 ] && purge_guests
    rmdir "$STATE" 2>/dev/null
  done
  return 0
}

cmd_status() {
  local dir name pid found=0
  for dir in "$STATE_BASE"/[0-9]*/; do
    [ -f "$dir/stack.pid" ] || continue
    found=1
    echo "port $(basename "$dir"):"
    for name in stack "${SERVICES[@]}"; do
      pid="$(cat "$dir/$name.pid" 2>/dev/null)" || pid=""
      if [ -n "$pid" ] && alive "$pid"; then echo "  $name  running (pid $pid)"; else echo "  $name  not running"; fi
    done
  done
  [ "$found" = 1 ] || echo "no stack running"
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop "${2:-}" ;;
  status) cmd_status ;;
  *) echo "usage: $0 start | stop [--purge-guests] | status" >&2; exit 2 ;;
esac
