#!/usr/bin/env bash
# Makes the local PostgreSQL the tests use ready, as far as this machine lets it: starts the installed cluster when
# it is down, creates the test role (default idmap, password idmap) and database (default idmap_test) when they are
# missing. Called by ./build before Maven runs tests, and safe to call again: when everything is ready it only checks.
# Best effort: whatever it cannot do is said in one line, and the PostgreSQL tests then fail saying how to fix it.
# Reads the tests' settings: IDMAP_TEST_PG_URL (only a database on 127.0.0.1:5432 is prepared; another server is
# yours to prepare), IDMAP_TEST_PG_USER, IDMAP_TEST_PG_PASSWORD.
set -uo pipefail

say() { echo "build: $*" >&2; }

url="${IDMAP_TEST_PG_URL:-jdbc:postgresql://127.0.0.1:5432/idmap_test}"
case "$url" in
  jdbc:postgresql://127.0.0.1:5432/* | jdbc:postgresql://localhost:5432/*) ;;
  *) exit 0 ;;
esac
database="${url##*/}"
database="${database%%\?*}"
role="${IDMAP_TEST_PG_USER:-idmap}"
password="${IDMAP_TEST_PG_PASSWORD:-idmap}"
case "$database$role" in
  *[!A-Za-z0-9_]*) say "database and role names are limited to letters, digits and _ here: prepare $database yourself"; exit 0 ;;
esac
quoted_password=${password//\'/\'\'}
if ! command -v pg_isready >/dev/null 2>&1 || ! command -v psql >/dev/null 2>&1; then
  say "PostgreSQL client tools are not installed: the PostgreSQL tests will fail (install PostgreSQL, see README)"
  exit 0
fi

ready() { pg_isready -h 127.0.0.1 -p 5432 -q; }

if ! ready; then
  started=""
  if command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ]; then
    version=$(ls /etc/postgresql | sort -V | tail -n 1)
    if [ -n "$version" ]; then
      say "starting the local PostgreSQL $version cluster"
      if [ "$(id -u)" = "0" ] || [ "$(id -un)" = "postgres" ]; then
        pg_ctlcluster --skip-systemctl-redirect "$version" main start >/dev/null 2>&1 && started=yes
      elif command -v sudo >/dev/null 2>&1; then
        sudo -n pg_ctlcluster --skip-systemctl-redirect "$version" main start >/dev/null 2>&1 && started=yes
      fi
    fi
  fi
  if [ -n "$started" ]; then
    for _ in $(seq 1 30); do ready && break; sleep 1; done
  fi
  if ! ready; then
    say "PostgreSQL is not running on 127.0.0.1:5432 and could not be started here: the PostgreSQL tests will fail"
    exit 0
  fi
fi

# an administrator session: over TCP as postgres (trust or ~/.pgpass), else as the postgres OS user (peer)
admin() {
  if PGCONNECT_TIMEOUT=3 psql -w -h 127.0.0.1 -U postgres -d postgres -qtAc "select 1" >/dev/null 2>&1; then
    PGCONNECT_TIMEOUT=3 psql -w -h 127.0.0.1 -U postgres -d postgres -v ON_ERROR_STOP=1 -qtA "$@"
  elif [ "$(id -u)" = "0" ] && command -v runuser >/dev/null 2>&1; then
    runuser -u postgres -- psql -d postgres -v ON_ERROR_STOP=1 -qtA "$@"
  elif command -v sudo >/dev/null 2>&1 && sudo -n -u postgres true 2>/dev/null; then
    sudo -n -u postgres psql -d postgres -v ON_ERROR_STOP=1 -qtA "$@"
  else
    return 1
  fi
}

# already usable: nothing to do
if PGPASSWORD="$password" PGCONNECT_TIMEOUT=3 psql -w -h 127.0.0.1 -U "$role" -d "$database" -qtAc "select 1" >/dev/null 2>&1; then
  exit 0
fi
if ! admin -c "select 1" >/dev/null 2>&1; then
  say "no administrator access to PostgreSQL here: create role $role and database $database yourself, e.g."
  say "  psql -U postgres -c \"create role $role login password '...' createdb\" -c \"create database $database owner $role\""
  exit 0
fi
if [ "$(admin -c "select 1 from pg_roles where rolname = '$role'")" != "1" ]; then
  admin -c "create role $role login password '$quoted_password' createdb" && say "created PostgreSQL role $role"
fi
if [ "$(admin -c "select 1 from pg_database where datname = '$database'")" != "1" ]; then
  admin -c "create database $database owner $role" && say "created PostgreSQL database $database"
fi
exit 0
