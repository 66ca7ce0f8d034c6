#!/usr/bin/env bash
# Runs COMMAND... against a throwaway PostgreSQL cluster, then removes the cluster.
#
#   scripts/with-postgres.sh swift test
#
# The cluster lives in a temporary folder, listens on a free port of 127.0.0.1 (and a Unix
# socket in that folder, so it never touches /var/run/postgresql), trusts loopback logins and
# has a database `barbell_test`. COMMAND sees
#   BARBELL_TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:PORT/barbell_test
# and the script exits with COMMAND's status. The cluster is stopped and deleted on any exit.
#
# PostgreSQL refuses to run as root, so as root the server runs as the `postgres` system user
# (Debian's postgresql package creates it); as any other user it runs as that user.
#
# Environment: PG_BIN overrides the folder of initdb/pg_ctl (default: the newest of
# /usr/lib/postgresql/*/bin, preferring 15).
set -euo pipefail

if [[ $# -eq 0 ]]; then
    echo "usage: $0 COMMAND [ARG...]" >&2
    exit 64
fi

find_pg_bin() {
    if [[ -n "${PG_BIN:-}" ]]; then echo "$PG_BIN"; return; fi
    if [[ -x /usr/lib/postgresql/15/bin/initdb ]]; then echo /usr/lib/postgresql/15/bin; return; fi
    local newest
    newest=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    if [[ -n "$newest" && -x "$newest/initdb" ]]; then echo "$newest"; return; fi
    if command -v initdb >/dev/null 2>&1; then dirname "$(command -v initdb)"; return; fi
    echo "with-postgres: no PostgreSQL server binaries found (apt-get install postgresql-15)" >&2
    exit 69
}
PG_BIN=$(find_pg_bin)

# Runs a PostgreSQL binary as the cluster's owner.
if [[ $(id -u) -eq 0 ]]; then
    if ! id -u postgres >/dev/null 2>&1; then
        echo "with-postgres: running as root needs a 'postgres' system user to own the cluster" >&2
        exit 69
    fi
    as_owner() {
        if command -v runuser >/dev/null 2>&1; then
            runuser -u postgres -- "$@"
        else
            su postgres -s /bin/sh -c "$(printf '%q ' "$@")"
        fi
    }
else
    as_owner() { "$@"; }
fi

# A free TCP port on 127.0.0.1: bind port 0 and read back what the kernel chose. Another
# process could take it before the server starts; pg_ctl then fails loudly rather than
# connecting to someone else's server.
free_port() {
    if command -v python3 >/dev/null 2>&1; then
        python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
        return
    fi
    # Without Python: random ports until one refuses a connection (nothing listens there).
    local port
    for _ in $(seq 1 100); do
        port=$((20000 + RANDOM % 40000))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
    done
    echo "with-postgres: found no free port" >&2
    exit 1
}

WORK=$(mktemp -d "${TMPDIR:-/tmp}/barbell-pg.XXXXXX")
DATA="$WORK/data"
STARTED=0

cleanup() {
    local status=$?
    if [[ $STARTED -eq 1 ]]; then
        as_owner "$PG_BIN/pg_ctl" -D "$DATA" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$WORK"
    return $status
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# mktemp makes the folder 0700 for the current user; the cluster owner needs it.
if [[ $(id -u) -eq 0 ]]; then chown postgres: "$WORK"; fi

as_owner "$PG_BIN/initdb" -D "$DATA" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >"$WORK/initdb.log" 2>&1 \
    || as_owner "$PG_BIN/initdb" -D "$DATA" -U postgres -A trust -E UTF8 --locale=C --no-sync >"$WORK/initdb.log" 2>&1 \
    || { cat "$WORK/initdb.log" >&2; exit 1; }

PORT=$(free_port)
# fsync off: the cluster is thrown away, durability would only slow the tests down.
OPTIONS="-c listen_addresses=127.0.0.1 -c port=$PORT -c unix_socket_directories=$WORK -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
STARTED=1
if ! as_owner "$PG_BIN/pg_ctl" -D "$DATA" -o "$OPTIONS" -l "$WORK/server.log" -w -t 60 start >/dev/null; then
    echo "with-postgres: the server did not start:" >&2
    cat "$WORK/server.log" >&2 || true
    exit 1
fi
as_owner "$PG_BIN/psql" -h "$WORK" -p "$PORT" -U postgres -d postgres -q -v ON_ERROR_STOP=1 \
    -c "CREATE DATABASE barbell_test" >/dev/null

export BARBELL_TEST_POSTGRES_URL="postgres://postgres@127.0.0.1:$PORT/barbell_test"
echo "with-postgres: PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') at $BARBELL_TEST_POSTGRES_URL" >&2

set +e
"$@"
status=$?
set -e
exit $status
