#!/usr/bin/env bash
# Regenerates docs/perf/scale.md in one go: builds the server and the tools (Release), then for each engine and size
# generates a store (bench/AgentLedger.Bench.Scale generate), verifies its hash chain with `agentledger verify`,
# measures it over HTTP (measure), runs issue 5's analytics benchmark on the 10M+ SQLite stores, deletes the store,
# runs the ingest stage, and writes the report. Settings (environment):
#   SCALE_SIZES          metadata-only store sizes            (default "1000000 10000000 50000000")
#   SCALE_CONTENT_SIZES  sizes also generated with content    (default "1000000")
#   SCALE_ENGINES        "sqlite postgresql"                  (default both)
#   SCALE_USERS, SCALE_DAYS                                   (default 5000, 90)
#   SCALE_DATA           scratch folder for stores and results (default /tmp/alscale-data; check `df -h /tmp` first)
#   SCALE_PG             a PostgreSQL connection string to use; when unset, a throwaway cluster is started in SCALE_DATA
#   SCALE_PARALLEL=1     run the engines side by side (each engine's stores stay sequential)
#   SCALE_KEEP=1         keep each store after measuring it
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
  echo "== PostgreSQL cluster in $DATA/pg"
  PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  PG_PORT=${SCALE_PG_PORT:-55433}
  rm -rf "$DATA/pg" && mkdir -p "$DATA/pg" && chown postgres:postgres "$DATA/pg"
  runuser -u postgres -- "$PG_BIN/initdb" -D "$DATA/pg/cluster" -U postgres --auth=trust -E UTF8 --locale=C >/dev/null
  runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$DATA/pg/cluster" -l "$DATA/pg/server.log" -w start \
    -o "-p $PG_PORT -k $DATA/pg -c listen_addresses=127.0.0.1 -c shared_buffers=1GB -c max_wal_size=8GB -c checkpoint_timeout=30min" >/dev/null
  PG_STARTED=1
  psql -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -c "CREATE DATABASE alscale"
  SCALE_PG="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=alscale;Maximum Pool Size=50"
fi

# One store: generate, verify, measure, (issue 5 on SQLite 10M+), delete.
store() {
  local engine=$1 records=$2 content=$3 name target storage
  name="$engine-$records${content:+-content}"
  if [ "$engine" = sqlite ]; then
    target=$DATA/$name.db
    storage=(--Storage:Provider=Sqlite "--Storage:Sqlite:Path=$target")
  else
    target=$SCALE_PG
    storage=(--Storage:Provider=PostgreSql "--Storage:PostgreSql:ConnectionString=$target")
  fi
  local args=(--engine "$engine" --target "$target" --records "$records" --users "$USERS" --days "$DAYS" --results "$RESULTS" --work "$WORK" ${content:+--content})
  echo "== $name: generate"
  dotnet "$SCALE_DLL" generate "${args[@]}"
  echo "== $name: agentledger verify"
  local started=$SECONDS verdict
  if (cd "$WORK" && dotnet "$SERVER_DLL" verify --workspace bench "${storage[@]}" --Otlp:Grpc:Port=0 > "$WORK/$name-verify.txt" 2>&1); then verdict=valid; else verdict="NOT VALID (see $WORK/$name-verify.txt)"; fi
  echo "| $engine | $name | $verdict | $((SECONDS - started)) s | $(cut -d' ' -f1-3 /proc/loadavg) |" >> "$RESULTS/verify.rows"
  echo "== $name: measure"
  dotnet "$SCALE_DLL" measure "${args[@]}" --server-dll "$SERVER_DLL"
  if [ "$engine" = sqlite ] && [ -z "$content" ] && [ "$records" -ge 10000000 ]; then
    echo "== $name: issue 5 analytics benchmark (storage pages, raw-record comparison)"
    dotnet "$ANALYTICS_DLL" --db "$target" --reuse --records "$records" --users "$USERS" --days "$DAYS" \
      --first-day "$(date -u -d "$((DAYS - 1)) days ago" +%F)" --report "$RESULTS/analytics-$name.md" || echo "analytics benchmark failed: see above"
  fi
  if [ "${SCALE_KEEP:-0}" != 1 ] && [ "$engine" = sqlite ]; then rm -f "$target" "$target-wal" "$target-shm"; fi
}

engine_runs() {
  local engine=$1
  for records in $CONTENT_SIZES; do store "$engine" "$records" 1; done
  for records in $SIZES; do store "$engine" "$records" ""; done
}

rm -f "$RESULTS/verify.rows"
if [ "${SCALE_PARALLEL:-0}" = 1 ]; then
  pids=()
  for engine in $ENGINES; do engine_runs "$engine" > "$WORK/$engine.log" 2>&1 & pids+=($!); done
  for pid in "${pids[@]}"; do wait "$pid"; done
  cat "$WORK"/*.log
else
  for engine in $ENGINES; do engine_runs "$engine"; done
fi

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

echo "== report"
dotnet "$SCALE_DLL" report --results "$RESULTS" --out "$ROOT/docs/perf/scale.md" --ingest "$RESULTS/ingest.md"
