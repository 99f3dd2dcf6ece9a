#!/usr/bin/env bash
# Makes sure Postgres and Redis answer at DATABASE_URL / REDIS_URL. Uses them when they answer;
# otherwise starts local ones (installing them with apt-get where possible); otherwise says what to do.
set -uo pipefail
cd "$(dirname "$0")/.."

DATABASE_URL="${DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/sweepwise}"
REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379}"

pg_host=$(node -e 'const u=new URL(process.argv[1]);console.log(u.hostname)' "$DATABASE_URL")
pg_port=$(node -e 'const u=new URL(process.argv[1]);console.log(u.port||5432)' "$DATABASE_URL")
rd_host=$(node -e 'const u=new URL(process.argv[1]);console.log(u.hostname)' "$REDIS_URL")
rd_port=$(node -e 'const u=new URL(process.argv[1]);console.log(u.port||6379)' "$REDIS_URL")

is_local() { [[ "$1" == 127.* || "$1" == localhost || "$1" == "::1" ]]; }
port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }
can_apt() { [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; }

wait_port() {
  for _ in $(seq 1 50); do port_open "$1" "$2" && return 0; sleep 0.2; done
  return 1
}

ensure_postgres() {
  port_open "$pg_host" "$pg_port" && return 0
  if is_local "$pg_host"; then
    if ! ls /etc/postgresql >/dev/null 2>&1 && can_apt; then
      echo "services: installing PostgreSQL with apt-get" >&2
      apt-get update -qq && apt-get install -y -qq postgresql >/dev/null
    fi
    if ls /etc/postgresql >/dev/null 2>&1; then
      echo "services: starting the local PostgreSQL cluster" >&2
      pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start || true
      wait_port "$pg_host" "$pg_port" && return 0
    fi
  fi
  cat >&2 <<MSG
services: Postgres is not answering at $pg_host:$pg_port (DATABASE_URL).
  Start one with:  docker compose -f docker/compose.yml up -d postgres
  or install it:   apt-get install postgresql && pg_ctlcluster 15 main start
  or set DATABASE_URL to a server that runs.
MSG
  return 1
}

ensure_redis() {
  port_open "$rd_host" "$rd_port" && return 0
  if is_local "$rd_host"; then
    if ! command -v redis-server >/dev/null && can_apt; then
      echo "services: installing Redis with apt-get" >&2
      apt-get update -qq && apt-get install -y -qq redis-server >/dev/null
    fi
    if command -v redis-server >/dev/null; then
      echo "services: starting a local Redis on port $rd_port" >&2
      redis-server --daemonize yes --bind 127.0.0.1 --port "$rd_port" --save "" --appendonly no >/dev/null
      wait_port "$rd_host" "$rd_port" && return 0
    fi
  fi
  cat >&2 <<MSG
services: Redis is not answering at $rd_host:$rd_port (REDIS_URL).
  Start one with:  docker compose -f docker/compose.yml up -d redis
  or install it:   apt-get install redis-server && redis-server --daemonize yes
  or set REDIS_URL to a server that runs.
MSG
  return 1
}

ok=0
ensure_postgres || ok=1
ensure_redis || ok=1
[ $ok = 0 ] || exit 1

# Create the database named in DATABASE_URL when it is missing (trust auth or a password in the URL).
node scripts/create-database.mjs "$DATABASE_URL"
