#!/usr/bin/env bash
# Back up Polku's PostgreSQL database and prove that the backup restores completely.
#
#   DATABASE_URL=postgres://polku:…@127.0.0.1:5432/polku deploy/backup_restore_check.sh [DUMP]
#
# 1. pg_dump (custom format) of DATABASE_URL into DUMP (kept; without DUMP a
#    temporary file), and the summary of exactly that snapshot (manage.py db_summary:
#    every table's rows and content digest, the sequences, the ledger's totals, the
#    triggers) — consistent while the site is in use;
# 2. a new, empty database "<name>_restore_check" on the same server, and
#    pg_restore of the dump into it;
# 3. the restored database's summary must equal the snapshot's, or the script fails
#    and names what differs;
# 4. the new database is dropped (POLKU_KEEP_RESTORE=1 keeps it).
#
# Without DATABASE_URL the environment file of the service is read
# (POLKU_ENV_FILE, default /etc/polku/polku.env). The role needs CREATEDB; pg_dump
# and pg_restore must be of the server's major version or newer. See
# docs/operations.md ("Backups and restore").
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${POLKU_PYTHON:-.venv/bin/python}"
if [ -z "${DATABASE_URL:-}" ] && [ -r "${POLKU_ENV_FILE:-/etc/polku/polku.env}" ]; then
  set -a
  . "${POLKU_ENV_FILE:-/etc/polku/polku.env}"
  set +a
fi
: "${DATABASE_URL:?set DATABASE_URL to the PostgreSQL database to back up}"

work="$(mktemp -d /tmp/polku-backup-check.XXXXXX)"
trap 'rm -rf "$work"' EXIT
dump="${1:-$work/polku.dump}"
target_url="$("$PY" -c 'import sys, urllib.parse as u; p = u.urlsplit(sys.argv[1]); print(u.urlunsplit(p._replace(path=p.path.rstrip("/") + "_restore_check")))' "$DATABASE_URL")"
target_name="$("$PY" -c 'import sys, urllib.parse as u; print(u.unquote(u.urlsplit(sys.argv[1]).path.lstrip("/")))' "$target_url")"

echo "1/3 pg_dump of the database and the summary of the same snapshot"
"$PY" manage.py db_summary --dump "$dump" > "$work/before.json"
echo "    $(du -h "$dump" | cut -f1) in $dump"

echo "2/3 pg_restore into a new database $target_name"
PGOPTIONS="-c client_min_messages=warning" psql -X -q -v ON_ERROR_STOP=1 "$DATABASE_URL" -c "DROP DATABASE IF EXISTS \"$target_name\"" \
  -c "CREATE DATABASE \"$target_name\" TEMPLATE template0"
cleanup() {
  if [ "${POLKU_KEEP_RESTORE:-0}" != 1 ]; then
    PGOPTIONS="-c client_min_messages=warning" psql -X -q "$DATABASE_URL" -c "DROP DATABASE IF EXISTS \"$target_name\"" || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
pg_restore --no-owner --no-privileges --exit-on-error --dbname="$target_url" "$dump"

echo "3/3 comparing every table, the sequences, the ledger and the triggers"
DATABASE_URL="$target_url" "$PY" manage.py db_summary > "$work/after.json"
if ! result="$("$PY" manage.py db_summary --compare "$work/before.json" "$work/after.json" 2>"$work/compare.err")"; then
  echo "RESTORE CHECK FAILED:"
  grep -v " INFO " "$work/compare.err" >&2
  exit 1
fi
echo "RESTORE CHECK PASSED: ${result#equal: }"
