#!/usr/bin/env bash
# Times the dashboard's overview in headless Chromium (/usr/bin/chromium) over the full demo workspace (300 users,
# 90 days): tests/AgentLedger.Browser.Tests' DashboardTimings, against a server started here on a loopback port.
#   bench/dashboard/measure.sh [out-file]
# SERVER=path/to/agentledger times another build (e.g. an older commit's, for a before/after ratio); DB=path reuses a
# seeded database (copied, never changed) so that both builds read the same data; RUNS=n (default 5).
set -euo pipefail
cd "$(dirname "$0")/../.."
out="$(realpath -m "${1:-bench/dashboard/timings.txt}")"
work="$(mktemp -d)"
port="${PORT:-5182}"
if [[ -z "${SERVER:-}" ]]; then
  dotnet build src/AgentLedger.Server -c Release -v q -nologo >/dev/null
  SERVER=src/AgentLedger.Server/bin/Release/net10.0/agentledger
fi
dotnet build tests/AgentLedger.Browser.Tests -v q -nologo >/dev/null
args=(--Storage:Sqlite:Path="$work/agentledger.db" --Otlp:Grpc:Port=0 --Logging:LogLevel:Default=Warning)
if [[ -n "${DB:-}" ]]; then cp "$DB" "$work/agentledger.db"; fi
# (a reused database already has the account)
echo "timing-password-1" | "$SERVER" users create --email timing@example.com --role admin --workspace demo "${args[@]}" >/dev/null 2>&1 || true
"$SERVER" --urls "http://127.0.0.1:$port" --demo "${args[@]}" >"$work/server.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$work"' EXIT
until curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null; do sleep 2; done
if [[ -n "${KEEP_DB:-}" ]]; then sqlite3 "$work/agentledger.db" "VACUUM INTO '$KEEP_DB'" 2>/dev/null || cp "$work/agentledger.db" "$KEEP_DB"; fi
AGENTLEDGER_TIMING_URL="http://127.0.0.1:$port" AGENTLEDGER_TIMING_OUT="$out" AGENTLEDGER_TIMING_RUNS="${RUNS:-5}" \
  AGENTLEDGER_TIMING_EMAIL=timing@example.com AGENTLEDGER_TIMING_PASSWORD=timing-password-1 \
  dotnet test tests/AgentLedger.Browser.Tests --no-build --filter "FullyQualifiedName~DashboardTimings" >/dev/null
cat "$out"
