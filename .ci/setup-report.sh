#!/usr/bin/env bash
# Debian's Chromium: test/report/mermaid.test.ts parses every Mermaid block of the summaries with Mermaid's own
# parser in it (as GitHub's viewer does), and `npm run screenshots` draws docs/images/ with it. Idempotent; run as root.
set -euo pipefail
if ! command -v chromium >/dev/null 2>&1; then
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium fonts-noto-color-emoji
fi
chromium --version
