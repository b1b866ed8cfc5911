#!/usr/bin/env bash
# Throwaway PostgreSQL clusters for the server tests, then COMMAND with their addresses set:
#
#   TEST_DATABASE_URL  the cluster every PostgreSQL test uses (each test makes a database of its own)
#   TEST_XID_CLUSTERS  clusters the transaction-id boundary tests may advance at will
#                      (server/sync/pull-boundaries.test.ts): one fresh (its ids start near 750 and
#                      are burned through 1,000, 10,000 and 100,000), one moved by pg_resetwal to
#                      just below 2^32 (the wrap of the 32-bit xid into epoch 1 of xid8) and one to
#                      just below 10^10 (epoch 2, the eleventh digit).
#
# Usage: scripts/test-postgres.sh COMMAND...   e.g. scripts/test-postgres.sh npm test
# As root the clusters run as the postgres user (initdb refuses root). Everything it starts is
# stopped and removed when COMMAND ends, whatever its outcome; COMMAND's exit status is kept.
set -euo pipefail

PG_BIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
if [ -z "$PG_BIN" ] || [ ! -x "$PG_BIN/initdb" ]; then
  echo "PostgreSQL server binaries not found (apt-get install -y postgresql, or set PG_BIN)" >&2
  exit 1
fi
as_pg=()
if [ "$(id -u)" = 0 ]; then as_pg=(runuser -u postgres --); fi

ROOT_DIR=$(mktemp -d)
[ "$(id -u)" = 0 ] && chown postgres: "$ROOT_DIR"
STARTED=()
cleanup() {
  for data in "${STARTED[@]}"; do
    "${as_pg[@]}" "$PG_BIN/pg_ctl" -D "$data" -m immediate stop >/dev/null 2>&1 || true
  done
  rm -rf "$ROOT_DIR"
}
trap cleanup EXIT

# Starts the cluster in $1 with extra options $2 on a free port, trying further ports when another
# run takes the same one meanwhile; prints the port.
NEXT_PORT=$((20000 + $$ % 20000))
pg_start() {
  local data=$1 extra=$2 tries=0
  while :; do
    local port=$NEXT_PORT
    NEXT_PORT=$((NEXT_PORT + 1))
    if ! (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null &&
      "${as_pg[@]}" "$PG_BIN/pg_ctl" -D "$data" -l "$data.log" -w \
        -o "-p $port -k $ROOT_DIR -c listen_addresses=127.0.0.1 $extra" start >/dev/null 2>&1; then
      echo "$port"
      return 0
    fi
    tries=$((tries + 1))
    if [ "$tries" -ge 20 ]; then
      echo "could not start PostgreSQL in $data: see $data.log" >&2
      return 1
    fi
  done
}

# start_cluster NAME [XID EPOCH] → sets CLUSTER_URL. With XID, the cluster's next transaction id is
# set to XID in EPOCH before its real start (after freezing every row, so the catalogue stays
# visible from there; autovacuum off, since the frozen-xid bookkeeping of the databases now lies
# "in the future").
start_cluster() {
  local name=$1 xid=${2:-} epoch=${3:-0}
  local data="$ROOT_DIR/$name" extra="" port
  "${as_pg[@]}" "$PG_BIN/initdb" -D "$data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  if [ -n "$xid" ]; then
    extra="-c autovacuum=off"
    port=$(pg_start "$data" "$extra")
    STARTED+=("$data")
    "${as_pg[@]}" "$PG_BIN/vacuumdb" -h "$ROOT_DIR" -p "$port" -U postgres --all --freeze -q
    "${as_pg[@]}" "$PG_BIN/pg_ctl" -D "$data" -w stop >/dev/null
    "${as_pg[@]}" "$PG_BIN/pg_resetwal" -x "$xid" -u "$xid" -e "$epoch" -D "$data" >/dev/null
    # The commit-log segment the new ids fall in must exist (256 KiB of zeros: "in progress").
    local segment
    segment=$(printf '%04X' $((xid / 1048576)))
    "${as_pg[@]}" dd if=/dev/zero of="$data/pg_xact/$segment" bs=8192 count=32 status=none
  fi
  port=$(pg_start "$data" "$extra")
  STARTED+=("$data")
  CLUSTER_URL="postgres://postgres@127.0.0.1:$port/postgres"
}

start_cluster main
main_url=$CLUSTER_URL
start_cluster xid-fresh
fresh_url=$CLUSTER_URL
# 2^32 − 300, epoch 0: the counter wraps to epoch 1 a few hundred ids later.
start_cluster xid-wrap $((4294967296 - 300)) 0
wrap_url=$CLUSTER_URL
# 10^10 − 300 = 2 × 2^32 + 1,410,065,108: epoch 2.
start_cluster xid-digits $((10000000000 - 2 * 4294967296 - 300)) 2
digits_url=$CLUSTER_URL

export TEST_DATABASE_URL="$main_url"
export TEST_XID_CLUSTERS="$fresh_url,$wrap_url,$digits_url"
echo "$("$PG_BIN/postgres" --version): TEST_DATABASE_URL=$TEST_DATABASE_URL"
echo "TEST_XID_CLUSTERS=$TEST_XID_CLUSTERS"
set +e
"$@"
status=$?
set -e
exit $status
