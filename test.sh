#!/usr/bin/env bash
# The whole test suite, with everything it needs. On a fresh machine this is the one command to run:
# it installs what the tests use (PostgreSQL and Chromium from Debian, the real agent CLIs from npm) when missing,
# then runs every test. Tests whose tools are still missing skip with the reason, except under CI=true,
# where they fail instead.
set -euo pipefail
cd "$(dirname "$0")"

# PostgreSQL: the storage contract suite starts a real server (as the postgres user, on loopback).
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  if [ "$(id -u)" -eq 0 ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends postgresql >/dev/null
  elif command -v sudo >/dev/null 2>&1; then
    sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >/dev/null
  else
    echo "test.sh: PostgreSQL is not installed and this user cannot install it; its tests will be skipped." >&2
  fi
fi

# Chromium: the dashboard's browser tests drive Debian's Chromium through Playwright (never `playwright install`).
if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" -eq 0 ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends chromium >/dev/null
  elif command -v sudo >/dev/null 2>&1; then
    sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null
  else
    echo "test.sh: Chromium is not installed and this user cannot install it; the browser tests will be skipped." >&2
  fi
fi

# rsyslog with its TLS driver: the SIEM syslog test delivers to a real rsyslogd over RFC 5425 (imtcp + gtls).
if [ ! -x /usr/sbin/rsyslogd ] || ! ls /usr/lib/*/rsyslog/lmnsd_gtls.so >/dev/null 2>&1; then
  if [ "$(id -u)" -eq 0 ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends rsyslog rsyslog-gnutls >/dev/null
  elif command -v sudo >/dev/null 2>&1; then
    sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends rsyslog rsyslog-gnutls >/dev/null
  else
    echo "test.sh: rsyslog is not installed and this user cannot install it; the syslog delivery test will be skipped." >&2
  fi
fi

# npm: the GitHub webhook tests install real example payloads (@octokit/webhooks-examples) at test time,
# and the end-to-end tests use the real agent CLIs below.
if ! command -v npm >/dev/null 2>&1 && [ "$(id -u)" -eq 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
fi

# The real agent CLIs for the end-to-end tests, pinned to the versions the OTLP captures were made with.
# They run against stub models on 127.0.0.1 only.
if command -v npm >/dev/null 2>&1; then
  if [ ! -x .ci/tools/node_modules/.bin/codex ] || [ ! -x .ci/tools/node_modules/.bin/claude ]; then
    mkdir -p .ci/tools
    npm install --prefix .ci/tools --no-audit --no-fund --no-save @openai/codex@0.169.0 @anthropic-ai/claude-code@2.1.328 >/dev/null
  fi
else
  echo "test.sh: npm is not installed; the end-to-end tests with the real agent CLIs will be skipped." >&2
fi

dotnet test AgentLedger.slnx "$@"
