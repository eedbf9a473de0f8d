# shellcheck shell=bash
# Bash library to build, start and stop the embedded Neo4j launcher in infra/neo4j.
# Source it; it only defines functions (and sets NEO4J_PID in neo4j_start). Safe under
# `set -euo pipefail`.
#
#   neo4j_build                                   build infra/neo4j if missing or stale
#   neo4j_start DATA_DIR PORT USER PASSWORD LOGFILE
#                                                 start in the background, wait for `ready`,
#                                                 set NEO4J_PID, write DATA_DIR/launcher.pid
#   neo4j_stop DATA_DIR                           SIGTERM, wait up to 60 s, then SIGKILL
#   bolt_answers HOST PORT                        0 if a TCP connection to HOST:PORT succeeds
#
# Optional environment (read at call time):
#   NEO4J_BOLT_HOST       listen host (default 127.0.0.1)
#   NEO4J_HEAP            JVM max heap (default 1g); NEO4J_PAGECACHE page cache (default 256m)
#   NEO4J_START_TIMEOUT   seconds to wait for `ready` (default 180)
#   NEO4J_STOP_TIMEOUT    seconds to wait after SIGTERM (default 60)
#   NEO4J_JAVA            java binary (default $JAVA_HOME/bin/java, else java on PATH)
#   NEO4J_MVN_ARGS        extra arguments for mvn in neo4j_build (e.g. -o)

# Directory infra/neo4j, found from this file's location.
_neo4j_dir() {
  local lib_dir
  lib_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
  (cd "$lib_dir/../../infra/neo4j" && pwd)
}

_neo4j_java() {
  if [[ -n "${NEO4J_JAVA:-}" ]]; then
    printf '%s\n' "$NEO4J_JAVA"
  elif [[ -n "${JAVA_HOME:-}" && -x "${JAVA_HOME}/bin/java" ]]; then
    printf '%s\n' "${JAVA_HOME}/bin/java"
  else
    command -v java || { echo "neo4j: java not found (need Java 17+)" >&2; return 1; }
  fi
}

# True if PID is a live process (not a zombie).
_neo4j_alive() {
  local pid="$1" state
  kill -0 "$pid" 2>/dev/null || return 1
  if [[ -r "/proc/$pid/stat" ]]; then
    state="$(sed -E 's/^[0-9]+ \(.*\) ([A-Za-z]).*/\1/' "/proc/$pid/stat" 2>/dev/null || true)"
    [[ "$state" != "Z" && "$state" != "X" ]] || return 1
  fi
  return 0
}

# True if PID is our launcher (guards against a recycled pid in a stale pid file).
_neo4j_is_launcher() {
  local pid="$1" cmdline
  [[ -r "/proc/$pid/cmdline" ]] || return 0 # no /proc: trust the pid file
  cmdline="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null || true)"
  [[ "$cmdline" == *embedded-neo4j* || "$cmdline" == *dev.memegraph.neo4j.EmbeddedNeo4j* ]]
}

neo4j_build() {
  local dir jar out stale=""
  dir="$(_neo4j_dir)" || { echo "neo4j_build: infra/neo4j not found" >&2; return 1; }
  jar="$dir/target/embedded-neo4j.jar"
  if [[ ! -f "$jar" || ! -d "$dir/target/lib" ]]; then
    stale=1
  elif [[ -n "$(find "$dir/pom.xml" "$dir/src" -newer "$jar" -print -quit 2>/dev/null)" ]]; then
    stale=1
  fi
  [[ -n "$stale" ]] || return 0

  command -v mvn >/dev/null 2>&1 || { echo "neo4j_build: mvn not found" >&2; return 1; }
  out="$(mktemp "${TMPDIR:-/tmp}/neo4j-build.XXXXXX")"
  # shellcheck disable=SC2086 # NEO4J_MVN_ARGS is a word list on purpose
  if ! (cd "$dir" && mvn -q -B -Dstyle.color=never -DskipTests ${NEO4J_MVN_ARGS:-} package) >"$out" 2>&1; then
    echo "neo4j_build: mvn package failed in $dir:" >&2
    tail -n 60 "$out" >&2 || true
    rm -f "$out"
    return 1
  fi
  rm -f "$out"
  # The jar plugin may leave an up-to-date jar untouched; mark the build as fresh.
  touch "$jar"
}

neo4j_start() {
  if [[ $# -ne 5 ]]; then
    echo "usage: neo4j_start DATA_DIR PORT USER PASSWORD LOGFILE" >&2
    return 2
  fi
  local data_dir="$1" port="$2" user="$3" password="$4" logfile="$5"
  local dir java host timeout pidfile pid waited old_pid rc
  host="${NEO4J_BOLT_HOST:-127.0.0.1}"
  timeout="${NEO4J_START_TIMEOUT:-180}"

  if [[ ${#password} -lt 8 ]]; then
    echo "neo4j_start: password must have at least 8 characters" >&2
    return 2
  fi
  neo4j_build || return 1
  dir="$(_neo4j_dir)" || return 1
  java="$(_neo4j_java)" || return 1

  mkdir -p "$data_dir" "$(dirname "$logfile")"
  data_dir="$(cd "$data_dir" && pwd)"
  pidfile="$data_dir/launcher.pid"

  if [[ -f "$pidfile" ]]; then
    old_pid="$(cat "$pidfile" 2>/dev/null || true)"
    if [[ -n "$old_pid" ]] && _neo4j_alive "$old_pid" && _neo4j_is_launcher "$old_pid"; then
      echo "neo4j_start: a launcher (pid $old_pid) already runs on $data_dir; neo4j_stop it first" >&2
      return 1
    fi
    rm -f "$pidfile"
  fi
  if bolt_answers "$host" "$port"; then
    echo "neo4j_start: something already listens on $host:$port" >&2
    return 1
  fi

  : >"$logfile"
  # setsid: a Ctrl-C in the caller's terminal must not stop Neo4j before its clients close.
  NEO4J_DATA_DIR="$data_dir" \
    NEO4J_BOLT_HOST="$host" \
    NEO4J_BOLT_PORT="$port" \
    NEO4J_USER="$user" \
    NEO4J_PASSWORD="$password" \
    setsid "$java" \
    "-Xms256m" "-Xmx${NEO4J_HEAP:-1g}" \
    -XX:+UseG1GC -XX:-OmitStackTraceInFastThrow -XX:+ExitOnOutOfMemoryError \
    -Dio.netty.tryReflectionSetAccessible=true -Djdk.nio.maxCachedBufferSize=1024 \
    -Dlog4j2.disable.jmx=true \
    -jar "$dir/target/embedded-neo4j.jar" \
    >>"$logfile" 2>&1 </dev/null &
  pid=$!
  # shellcheck disable=SC2034 # global for the caller
  NEO4J_PID="$pid"
  printf '%s\n' "$pid" >"$pidfile"

  waited=0
  while :; do
    if grep -qx 'ready' "$logfile" 2>/dev/null; then
      echo "neo4j: ready on bolt://$host:$port (pid $pid, data $data_dir)" >&2
      return 0
    fi
    if ! _neo4j_alive "$pid"; then
      rc=0
      wait "$pid" 2>/dev/null || rc=$?
      echo "neo4j_start: launcher exited (status $rc) before it was ready; last log lines ($logfile):" >&2
      tail -n 40 "$logfile" >&2 || true
      rm -f "$pidfile"
      return 1
    fi
    if [[ $waited -ge $((timeout * 2)) ]]; then
      echo "neo4j_start: not ready after ${timeout}s; last log lines ($logfile):" >&2
      tail -n 40 "$logfile" >&2 || true
      neo4j_stop "$data_dir" || true
      return 1
    fi
    sleep 0.5
    waited=$((waited + 1))
  done
}

neo4j_stop() {
  if [[ $# -ne 1 ]]; then
    echo "usage: neo4j_stop DATA_DIR" >&2
    return 2
  fi
  local pidfile="$1/launcher.pid" pid waited limit rc
  limit="${NEO4J_STOP_TIMEOUT:-60}"
  [[ -f "$pidfile" ]] || return 0
  pid="$(cat "$pidfile" 2>/dev/null || true)"
  if [[ -z "$pid" ]] || ! _neo4j_alive "$pid" || ! _neo4j_is_launcher "$pid"; then
    rm -f "$pidfile"
    return 0
  fi

  kill -TERM "$pid" 2>/dev/null || true
  waited=0
  while _neo4j_alive "$pid" && [[ $waited -lt $((limit * 4)) ]]; do
    sleep 0.25
    waited=$((waited + 1))
  done
  if _neo4j_alive "$pid"; then
    echo "neo4j_stop: pid $pid still alive after ${limit}s, sending SIGKILL" >&2
    kill -KILL "$pid" 2>/dev/null || true
    waited=0
    while _neo4j_alive "$pid" && [[ $waited -lt 40 ]]; do
      sleep 0.25
      waited=$((waited + 1))
    done
  fi
  # Reap it if it is our child, and report an unclean exit.
  rc=0
  wait "$pid" 2>/dev/null || rc=$?
  if [[ $rc -ne 0 && $rc -ne 127 ]]; then
    echo "neo4j_stop: launcher pid $pid exited with status $rc" >&2
  fi
  rm -f "$pidfile"
  if _neo4j_alive "$pid"; then
    echo "neo4j_stop: could not stop pid $pid" >&2
    return 1
  fi
  return 0
}

bolt_answers() {
  if [[ $# -ne 2 ]]; then
    echo "usage: bolt_answers HOST PORT" >&2
    return 2
  fi
  # shellcheck disable=SC2016 # expanded by the inner bash
  timeout 2 bash -c 'exec 3<>"/dev/tcp/$1/$2"' _ "$1" "$2" >/dev/null 2>&1
}
