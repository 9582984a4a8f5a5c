# Shared by scripts/stack.sh, scripts/test.sh, scripts/demo.sh and .ci/run. Source it; it defines
# functions only (plus ROOT), so sourcing twice is harmless.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export TURBO_TELEMETRY_DISABLED=1 NEXT_TELEMETRY_DISABLED=1

say() { printf '[%s] %s\n' "${NIMBUS_LOG_TAG:-stack}" "$*" >&2; }
die() { say "error: $*"; exit 1; }

# PostgreSQL and Redis normally run already; when one stopped, start it the way the machine
# started it (MACHINE-NOTES.md). Only local, default-port services are touched.
ensure_postgres() {
  if pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then return 0; fi
  say "PostgreSQL is not answering on 127.0.0.1:5432; starting it"
  local version
  version="$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n1)"
  [ -n "$version" ] || die "PostgreSQL is not installed (no /etc/postgresql)"
  pg_ctlcluster --skip-systemctl-redirect "$version" main start || die "could not start PostgreSQL $version"
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && return 0; sleep 1; done
  die "PostgreSQL did not come up"
}

ensure_redis() {
  if redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then return 0; fi
  say "Redis is not answering on 127.0.0.1:6379; starting it"
  command -v redis-server >/dev/null || die "redis-server is not installed"
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no >/dev/null \
    || die "could not start Redis"
  for _ in $(seq 1 30); do redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 && return 0; sleep 1; done
  die "Redis did not come up"
}

# npm install only when node_modules is missing or older than the lock file; `npm ci` from scratch
# (it is the fast path with an empty tree), `npm install` to top up an existing tree.
ensure_node_modules() {
  local marker="$ROOT/node_modules/.package-lock.json"
  if [ -f "$marker" ] && [ ! "$ROOT/package-lock.json" -nt "$marker" ]; then return 0; fi
  if [ -d "$ROOT/node_modules" ]; then
    say "package-lock.json changed: npm install"
    (cd "$ROOT" && npm install --no-audit --no-fund) || die "npm install failed"
  else
    say "no node_modules: npm ci"
    (cd "$ROOT" && npm ci --no-audit --no-fund) || die "npm ci failed"
  fi
}

# Polls URL until it answers 2xx; gives up after $2 seconds. $3, if given, is a pid that must stay
# alive meanwhile (no point waiting for a server that already died).
wait_http() {
  local url="$1" timeout="${2:-120}" pid="${3:-}" start=$SECONDS
  while (( SECONDS - start < timeout )); do
    if curl -fsS -o /dev/null --max-time 2 "$url" 2>/dev/null; then return 0; fi
    if [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null; then return 1; fi
    sleep 0.5
  done
  return 1
}

# A free TCP port on 127.0.0.1 at or above $1.
free_port() {
  local port="$1"
  while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
  echo "$port"
}
