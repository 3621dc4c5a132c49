#!/usr/bin/env bash
# Throwaway PostgreSQL 15 and MariaDB 10.11 servers on 127.0.0.1 for Quarry's tests.
#
# Sourced (the normal use, e.g. from scripts/test.sh):
#     source scripts/test-servers.sh      # non-zero status if a server fails to start
#   starts the servers in a fresh temp dir, exports the variables below and installs an EXIT
#   trap (chained after any EXIT trap the caller already had) that stops both servers and
#   removes the temp dir. It does not change the caller's shell options (set -e/-u/pipefail),
#   and the servers are detached, so a bare `wait` in the caller does not block on them.
#
# Executed, for manual use (no trap: the servers keep running until you stop them):
#     eval "$(scripts/test-servers.sh start)"
#     scripts/test-servers.sh stop "$QUARRY_TEST_SERVERS_DIR"
#
# Fault injection (tests/tst_fault.cpp), on servers started by either form:
#     scripts/test-servers.sh kill DIR postgres|mariadb     SIGKILL the server (a crash)
#     scripts/test-servers.sh restart DIR postgres|mariadb  kill if running, start again on the
#                                                           same port and data, wait until healthy
#     scripts/test-servers.sh ensure DIR                    restart whichever server of DIR does not
#                                                           answer; non-zero if one cannot be revived
#
# Input:
#   QUARRY_TEST_DIALECTS   comma/space list of sqlite, postgres (pg), mariadb (mysql), or "all";
#                          unset = all. "sqlite" alone starts no server.
#   QUARRY_TEST_SERVER_TIMEOUT  seconds to wait for each server (default 60).
# Output (exported):
#   QUARRY_TEST_DIALECTS   normalised, e.g. "sqlite,postgres,mariadb"
#   QUARRY_TEST_PG_URL     postgres://quarry:quarry@127.0.0.1:PORT/quarry   (unset if not started)
#   QUARRY_TEST_MYSQL_URL  mariadb://quarry:quarry@127.0.0.1:PORT/quarry    (unset if not started)
#   QUARRY_TEST_SERVERS_DIR  the temp dir (server logs pg.log, mariadb.log; tool output *.out;
#                          ports in pg.port, mariadb.port), empty if no server was started
#   QUARRY_TEST_SERVERS_SCRIPT  the absolute path of this script, for the kill/restart/ensure
#                          subcommands
#
# Every run uses a new temp dir, so stale pid files or sockets of killed runs never matter.
# The functions below check every step explicitly and are always called in an `||` context,
# so they behave the same whether or not the caller runs with `set -e`.

_qts_log() { printf 'test-servers: %s\n' "$*" >&2; }

# Show why a server did not come up.
_qts_tail_log() {
  _qts_log "last lines of $1:"
  if [ -f "$1" ]; then tail -n 40 "$1" | sed 's/^/  | /' >&2; else _qts_log "  (no log file)"; fi
}

# Run a command as a service user: PostgreSQL refuses to run as root. Without root we can only
# run as ourselves (the servers then run under the current user, which works too).
_qts_as() {
  local user=$1; shift
  if [ "$(id -u)" -eq 0 ]; then runuser -u "$user" -- "$@"; else "$@"; fi
}

# Alive and not a zombie: PID 1 in these containers does not reap orphans, so a killed server
# can linger as a zombie that `kill -0` still reports.
_qts_alive() {
  local pid=$1 state
  [ -n "$pid" ] && [ -r "/proc/$pid/stat" ] || return 1
  state=$(sed -E 's/^[0-9]+ \(.*\) ([A-Za-z]).*/\1/' "/proc/$pid/stat" 2>/dev/null) || return 1
  [ "$state" != "Z" ] && [ "$state" != "X" ]
}

# A port is busy when something accepts a TCP connection on it.
_qts_port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

_qts_free_port() {
  local port=$1 n=0
  while _qts_port_busy "$port"; do
    port=$((port + 1)); n=$((n + 1))
    [ "$n" -lt 200 ] || return 1
  done
  printf '%s\n' "$port"
}

_qts_pg_bindir() {
  local d
  for d in "${QUARRY_PG_BINDIR:-}" /usr/lib/postgresql/15/bin; do
    [ -n "$d" ] && [ -x "$d/pg_ctl" ] && { printf '%s\n' "$d"; return 0; }
  done
  # Any other installed major version, newest first.
  d=$(find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -name bin -type d 2>/dev/null | sort -rV | head -n 1)
  [ -n "$d" ] && [ -x "$d/pg_ctl" ] && { printf '%s\n' "$d"; return 0; }
  _qts_log "PostgreSQL server binaries not found (package postgresql)"; return 1
}

_qts_mariadbd() {
  local c
  for c in "$(command -v mariadbd 2>/dev/null)" /usr/sbin/mariadbd; do
    [ -n "$c" ] && [ -x "$c" ] && { printf '%s\n' "$c"; return 0; }
  done
  _qts_log "mariadbd not found (package mariadb-server)"; return 1
}

# ---------------------------------------------------------------- PostgreSQL
# The postmaster's options; restart uses the same ones.
_qts_pg_options() {
  printf '%s' "-p $1 -k $2 -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
}

_qts_start_pg() {
  local dir=$1 bin port attempt log="$1/pg.log" data="$1/pg/data" sock="$1/pg"
  bin=$(_qts_pg_bindir) || return 1
  mkdir -p "$sock" || return 1
  [ "$(id -u)" -ne 0 ] || chown postgres: "$sock" || return 1
  chmod 700 "$sock" || return 1
  : >"$log" && { [ "$(id -u)" -ne 0 ] || chown postgres: "$log"; } || return 1

  # cd: the tools complain when the caller's cwd (e.g. /root) is unreadable for postgres.
  if ! (cd "$dir" && _qts_as postgres "$bin/initdb" -D "$data" -U postgres -E UTF8 --locale=C.UTF-8 \
        --auth-local=trust --auth-host=scram-sha-256 --no-sync </dev/null >>"$dir/pg-initdb.out" 2>&1); then
    _qts_log "PostgreSQL initdb failed"; _qts_tail_log "$dir/pg-initdb.out"; return 1
  fi

  # Retry on another port if one we saw free was taken meanwhile (parallel runs).
  port=${QUARRY_TEST_PG_PORT:-5433}
  for attempt in 1 2 3 4 5; do
    port=$(_qts_free_port "$port") || { _qts_log "no free port for PostgreSQL"; return 1; }
    if (cd "$dir" && _qts_as postgres "$bin/pg_ctl" -D "$data" -l "$log" -w -t "$_QTS_TIMEOUT" \
          -o "$(_qts_pg_options "$port" "$sock")" \
          start </dev/null >>"$dir/pg_ctl.out" 2>&1); then
      break
    fi
    if [ "$attempt" -lt 5 ] && grep -q 'could not bind\|already in use' "$log"; then
      _qts_log "PostgreSQL port $port taken, retrying"; port=$((port + 1)); continue
    fi
    _qts_log "PostgreSQL failed to start"; _qts_tail_log "$dir/pg_ctl.out"; _qts_tail_log "$log"; return 1
  done

  # Local socket auth is trust (set by initdb above); the quarry role logs in over TCP with a password.
  if ! (cd "$dir" && _qts_as postgres psql -X -q -v ON_ERROR_STOP=1 -h "$sock" -p "$port" -U postgres -d postgres \
        -c "CREATE ROLE quarry WITH LOGIN CREATEDB PASSWORD 'quarry'" \
        -c "CREATE DATABASE quarry OWNER quarry" </dev/null >>"$dir/setup.out" 2>&1); then
    _qts_log "PostgreSQL: creating role/database quarry failed"; _qts_tail_log "$dir/setup.out"; return 1
  fi
  printf '%s\n' "$port" >"$dir/pg.port"
  export QUARRY_TEST_PG_URL="postgres://quarry:quarry@127.0.0.1:$port/quarry"
  _qts_log "PostgreSQL ready on 127.0.0.1:$port"
}

_qts_stop_pg() {
  local dir=$1 bin data="$1/pg/data" pid
  [ -f "$data/postmaster.pid" ] || return 0
  pid=$(head -n 1 "$data/postmaster.pid" 2>/dev/null)
  # Immediate: the data is thrown away anyway.
  if bin=$(_qts_pg_bindir 2>/dev/null); then
    (cd "$dir" && _qts_as postgres "$bin/pg_ctl" -D "$data" -m immediate -w -t 15 stop) </dev/null >/dev/null 2>&1
  fi
  # pg_ctl may fail (e.g. postmaster already dead): make sure nothing is left.
  for _ in $(seq 1 50); do _qts_alive "$pid" || return 0; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null
  return 0
}

# ---------------------------------------------------------------- MariaDB
# Starts mariadbd on DIR's data in the background; its pid goes to DIR/mariadbd.launch.pid.
_qts_launch_mariadb() {
  local dir=$1 mariadbd=$2 port=$3 user_args=()
  [ "$(id -u)" -ne 0 ] || user_args=(--user=mysql)
  # Subshell + setsid: detached from the caller's job table and process group; stdio
  # redirected so nothing (CI, command substitution) waits on the server's output.
  (cd "$dir" && exec setsid "$mariadbd" --no-defaults "${user_args[@]}" --datadir="$dir/my/data" \
      --socket="$dir/my/mysqld.sock" --pid-file="$dir/my/mariadbd.pid" --log-error="$dir/mariadb.log" \
      --bind-address=127.0.0.1 --port="$port" \
      --skip-name-resolve --character-set-server=utf8mb4 --innodb-buffer-pool-size=64M \
      --innodb-flush-log-at-trx-commit=0 --skip-log-bin </dev/null >/dev/null 2>&1 &
    echo $! >"$dir/mariadbd.launch.pid")
}

_qts_start_mariadb() {
  local dir=$1 mariadbd port attempt pid log="$1/mariadb.log" data="$1/my/data" sock="$1/my/mysqld.sock"
  local user_args=()
  mariadbd=$(_qts_mariadbd) || return 1
  mkdir -p "$data" || return 1
  if [ "$(id -u)" -eq 0 ]; then
    chown -R mysql: "$dir/my" || return 1
    user_args=(--user=mysql)
  fi
  : >"$log" && { [ "$(id -u)" -ne 0 ] || chown mysql: "$log"; } || return 1

  # --no-defaults everywhere: otherwise /etc/mysql is read and the system socket/datadir are used.
  if ! (cd "$dir" && mariadb-install-db --no-defaults --datadir="$data" "${user_args[@]}" \
        --auth-root-authentication-method=normal --skip-test-db </dev/null >>"$dir/mariadb-install.out" 2>&1); then
    _qts_log "mariadb-install-db failed"; _qts_tail_log "$dir/mariadb-install.out"; return 1
  fi

  port=${QUARRY_TEST_MYSQL_PORT:-3307}
  for attempt in 1 2 3 4 5; do
    port=$(_qts_free_port "$port") || { _qts_log "no free port for MariaDB"; return 1; }
    _qts_launch_mariadb "$dir" "$mariadbd" "$port"
    pid=$(cat "$dir/mariadbd.launch.pid" 2>/dev/null)
    for _ in $(seq 1 $((_QTS_TIMEOUT * 5))); do
      _qts_alive "$pid" || break
      if mariadb-admin --no-defaults --socket="$sock" -uroot --connect-timeout=2 ping >/dev/null 2>&1; then
        break
      fi
      sleep 0.2
    done
    if _qts_alive "$pid" && mariadb-admin --no-defaults --socket="$sock" -uroot ping >/dev/null 2>&1; then
      break
    fi
    if ! _qts_alive "$pid" && [ "$attempt" -lt 5 ] && grep -q 'already in use\|Bind on TCP/IP port' "$log"; then
      _qts_log "MariaDB port $port taken, retrying"; port=$((port + 1)); continue
    fi
    if _qts_alive "$pid"; then
      _qts_log "MariaDB did not answer within ${_QTS_TIMEOUT}s"
      kill -9 "$pid" 2>/dev/null
    else
      _qts_log "MariaDB exited during startup"
    fi
    _qts_tail_log "$log"; return 1
  done

  # With --skip-name-resolve, 'quarry'@'localhost' matches socket connections only, hence both hosts.
  if ! mariadb --no-defaults --socket="$sock" -uroot -e "
        CREATE USER 'quarry'@'127.0.0.1' IDENTIFIED BY 'quarry';
        CREATE USER 'quarry'@'localhost' IDENTIFIED BY 'quarry';
        GRANT ALL PRIVILEGES ON *.* TO 'quarry'@'127.0.0.1';
        GRANT ALL PRIVILEGES ON *.* TO 'quarry'@'localhost';
        CREATE DATABASE quarry CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;" </dev/null >>"$dir/setup.out" 2>&1; then
    _qts_log "MariaDB: creating user/database quarry failed"; _qts_tail_log "$dir/setup.out"; return 1
  fi
  printf '%s\n' "$port" >"$dir/mariadb.port"
  export QUARRY_TEST_MYSQL_URL="mariadb://quarry:quarry@127.0.0.1:$port/quarry"
  _qts_log "MariaDB ready on 127.0.0.1:$port"
}

_qts_stop_mariadb() {
  local dir=$1 pid
  pid=$(cat "$dir/mariadbd.launch.pid" 2>/dev/null) || return 0
  _qts_alive "$pid" || return 0
  # SIGTERM is a normal shutdown; the data is thrown away, so SIGKILL after 15 s is fine too.
  kill -TERM "$pid" 2>/dev/null
  for _ in $(seq 1 150); do _qts_alive "$pid" || return 0; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null
  for _ in $(seq 1 50); do _qts_alive "$pid" || return 0; sleep 0.1; done
  return 0
}

# ---------------------------------------------------------------- fault injection
# SIGKILL, as a crash: the postmaster and its backends at once (a backend left alive would
# keep its client's session going), or mariadbd. Waits until they are gone.
_qts_kill_pg() {
  local dir=$1 pid pids
  pid=$(head -n 1 "$dir/pg/data/postmaster.pid" 2>/dev/null) || return 0
  _qts_alive "$pid" || return 0
  pids="$pid $(pgrep -P "$pid" 2>/dev/null | tr '\n' ' ')"
  # shellcheck disable=SC2086
  kill -9 $pids 2>/dev/null
  for p in $pids; do
    for _ in $(seq 1 100); do _qts_alive "$p" || break; sleep 0.05; done
  done
  ! _qts_alive "$pid"
}

_qts_kill_mariadb() {
  local dir=$1 pid
  pid=$(cat "$dir/mariadbd.launch.pid" 2>/dev/null) || return 0
  _qts_alive "$pid" || return 0
  kill -9 "$pid" 2>/dev/null
  for _ in $(seq 1 100); do _qts_alive "$pid" || return 0; sleep 0.05; done
  return 1
}

_qts_pg_healthy() {
  local dir=$1 port
  port=$(cat "$dir/pg.port" 2>/dev/null) || return 1
  (cd "$dir" && _qts_as postgres psql -X -q -h "$dir/pg" -p "$port" -U postgres -d quarry -c 'SELECT 1') \
    </dev/null >/dev/null 2>&1
}

_qts_mariadb_healthy() {
  mariadb --no-defaults --socket="$1/my/mysqld.sock" -uroot --connect-timeout=2 -e 'SELECT 1' quarry \
    </dev/null >/dev/null 2>&1
}

# Same port, same data: crash recovery runs, clients reconnect to the URL they had.
_qts_restart_pg() {
  local dir=$1 bin port data="$1/pg/data" sock="$1/pg"
  _QTS_TIMEOUT=${_QTS_TIMEOUT:-${QUARRY_TEST_SERVER_TIMEOUT:-60}}
  port=$(cat "$dir/pg.port" 2>/dev/null) || { _qts_log "no PostgreSQL in $dir"; return 1; }
  bin=$(_qts_pg_bindir) || return 1
  _qts_kill_pg "$dir" || { _qts_log "PostgreSQL does not die"; return 1; }
  # A killed postmaster leaves its pid and socket lock files behind; it refuses to start then.
  rm -f "$data/postmaster.pid" "$sock/.s.PGSQL.$port" "$sock/.s.PGSQL.$port.lock"
  if ! (cd "$dir" && _qts_as postgres "$bin/pg_ctl" -D "$data" -l "$dir/pg.log" -w -t "$_QTS_TIMEOUT" \
        -o "$(_qts_pg_options "$port" "$sock")" start </dev/null >>"$dir/pg_ctl.out" 2>&1); then
    _qts_log "PostgreSQL failed to restart"; _qts_tail_log "$dir/pg.log"; return 1
  fi
  for _ in $(seq 1 $((_QTS_TIMEOUT * 5))); do _qts_pg_healthy "$dir" && { _qts_log "PostgreSQL restarted on $port"; return 0; }; sleep 0.2; done
  _qts_log "PostgreSQL restarted but does not answer"; _qts_tail_log "$dir/pg.log"; return 1
}

_qts_restart_mariadb() {
  local dir=$1 mariadbd port pid
  _QTS_TIMEOUT=${_QTS_TIMEOUT:-${QUARRY_TEST_SERVER_TIMEOUT:-60}}
  port=$(cat "$dir/mariadb.port" 2>/dev/null) || { _qts_log "no MariaDB in $dir"; return 1; }
  mariadbd=$(_qts_mariadbd) || return 1
  _qts_kill_mariadb "$dir" || { _qts_log "MariaDB does not die"; return 1; }
  _qts_launch_mariadb "$dir" "$mariadbd" "$port"
  pid=$(cat "$dir/mariadbd.launch.pid" 2>/dev/null)
  for _ in $(seq 1 $((_QTS_TIMEOUT * 5))); do
    _qts_alive "$pid" || break
    _qts_mariadb_healthy "$dir" && { _qts_log "MariaDB restarted on $port"; return 0; }
    sleep 0.2
  done
  _qts_log "MariaDB failed to restart"; _qts_tail_log "$dir/mariadb.log"; return 1
}

# Restarts what DIR started and no longer answers.
quarry_test_servers_ensure() {
  local dir=$1 rc=0
  if [ -f "$dir/pg.port" ] && ! _qts_pg_healthy "$dir"; then _qts_restart_pg "$dir" || rc=1; fi
  if [ -f "$dir/mariadb.port" ] && ! _qts_mariadb_healthy "$dir"; then _qts_restart_mariadb "$dir" || rc=1; fi
  return "$rc"
}

# ---------------------------------------------------------------- both
# Stops whatever runs from DIR and removes DIR. Only touches dirs this script created (marker file).
quarry_test_servers_stop() {
  local dir=${1:-}
  [ -n "$dir" ] && [ -d "$dir" ] && [ -f "$dir/.quarry-test-servers" ] || return 0
  _qts_stop_pg "$dir"
  _qts_stop_mariadb "$dir"
  rm -rf -- "$dir"
}

# Normalises QUARRY_TEST_DIALECTS; sets _QTS_WANT_PG / _QTS_WANT_MY.
_qts_parse_dialects() {
  local spec=${QUARRY_TEST_DIALECTS:-all} tok out="" sqlite=0
  _QTS_WANT_PG=0; _QTS_WANT_MY=0
  for tok in ${spec//,/ }; do
    case "${tok,,}" in
      all) sqlite=1; _QTS_WANT_PG=1; _QTS_WANT_MY=1 ;;
      sqlite|sqlite3) sqlite=1 ;;
      pg|postgres|postgresql|psql) _QTS_WANT_PG=1 ;;
      mariadb|mysql) _QTS_WANT_MY=1 ;;
      *) _qts_log "unknown dialect '$tok' in QUARRY_TEST_DIALECTS (use sqlite, postgres, mariadb, all)"; return 1 ;;
    esac
  done
  [ "$sqlite" -eq 0 ] || out="sqlite"
  [ "$_QTS_WANT_PG" -eq 0 ] || out="${out:+$out,}postgres"
  [ "$_QTS_WANT_MY" -eq 0 ] || out="${out:+$out,}mariadb"
  [ -n "$out" ] || { _qts_log "QUARRY_TEST_DIALECTS is empty"; return 1; }
  export QUARRY_TEST_DIALECTS="$out"
}

# Starts the requested servers in a new temp dir and exports the URLs. On failure, stops what
# did start, removes the dir and returns non-zero.
quarry_test_servers_start() {
  local dir
  _QTS_TIMEOUT=${QUARRY_TEST_SERVER_TIMEOUT:-60}
  unset QUARRY_TEST_PG_URL QUARRY_TEST_MYSQL_URL
  export QUARRY_TEST_SERVERS_DIR=""
  export QUARRY_TEST_SERVERS_SCRIPT
  QUARRY_TEST_SERVERS_SCRIPT=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/$(basename "${BASH_SOURCE[0]}")
  _qts_parse_dialects || return 1
  if [ "$_QTS_WANT_PG" -eq 0 ] && [ "$_QTS_WANT_MY" -eq 0 ]; then
    _qts_log "dialects: $QUARRY_TEST_DIALECTS, no server needed"
    return 0
  fi
  # Short path: unix sockets must stay under 107 characters.
  dir=$(mktemp -d /tmp/qts.XXXXXX) || return 1
  : >"$dir/.quarry-test-servers"
  chmod 755 "$dir"   # the postgres and mysql users must be able to traverse it
  QUARRY_TEST_SERVERS_DIR=$dir

  if [ "$_QTS_WANT_PG" -eq 1 ] && ! _qts_start_pg "$dir"; then
    quarry_test_servers_stop "$dir"; QUARRY_TEST_SERVERS_DIR=""; unset QUARRY_TEST_PG_URL; return 1
  fi
  if [ "$_QTS_WANT_MY" -eq 1 ] && ! _qts_start_mariadb "$dir"; then
    quarry_test_servers_stop "$dir"; QUARRY_TEST_SERVERS_DIR=""; unset QUARRY_TEST_PG_URL QUARRY_TEST_MYSQL_URL; return 1
  fi
  return 0
}

_qts_status() { return "$1"; }

# EXIT trap for the sourced case: keep the exit status, tolerate the caller's `set -e`.
_qts_on_exit() {
  local rc=$?
  set +e
  quarry_test_servers_stop "${QUARRY_TEST_SERVERS_DIR:-}"
  if [ -n "${_QTS_PREV_EXIT_TRAP:-}" ]; then
    # `trap -p` printed: trap -- 'CMD' EXIT
    eval "set -- $_QTS_PREV_EXIT_TRAP"
    _qts_status "$rc"   # the caller's trap sees the original $?
    eval "$3"
  fi
  return "$rc"
}

if [ "${BASH_SOURCE[0]}" != "$0" ]; then
  # Sourced: the caller's positional parameters are not ours, ignore them.
  if [ -z "${_QTS_TRAP_INSTALLED:-}" ]; then
    _QTS_PREV_EXIT_TRAP=$(trap -p EXIT)
    trap _qts_on_exit EXIT
    _QTS_TRAP_INSTALLED=1
  else
    # Sourced twice in one shell: stop the earlier servers first.
    quarry_test_servers_stop "${QUARRY_TEST_SERVERS_DIR:-}"
  fi
  _qts_rc=0
  quarry_test_servers_start || _qts_rc=$?
  return "$_qts_rc"
fi

# Executed.
set -euo pipefail
case "${1:-}" in
  start)
    rc=0
    quarry_test_servers_start || rc=$?
    [ "$rc" -eq 0 ] || exit "$rc"
    printf "export QUARRY_TEST_DIALECTS='%s'\n" "$QUARRY_TEST_DIALECTS"
    [ -z "${QUARRY_TEST_PG_URL:-}" ] || printf "export QUARRY_TEST_PG_URL='%s'\n" "$QUARRY_TEST_PG_URL"
    [ -z "${QUARRY_TEST_MYSQL_URL:-}" ] || printf "export QUARRY_TEST_MYSQL_URL='%s'\n" "$QUARRY_TEST_MYSQL_URL"
    if [ -n "$QUARRY_TEST_SERVERS_DIR" ]; then
      printf "export QUARRY_TEST_SERVERS_DIR='%s'\n" "$QUARRY_TEST_SERVERS_DIR"
      printf "export QUARRY_TEST_SERVERS_SCRIPT='%s'\n" "$QUARRY_TEST_SERVERS_SCRIPT"
      printf '# stop with: %q stop %q\n' "$0" "$QUARRY_TEST_SERVERS_DIR"
    fi
    ;;
  stop)
    [ -n "${2:-}" ] || { echo "usage: $0 stop DIR" >&2; exit 2; }
    [ -f "$2/.quarry-test-servers" ] || { echo "$2 is not a test-servers dir" >&2; exit 1; }
    quarry_test_servers_stop "$2"
    ;;
  kill|restart)
    [ -n "${2:-}" ] && [ -n "${3:-}" ] || { echo "usage: $0 $1 DIR postgres|mariadb" >&2; exit 2; }
    [ -f "$2/.quarry-test-servers" ] || { echo "$2 is not a test-servers dir" >&2; exit 1; }
    case "${3,,}" in
      pg|postgres|postgresql) server=pg ;;
      mariadb|mysql) server=mariadb ;;
      *) echo "unknown server '$3' (postgres or mariadb)" >&2; exit 2 ;;
    esac
    "_qts_$1_$server" "$2"
    ;;
  ensure)
    [ -n "${2:-}" ] || { echo "usage: $0 ensure DIR" >&2; exit 2; }
    [ -f "$2/.quarry-test-servers" ] || { echo "$2 is not a test-servers dir" >&2; exit 1; }
    quarry_test_servers_ensure "$2"
    ;;
  *)
    echo "usage: source $0            (start, export URLs, stop on exit)" >&2
    echo "       $0 start             (print exports; servers keep running)" >&2
    echo "       $0 stop DIR          (stop servers started by 'start')" >&2
    echo "       $0 kill|restart DIR postgres|mariadb   (fault injection: crash / restart one server)" >&2
    echo "       $0 ensure DIR        (restart whichever server of DIR does not answer)" >&2
    exit 2
    ;;
esac
