#!/usr/bin/env bash
# Regenerates docs/perf/scale.md in one go: builds the server and the tools (Release), then for each engine and size
# generates a store (bench/AgentLedger.Bench.Scale generate), verifies its hash chain with `agentledger verify`,
# measures it over HTTP (measure), runs issue 5's analytics benchmark on the 10M+ SQLite stores, deletes the store,
# runs the ingest stage, and writes the report. Settings (environment):
#   SCALE_SIZES          metadata-only store sizes            (default "1000000 10000000 50000000")
#   SCALE_SIZES_SQLITE, SCALE_SIZES_POSTGRESQL  the sizes of one engine, when they differ (default SCALE_SIZES)
#   SCALE_CONTENT_SIZES  sizes also generated with content    (default "1000000")
#   SCALE_ENGINES        "sqlite postgresql"                  (default both)
#   SCALE_USERS, SCALE_DAYS                                   (default 5000, 90)
#   SCALE_DATA           scratch folder for stores and results (default /tmp/alscale-data; check `df -h /tmp` first)
#   SCALE_PG             a PostgreSQL connection string to use; when unset, a throwaway cluster is started in SCALE_DATA
#   SCALE_PARALLEL=1     run the engines side by side (each engine's stores stay sequential)
#   SCALE_KEEP=1         keep each store after measuring it
#   SCALE_VERIFY_MAX     verify the hash chain of stores up to this many records (default: every store)
#   SCALE_REUSE=1        measure a store left by an earlier run (SCALE_KEEP=1, same SCALE_DATA) instead of generating it
#                        again: its generation figures are kept from that run
#   SCALE_ANALYTICS_BENCH=0  skip issue 5's analytics benchmark (its report from an earlier run in SCALE_DATA is kept)
#   SCALE_INGEST=0       skip the ingest stage (its sections from an earlier run in SCALE_DATA are kept)
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
SIZES=${SCALE_SIZES:-"1000000 10000000 50000000"}
CONTENT_SIZES=${SCALE_CONTENT_SIZES:-"1000000"}
ENGINES=${SCALE_ENGINES:-"sqlite postgresql"}
USERS=${SCALE_USERS:-5000}
DAYS=${SCALE_DAYS:-90}
DATA=${SCALE_DATA:-/tmp/alscale-data}
RESULTS=$DATA/results
WORK=$DATA/work
SERVER_DLL=$ROOT/src/AgentLedger.Server/bin/Release/net10.0/agentledger.dll
SCALE_DLL=$ROOT/bench/AgentLedger.Bench.Scale/bin/Release/net10.0/AgentLedger.Bench.Scale.dll
ANALYTICS_DLL=$ROOT/bench/AgentLedger.Bench.Analytics/bin/Release/net10.0/AgentLedger.Bench.Analytics.dll
mkdir -p "$RESULTS" "$WORK"
df -h "$DATA" | tail -1 | awk '{print "run.sh: " $4 " free in '"$DATA"'"}'

echo "== build"
dotnet build -c Release src/AgentLedger.Server -v q -nologo
dotnet build -c Release bench/AgentLedger.Bench.Scale -v q -nologo
dotnet build -c Release bench/AgentLedger.Bench.Analytics -v q -nologo

PG_STARTED=
stop_pg() {
  if [ -n "$PG_STARTED" ]; then
    runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$DATA/pg/cluster" -m fast -w stop >/dev/null || true
  fi
}
trap stop_pg EXIT
if [[ " $ENGINES " == *" postgresql "* ]] && [ -z "${SCALE_PG:-}" ]; then
  PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  PG_PORT=${SCALE_PG_PORT:-55433}
  if [ "${SCALE_REUSE:-0}" = 1 ] && [ -d "$DATA/pg/cluster" ]; then
    echo "== PostgreSQL cluster in $DATA/pg (reused)"
    runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$DATA/pg/cluster" status >/dev/null 2>&1 && runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$DATA/pg/cluster" -m fast -w stop >/dev/null
  else
    echo "== PostgreSQL cluster in $DATA/pg"
    rm -rf "$DATA/pg" && mkdir -p "$DATA/pg" && chown postgres:postgres "$DATA/pg"
    runuser -u postgres -- "$PG_BIN/initdb" -D "$DATA/pg/cluster" -U postgres --auth=trust -E UTF8 --locale=C >/dev/null
  fi
  runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$DATA/pg/cluster" -l "$DATA/pg/server.log" -w start \
    -o "-p $PG_PORT -k $DATA/pg -c listen_addresses=127.0.0.1 -c shared_buffers=1GB -c max_wal_size=8GB -c checkpoint_timeout=30min" >/dev/null
  PG_STARTED=1
  SCALE_PG="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=postgres;Maximum Pool Size=50"
fi

# One store: generate, verify, measure, (issue 5 on SQLite 10M+), delete.
store() {
  local engine=$1 records=$2 content=$3 name target storage
  name="$engine-$records${content:+-content}"
  if [ "$engine" = sqlite ]; then
    target=$DATA/$name.db
    storage=(--Storage:Provider=Sqlite "--Storage:Sqlite:Path=$target")
  else
    # One database per store, so that stores of several sizes can be kept side by side.
    local database=${name//-/_}
    target=$(sed 's/Database=[^;]*;\?//' <<< "$SCALE_PG"); target="${target%;};Database=$database"
    storage=(--Storage:Provider=PostgreSql "--Storage:PostgreSql:ConnectionString=$target")
  fi
  local args=(--engine "$engine" --target "$target" --records "$records" --users "$USERS" --days "$DAYS" --results "$RESULTS" --work "$WORK" ${content:+--content})
  if [ "${SCALE_REUSE:-0}" = 1 ] && store_exists "$engine" "$target" "$name"; then
    echo "== $name: reusing the store generated earlier"
  else
    [ "$engine" = postgresql ] && pg_sql "DROP DATABASE IF EXISTS $database" && pg_sql "CREATE DATABASE $database"
    echo "== $name: generate"
    dotnet "$SCALE_DLL" generate "${args[@]}"
  fi
  # A store made by an older build gets the newer migrations first (PostgreSQL does not migrate on start by default).
  echo "== $name: agentledger migrate"
  local migrate_started=$SECONDS
  (cd "$WORK" && dotnet "$SERVER_DLL" migrate "${storage[@]}" --Otlp:Grpc:Port=0 > "$WORK/$name-migrate.txt" 2>&1) || { cat "$WORK/$name-migrate.txt"; return 1; }
  echo "$name: migrated in $((SECONDS - migrate_started)) s (load $(cut -d' ' -f1-3 /proc/loadavg))" | tee -a "$RESULTS/migrate.txt"
  [ -f "$RESULTS/verify.rows" ] && sed -i "/| $name |/d" "$RESULTS/verify.rows"
  if [ -z "${SCALE_VERIFY_MAX:-}" ] || [ "$records" -le "$SCALE_VERIFY_MAX" ]; then
    echo "== $name: agentledger verify"
    local started=$SECONDS verdict
    if (cd "$WORK" && dotnet "$SERVER_DLL" verify --workspace bench "${storage[@]}" --Otlp:Grpc:Port=0 > "$WORK/$name-verify.txt" 2>&1); then verdict=valid; else verdict="NOT VALID (see $WORK/$name-verify.txt)"; fi
    echo "| $engine | $name | $verdict | $((SECONDS - started)) s | $(cut -d' ' -f1-3 /proc/loadavg) |" >> "$RESULTS/verify.rows"
  else
    echo "| $engine | $name | not verified in this run (SCALE_VERIFY_MAX=$SCALE_VERIFY_MAX) | — | — |" >> "$RESULTS/verify.rows"
  fi
  echo "== $name: measure"
  dotnet "$SCALE_DLL" measure "${args[@]}" --server-dll "$SERVER_DLL"
  if [ "$engine" = sqlite ] && [ -z "$content" ] && [ "$records" -ge 10000000 ] && [ "${SCALE_ANALYTICS_BENCH:-1}" != 0 ]; then
    echo "== $name: issue 5 analytics benchmark (storage pages, raw-record comparison)"
    dotnet "$ANALYTICS_DLL" --db "$target" --reuse --records "$records" --users "$USERS" --days "$DAYS" \
      --first-day "$(date -u -d "$((DAYS - 1)) days ago" +%F)" --report "$RESULTS/analytics-$name.md" || echo "analytics benchmark failed: see above"
  fi
  if [ "${SCALE_KEEP:-0}" != 1 ]; then
    if [ "$engine" = sqlite ]; then rm -f "$target" "$target-wal" "$target-shm"; else pg_sql "DROP DATABASE $database"; fi
  fi
}

pg_sql() { psql -q -d "$(pg_uri postgres)" -c "$1"; }
# The libpq URI of a database of the cluster that SCALE_PG points at (psql does not read Npgsql connection strings).
pg_uri() {
  local host port user
  host=$(sed -n 's/.*Host=\([^;]*\).*/\1/p' <<< "$SCALE_PG"); port=$(sed -n 's/.*Port=\([^;]*\).*/\1/p' <<< "$SCALE_PG")
  user=$(sed -n 's/.*Username=\([^;]*\).*/\1/p' <<< "$SCALE_PG")
  echo "postgresql://$user@$host:${port:-5432}/$1"
}
# A store of an earlier run with its generation figures: the SQLite file, or the PostgreSQL database with its records.
store_exists() {
  local engine=$1 target=$2 name=$3
  grep -q '"gen.records"' "$RESULTS/$name.json" 2>/dev/null || return 1
  if [ "$engine" = sqlite ]; then [ -f "$target" ]; else
    [ "$(psql -tA -d "$(pg_uri "${name//-/_}")" -c "SELECT count(*) > 0 FROM records" 2>/dev/null)" = t ]
  fi
}

engine_runs() {
  local engine=$1 sizes_of="SCALE_SIZES_${1^^}"
  for records in $CONTENT_SIZES; do store "$engine" "$records" 1; done
  for records in ${!sizes_of:-$SIZES}; do store "$engine" "$records" ""; done
}

# A reusing run keeps the verification rows of stores it does not verify again; each store's row is replaced below.
[ "${SCALE_REUSE:-0}" = 1 ] || rm -f "$RESULTS/verify.rows"
if [ "${SCALE_PARALLEL:-0}" = 1 ]; then
  pids=()
  for engine in $ENGINES; do engine_runs "$engine" > "$WORK/$engine.log" 2>&1 & pids+=($!); done
  for pid in "${pids[@]}"; do wait "$pid"; done
  cat "$WORK"/*.log
else
  for engine in $ENGINES; do engine_runs "$engine"; done
fi

if [ "${SCALE_INGEST:-1}" != 0 ]; then
echo "== ingest"
# Sustained OTLP/HTTP protobuf ingest through the HTTP load tool (bench/AgentLedger.Load), one section per engine:
# 16 senders x 100 records, 90 s warm-up (JIT), 60 s measured, then the bare INSERT of the same rows as baseline.
dotnet build -c Release src/AgentLedger.Server >/dev/null
: > "$RESULTS/ingest.md"
for engine in $ENGINES; do
  if [ "$engine" = sqlite ]; then server=sqlite; name=SQLite; else server=postgres; name=PostgreSQL; fi
  title="Sustained OTLP/HTTP protobuf ingest: $name"
  dotnet run -c Release --project bench/AgentLedger.Load -- --start-server "$server" --concurrency 16 --batch 100 \
    --warmup "${INGEST_WARMUP:-90}" --duration "${INGEST_DURATION:-60}" --baseline \
    --markdown-out "$RESULTS/ingest-$engine.md" --title "$title" || echo "ingest stage ($engine) failed: see above"
  [ -f "$RESULTS/ingest-$engine.md" ] && { cat "$RESULTS/ingest-$engine.md"; echo; } >> "$RESULTS/ingest.md"
done
fi

echo "== report"
dotnet "$SCALE_DLL" report --results "$RESULTS" --out "$ROOT/docs/perf/scale.md" --ingest "$RESULTS/ingest.md"
