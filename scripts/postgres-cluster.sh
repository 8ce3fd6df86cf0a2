# A throw-away PostgreSQL cluster for scripts/test.sh and scripts/bench.sh (sourced, not run): start_postgres makes
# one in a temporary folder on the first free port from 55432 (initdb refuses root: as the postgres user then),
# fsync and autovacuum off since nothing in it outlives the run (and autovacuum would hold databases the tests drop), with a role "portal_test" that may create databases and is no
# superuser, as the portal's own role would be; it sets pg_port. stop_postgres stops it and removes the folder.
pg_dir=""
pg_bin=""
pg_port=""
pg_user=$(id -un)
as_pg() { if [ "$pg_user" = "$(id -un)" ]; then "$@"; else runuser -u "$pg_user" -- "$@"; fi; }

stop_postgres() {
  [ -n "$pg_dir" ] || return 0
  [ -f "$pg_dir/data/postmaster.pid" ] && as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate -w stop >/dev/null 2>&1
  rm -rf "$pg_dir"
  pg_dir=""
}

start_postgres() {
  pg_bin=$(dirname "$(ls -d /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -1)")
  [ -x "$pg_bin/initdb" ] || { echo "PostgreSQL is not installed (apt-get install postgresql)." >&2; return 1; }
  [ "$(id -u)" -eq 0 ] && pg_user=postgres
  pg_dir=$(mktemp -d /tmp/portal-pg.XXXXXX)
  chown "$pg_user" "$pg_dir" 2>/dev/null || true
  pg_port=""
  for port in $(seq 55432 55632); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then pg_port=$port; break; fi
  done
  [ -n "$pg_port" ] || { echo "No free port for PostgreSQL." >&2; return 1; }
  as_pg "$pg_bin/initdb" -D "$pg_dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$pg_dir/initdb.log" 2>&1 \
    || { cat "$pg_dir/initdb.log" >&2; return 1; }
  as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w -t 60 start -o \
    "-p $pg_port -k $pg_dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c autovacuum=off -c max_connections=400" >/dev/null \
    || { cat "$pg_dir/server.log" >&2; return 1; }
  "$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -qAt -c "CREATE ROLE portal_test LOGIN CREATEDB NOSUPERUSER" >/dev/null
}
