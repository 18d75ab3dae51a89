#!/usr/bin/env bash
# The certificate and health-check tests make their PKI with the openssl CLI (openssl ca -startdate/-enddate).
# Idempotent; run as root before the tests.
set -euo pipefail
if ! command -v openssl >/dev/null 2>&1; then
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends openssl
fi
openssl version
