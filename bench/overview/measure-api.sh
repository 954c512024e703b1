#!/usr/bin/env bash
# Times the dashboard Overview's native analytics calls (the last 30 UTC days, bucket=day) against a Release server
# over an existing store of workspace "bench" (e.g. from AgentLedger.Bench.Scale generate); docs/perf/analytics-overview.md.
#   bench/overview/measure-api.sh SERVER DB PORT [RUNS]   (migrates DB, creates a read key, serves, curls each call RUNS times)
set -euo pipefail
S="$1"; DB="$2"; PORT="$3"; RUNS="${4:-20}"
args=(--Storage:Sqlite:Path="$DB" --Otlp:Grpc:Port=0 --Logging:LogLevel:Default=Warning)
start=$(date +%s.%N)
"$S" migrate "${args[@]}" >"${TMPDIR:-/tmp}/overview-migrate-$PORT.log" 2>&1
echo "migrate: $(echo "$(date +%s.%N) - $start" | bc) s"
KEY=$("$S" keys create -w bench -s analytics.read "${args[@]}" 2>/dev/null | grep -oE 'al_[A-Za-z0-9_-]+' | head -1 || true)
if [[ -z "$KEY" ]]; then "$S" keys create -w bench -s analytics.read "${args[@]}"; exit 1; fi
"$S" serve --urls "http://127.0.0.1:$PORT" "${args[@]}" >"${TMPDIR:-/tmp}/overview-server-$PORT.log" 2>&1 &
pid=$!
echo "server pid $pid"
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null || true' EXIT
until curl -sf "http://127.0.0.1:$PORT/health/ready" >/dev/null; do sleep 1; done
W="from=$(date -u -d "29 days ago" +%F)&to=$(date -u -d tomorrow +%F)&bucket=day"  # the last 30 UTC days, as the Overview asks
B="http://127.0.0.1:$PORT/api/v1/analytics/workspaces/bench"
for q in "active_user_counts?days=1,7,30" "active_users?$W&group_by=surface" "usage?$W&group_by=surface" "usage?$W&group_by=client" "usage?$W&group_by=model" "active_users?$W&group_by=workspace" "usage?$W&group_by=team"; do
  curl -sf -H "Authorization: Bearer $KEY" "$B/$q" -o "${TMPDIR:-/tmp}/overview-body-$PORT.json"
  times=()
  for i in $(seq 1 "$RUNS"); do
    times+=("$(curl -sf -o /dev/null -w '%{time_total}' -H "Authorization: Bearer $KEY" "$B/$q")")
  done
  printf '%s\n' "${times[@]}" | sort -n | awk -v q="$q" -v n="$RUNS" -v sz="$(stat -c %s "${TMPDIR:-/tmp}/overview-body-$PORT.json")" '{a[NR]=$1*1000} END {printf "%-70s median %7.1f ms  max %7.1f ms  (%d runs, %d bytes)\n", q, a[int((n+1)/2)], a[n], n, sz}'
done
