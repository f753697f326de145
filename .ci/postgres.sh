# Starts a private PostgreSQL 15 cluster on 127.0.0.1 for the tests and exports RELAY_TEST_DATABASE_URL.
# Sourced by .ci/run; also usable by hand: `. .ci/postgres.sh && start_postgres`.
start_postgres() {
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -z "$bin" ]; then
    echo "ci: PostgreSQL is not installed" >&2
    return 1
  fi
  local data="${PGTEST_DIR:-/tmp/alga-ci-postgres}"
  local port="${PGTEST_PORT:-55432}"
  local owner=postgres
  [ "$(id -u)" -ne 0 ] && owner="$(id -un)"
  if [ -f "$data/postmaster.pid" ]; then
    as_owner "$owner" "$bin/pg_ctl" -D "$data" -m fast stop >/dev/null 2>&1 || true
  fi
  rm -rf "$data"
  mkdir -p "$data"
  chown "$owner" "$data"
  as_owner "$owner" "$bin/initdb" -D "$data" -U postgres --auth=trust >/dev/null
  as_owner "$owner" "$bin/pg_ctl" -D "$data" -l "$data/server.log" \
    -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$data -c fsync=on" -w start >/dev/null
  export RELAY_TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$port/postgres"
  echo "ci: PostgreSQL ready at $RELAY_TEST_DATABASE_URL"
}

as_owner() {
  local owner="$1"; shift
  if [ "$(id -un)" = "$owner" ]; then "$@"; else su "$owner" -s /bin/sh -c "$(printf '%q ' "$@")"; fi
}
