#!/usr/bin/env bash
# Takes the README's screenshots: starts AgentLedger with the full demo (300 users, 90 days) on a loopback port,
# creates an admin, and runs the browser tests' screenshot test against it (Chromium at /usr/bin/chromium).
set -euo pipefail
cd "$(dirname "$0")/../.."
out="$(pwd)/docs/screenshots"
work="$(mktemp -d)"
port="${PORT:-5181}"
dotnet build src/AgentLedger.Server -v q -nologo >/dev/null
dotnet build tests/AgentLedger.Browser.Tests -v q -nologo >/dev/null
server=src/AgentLedger.Server/bin/Debug/net10.0/agentledger
args=(--Storage:Sqlite:Path="$work/agentledger.db" --Otlp:Grpc:Port=0)
# DB=path starts from a copy of an already seeded database (e.g. bench/dashboard/measure.sh's KEEP_DB) instead of seeding.
if [[ -n "${DB:-}" ]]; then cp "$DB" "$work/agentledger.db"; fi
echo "screenshots-password" | "$server" users create --email admin@example.com --role admin --workspace demo "${args[@]}" || true
"$server" --urls "http://127.0.0.1:$port" --demo "${args[@]}" --Demo:Enabled=true >"$work/server.log" 2>&1 &
pid=$!
trap 'kill $pid; rm -rf "$work"' EXIT
until curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null; do sleep 2; done
grep -m1 "seeded" "$work/server.log" || true
AGENTLEDGER_SCREENSHOT_URL="http://127.0.0.1:$port" AGENTLEDGER_SCREENSHOT_DIR="$out" AGENTLEDGER_SCREENSHOT_PASSWORD="screenshots-password" \
  dotnet test tests/AgentLedger.Browser.Tests --no-build --filter "FullyQualifiedName~Screenshots"
cat "$out/timings.txt"
