#!/usr/bin/env bash
# Times the dashboard Overview's native analytics calls (the last 30 UTC days, bucket=day) against a Release server
# over an existing store of workspace "bench" (e.g. from AgentLedger.Bench.Scale generate); docs/perf/analytics-overview.md.
#   bench/overview/measure-api.sh SERVER DB PORT [RUNS] [ROUNDS]
# migrates DB, creates a read key, serves, curls each call RUNS times one after another, then makes ROUNDS (default 40,
# after 3 warm-up rounds) Overview rounds: the page's five calls at once, as AgentLedger.Bench.Scale measure makes them.
set -euo pipefail
S="$1"; DB="$2"; PORT="$3"; RUNS="${4:-20}"; ROUNDS="${5:-40}"
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
cpu_ms() { awk '{print ($14 + $15) * 1000 / '"$(getconf CLK_TCK)"'}' "/proc/$pid/stat"; }  # the server's user + system CPU
n=0
for q in "active_user_counts?days=1,7,30" "active_users?$W&group_by=surface" "usage?$W&group_by=surface" "usage?$W&group_by=client" "usage?$W&group_by=model" "active_users?$W&group_by=workspace" "usage?$W&group_by=team"; do
  # Each call's answer is kept (overview-body-PORT-N.json), to compare two builds' bytes with cmp.
  n=$((n + 1)); body="${TMPDIR:-/tmp}/overview-body-$PORT-$n.json"
  curl -sf -H "Authorization: Bearer $KEY" "$B/$q" -o "$body"
  times=(); c0=$(cpu_ms)
  for i in $(seq 1 "$RUNS"); do
    times+=("$(curl -sf -o /dev/null -w '%{time_total}' -H "Authorization: Bearer $KEY" "$B/$q")")
  done
  cpu=$(awk -v a="$c0" -v b="$(cpu_ms)" -v n="$RUNS" 'BEGIN {printf "%.1f", (b - a) / n}')
  printf '%s\n' "${times[@]}" | sort -n | awk -v q="$q" -v n="$RUNS" -v sz="$(stat -c %s "$body")" -v cpu="$cpu" '{a[NR]=$1*1000} END {printf "%-70s median %7.1f ms  max %7.1f ms  CPU %5.1f ms/call  (%d runs, %d bytes)\n", q, a[int((n+1)/2)], a[n], cpu, n, sz}'
done

# The Overview round: active users today / 7 / 30 days, daily users by surface, credits and tokens by surface (made by two
# charts), threads and turns by client, all at once; a round lasts until the last answer.
calls=("active_user_counts?days=1,7,30&format=json" "active_users?$W&group_by=surface&limit=30000&format=json"
  "usage?$W&group_by=surface&limit=30000&format=json" "usage?$W&group_by=surface&limit=30000&format=json" "usage?$W&group_by=client&limit=30000&format=json")
urls=(); for q in "${calls[@]}"; do urls+=(-o /dev/null "$B/$q"); done
out="${TMPDIR:-/tmp}/overview-rounds-$PORT.txt"; : >"$out"
for round in $(seq -3 $((ROUNDS - 1))); do
  c0=$(cpu_ms)
  t0=$(date +%s%N)
  calls_out=$(curl -sf --no-progress-meter --parallel --parallel-immediate --parallel-max 5 -H "Authorization: Bearer $KEY" -w '%{url_effective} %{time_total}\n' "${urls[@]}")
  t1=$(date +%s%N)
  c1=$(cpu_ms)
  if [[ $round -ge 0 ]]; then
    echo "round $(( (t1 - t0) / 1000 ))" >>"$out"
    echo "cpu $(awk -v a="$c0" -v b="$c1" 'BEGIN {printf "%d", (b - a) * 1000}')" >>"$out"
    grep active_user_counts <<<"$calls_out" | awk '{printf "counts %d\n", $2 * 1000000}' >>"$out"
    awk '{printf "call %d\n", $2 * 1000000}' <<<"$calls_out" >>"$out"
  fi
done
for kind in round cpu counts call; do
  grep "^$kind " "$out" | cut -d' ' -f2 | sort -n | awk -v k="$kind" '{a[NR]=$1/1000} END {
    n = NR; i50 = int((n + 1) / 2); i99 = int(n * 0.99 + 0.999); if (i99 < 1) i99 = 1
    label = (k == "round" ? "overview round (5 calls at once)" : k == "cpu" ? "  server CPU per round (10 ms ticks)" : k == "counts" ? "  active_user_counts in the round" : "  any call in the round")
    printf "%-40s p50 %7.1f ms  p99 %7.1f ms  max %7.1f ms  (%d)\n", label, a[i50], a[i99], a[n], n }'
done
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
