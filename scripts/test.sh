#!/usr/bin/env bash
# The repo's test command (also what CI runs, via .ci/run):
#   scripts/test.sh
# 1. scripts/toolchain.sh: node 22+ and the Pulumi CLI (built from Go modules on first use; the
#    first build takes several minutes, later runs reuse it);
# 2. npm ci, unless node_modules already matches package-lock.json;
# 3. npm test: typecheck, lint, build, unit tests, then the end-to-end suite (real CLI + emulator),
#    then the kill suite (npm run e2e:crash: SIGKILL mid-step, then the recovery commands).
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"
# shellcheck source=scripts/env.sh
source "$REPO/scripts/env.sh"

started=$SECONDS
echo "==> toolchain" >&2
pcocr_use_toolchain
echo "node $(node --version), npm $(npm --version), pulumi $(pulumi version)" >&2
pcocr_npm_ci_if_stale
echo "==> npm test" >&2
npm test
echo "==> all tests passed in $((SECONDS - started)) s" >&2
