# Shared helpers for scripts/up and scripts/test. Source it; it defines functions only.
# Everything listens on 127.0.0.1.

ROOT="${ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
# Some packages ship install-time analytics; keep them quiet even if scripts run.
export SCARF_ANALYTICS=false DO_NOT_TRACK=1

log() { printf '\033[1;36m[memegraph]\033[0m %s\n' "$*" >&2; }
warn() { printf '\033[1;33m[memegraph]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[memegraph]\033[0m %s\n' "$*" >&2; exit 1; }

_APT_UPDATED=""
# ensure_pkg COMMAND PACKAGE... : installs Debian packages when COMMAND is missing.
ensure_pkg() {
  local cmd=$1; shift
  command -v "$cmd" >/dev/null 2>&1 && return 0
  if [ "$(id -u)" != 0 ]; then
    die "$cmd is missing. Install it with: sudo apt-get install -y $*"
  fi
  log "installing $* (apt)"
  if [ -z "$_APT_UPDATED" ]; then apt-get update -qq >/dev/null; _APT_UPDATED=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null \
    || die "apt-get install $* failed"
}

# ensure_deb PACKAGE... : installs Debian packages that provide no command (fonts, data).
ensure_deb() {
  local missing=() p
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" != 0 ]; then die "missing packages. Install them with: sudo apt-get install -y ${missing[*]}"; fi
  log "installing ${missing[*]} (apt)"
  if [ -z "$_APT_UPDATED" ]; then apt-get update -qq >/dev/null; _APT_UPDATED=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || die "apt-get install ${missing[*]} failed"
}

ensure_toolchain() {
  command -v node >/dev/null || die "Node.js 20.19+ is required"
  command -v java >/dev/null || die "Java 17 is required for the embedded Neo4j"
  command -v mvn >/dev/null || ensure_pkg mvn maven
  ensure_pkg redis-server redis-server
}

# npm ci when node_modules is missing or older than the lockfile.
ensure_node_modules() {
  if [ ! -f "$ROOT/node_modules/.package-lock.json" ] || [ "$ROOT/package-lock.json" -nt "$ROOT/node_modules/.package-lock.json" ]; then
    log "installing npm dependencies (npm ci)"
    (cd "$ROOT" && npm ci --no-audit --no-fund --loglevel=error) || die "npm ci failed"
  fi
}

build_workspace() {
  log "building the workspace (nx run-many -t build)"
  (cd "$ROOT" && NX_DAEMON=false NX_NO_CLOUD=true npx nx run-many -t build --outputStyle=static >"$ROOT/.data/build.log" 2>&1) \
    || { tail -n 60 "$ROOT/.data/build.log" >&2; die "build failed (full log: .data/build.log)"; }
}

port_answers() { timeout 2 bash -c "exec 3<>/dev/tcp/$1/$2" 2>/dev/null; }

# wait_for_http URL SECONDS [PID] : polls until the URL answers 2xx.
wait_for_http() {
  local url=$1 secs=$2 pid=${3:-}
  for _ in $(seq 1 $((secs * 4))); do
    curl -fsS -o /dev/null --max-time 2 "$url" 2>/dev/null && return 0
    if [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null; then return 1; fi
    sleep 0.25
  done
  return 1
}

# start_redis DIR PORT LOGFILE : redis-server with AOF in DIR (jobs survive restarts). Sets REDIS_PID.
# Every write is fsynced before Redis answers (appendfsync always), so a delivery the API has
# acknowledged survives even an OS crash; Redis groups the fsyncs of concurrent clients, and the
# webhook benchmark measured no throughput cost. REDIS_APPENDFSYNC=everysec trades the last
# second of writes on an OS crash for less disk traffic.
start_redis() {
  local dir=$1 port=$2 logf=$3
  mkdir -p "$dir"
  # Its own session (setsid), like every service the scripts start: a Ctrl-C in the terminal
  # must not stop Redis before the api and worker have closed their connections to it.
  setsid redis-server --bind 127.0.0.1 --port "$port" --dir "$dir" --appendonly yes --appendfsync "${REDIS_APPENDFSYNC:-always}" \
    --save "" --protected-mode yes --daemonize no --loglevel warning >"$logf" 2>&1 &
  REDIS_PID=$!
  for _ in $(seq 1 100); do
    if redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null | grep -q PONG; then return 0; fi
    kill -0 "$REDIS_PID" 2>/dev/null || break
    sleep 0.1
  done
  tail -n 20 "$logf" >&2
  return 1
}

redis_url_answers() {
  local url=$1 hostport host port
  hostport=${url#*://}; hostport=${hostport##*@}; hostport=${hostport%%/*}
  host=${hostport%%:*}; port=${hostport##*:}; [ "$port" = "$host" ] && port=6379
  redis-cli -h "$host" -p "$port" ping 2>/dev/null | grep -q -e PONG -e NOAUTH
}

# spawn CMD... : runs CMD in the background as the leader of its own process group, so
# stop_pid can stop it with everything it started (npx wrappers, next-server children).
# Sets SPAWNED_PID. Redirect output at the call site: spawn cmd >log 2>&1
spawn() {
  setsid "$@" &
  SPAWNED_PID=$!
}

# stop_pid PID [SECONDS] : SIGTERM to its process group (or the process), wait, then SIGKILL.
stop_pid() {
  local pid=$1 secs=${2:-20}
  [ -n "$pid" ] || return 0
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 $((secs * 10))); do
    kill -0 "$pid" 2>/dev/null || kill -0 -- "-$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
}

# dev_secrets FILE : generates local-only credentials once; later runs reuse them.
dev_secrets() {
  local f=$1
  if [ ! -f "$f" ]; then
    mkdir -p "$(dirname "$f")"
    umask 077
    {
      echo "NEO4J_PASSWORD=$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 20)"
      echo "MEMEGRAPH_ADMIN_TOKEN=mg_$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
    } >"$f"
  fi
  # Secrets added in later versions are appended to an existing file.
  grep -q '^ALERTMANAGER_TOKEN=' "$f" || echo "ALERTMANAGER_TOKEN=am_$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')" >>"$f"
  # shellcheck disable=SC1090
  set -a; . "$f"; set +a
}
