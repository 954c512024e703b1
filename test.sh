#!/usr/bin/env bash
# The whole test suite, with everything it needs. On a fresh machine this is the one command to run:
# it installs what the tests use (PostgreSQL and Chromium from Debian, the real agent CLIs from npm) when missing,
# then runs every test. Tests whose tools are still missing skip with the reason, except under CI=true,
# where they fail instead.
set -euo pipefail
cd "$(dirname "$0")"

# Installs Debian packages when the check before it failed: as root with apt-get, otherwise through sudo; when neither
# is possible, says which tests will skip (under CI=true they fail instead).
install_debian() {
  local what="$1"; shift
  if [ "$(id -u)" -eq 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
  elif command -v sudo >/dev/null 2>&1; then
    sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
  else
    echo "test.sh: $* not installed and this user cannot install them; $what will be skipped." >&2
  fi
}

# PostgreSQL: the storage contract suite starts a real server (as the postgres user, on loopback).
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || install_debian "the PostgreSQL tests" postgresql

# Chromium: the dashboard's browser tests drive Debian's Chromium through Playwright (never `playwright install`).
[ -x /usr/bin/chromium ] || install_debian "the browser tests" chromium

# poppler-utils (pdftoppm, pdftotext): the leadership report's PDF is checked page by page; python3-aiosmtpd: the e-mail
# alert tests send through a real SMTP server on loopback (run by the system Python, /usr/bin/python3).
{ [ -x /usr/bin/pdftoppm ] && /usr/bin/python3 -c "import aiosmtpd" >/dev/null 2>&1; } \
  || install_debian "the report PDF and e-mail alert tests" poppler-utils python3-aiosmtpd

# rsyslog with its TLS driver: the SIEM syslog test delivers to a real rsyslogd over RFC 5425 (imtcp + gtls).
{ [ -x /usr/sbin/rsyslogd ] && ls /usr/lib/*/rsyslog/lmnsd_gtls.so >/dev/null 2>&1; } \
  || install_debian "the syslog delivery test" rsyslog rsyslog-gnutls

# npm: the GitHub webhook tests install real example payloads (@octokit/webhooks-examples) at test time,
# and the end-to-end tests use the real agent CLIs below.
command -v npm >/dev/null 2>&1 || install_debian "the end-to-end tests with the real agent CLIs" nodejs npm

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
