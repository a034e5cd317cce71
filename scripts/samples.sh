#!/usr/bin/env bash
# Rewrites the samples of CLI output in docs/ci.md from real runs (test/e2e/samples.spec.ts: the
# fixture program, the packed package, the real Pulumi CLI, the emulator). Review the diff, then
# commit it; the test command fails while a sample differs from what a run prints.
#
#   npm run samples
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"
# shellcheck source=scripts/env.sh
source "$REPO/scripts/env.sh"
pcocr_use_toolchain
pcocr_npm_ci_if_stale
npm run build
PCOCR_UPDATE_SAMPLES=1 npx mocha --no-config -r ts-node/register/transpile-only -r test/support/packed-fixtures.ts \
  --extension ts --timeout 3600000 test/e2e/samples.spec.ts
