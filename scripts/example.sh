#!/usr/bin/env bash
# Runs the example program (examples/index.ts, project file ./Pulumi.yaml) with the real Pulumi CLI.
#
#   npm run example                 preview (with --diff) and deploy; run it again: no changes
#   npm run example -- preview      preview only
#   npm run example -- destroy      remove every mapping the example created
#   npm run example -- help
#
# Target:
#   - By default, a local Cloudflare API emulator (emulator/), started on a free loopback port for
#     the duration of the command, with a fresh random API token. Its data, the stack's state
#     (file:// backend) and the Pulumi home live in .state/ (git-ignored), so a second run sees the
#     first run's mappings; the stack's config is Pulumi.emulator.yaml (git-ignored, token encrypted).
#     `rm -rf .state Pulumi.emulator.yaml` resets everything.
#   - The real Cloudflare API when CLOUDFLARE_API_TOKEN is set. Then CLOUDFLARE_ZONE_ID (32 hex
#     characters) is required; the token stays in the environment (the provider reads it there) and
#     is never printed or stored. Set PULUMI_CONFIG_PASSPHRASE to protect the local state.
#     Note: the example's regions come from a synthetic list; the real API may reject some of them.
#
# First run on a fresh machine: installs npm dependencies and builds the Pulumi CLI from Go modules
# (scripts/toolchain.sh; several minutes). Later runs take a few seconds.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"
# shellcheck source=scripts/env.sh
source "$REPO/scripts/env.sh"

ACTION="${1:-up}"
case "$ACTION" in
  up | preview | destroy) ;;
  help | -h | --help)
    awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"
    exit 0
    ;;
  *)
    echo "unknown action '$ACTION' (expected up, preview, destroy or help)" >&2
    exit 2
    ;;
esac

EXAMPLE_ZONE_ID="023e105f4ecef8ad9ca31a8372d0c353" # the emulator accepts any well-formed zone id
STATE_DIR="$REPO/.state"
step() { printf '\n==> %s\n' "$*" >&2; }

# ---- Toolchain and dependencies -----------------------------------------------------------------
step "Toolchain (node 22+, pulumi CLI; the first build takes several minutes)"
pcocr_use_toolchain
echo "node $(node --version), pulumi $(pulumi version)" >&2
pcocr_npm_ci_if_stale
# The example imports the package by its name, which resolves to dist/ (package self-reference).
step "Building the package into dist/ (the example imports it by name)"
npm run --silent build

# ---- Pulumi settings: local state under .state/ ----------------------------------------------------
mkdir -p "$STATE_DIR/pulumi" "$STATE_DIR/emulator"
export PULUMI_BACKEND_URL="file://$STATE_DIR/pulumi"
export PULUMI_HOME="${PULUMI_HOME:-$STATE_DIR/pulumi-home}"
PULUMI=(pulumi --non-interactive --color never)

if [ -n "${CLOUDFLARE_API_TOKEN:-}" ]; then
  MODE=cloudflare
  STACK=cloudflare
  ZONE_ID="${CLOUDFLARE_ZONE_ID:-}"
  [[ "$ZONE_ID" =~ ^[0-9a-fA-F]{32}$ ]] || {
    echo "CLOUDFLARE_API_TOKEN is set, so the example targets the real Cloudflare API;" \
      "set CLOUDFLARE_ZONE_ID to the zone id (32 hexadecimal characters)." >&2
    exit 2
  }
  API_URL="${CLOUDFLARE_BASE_URL:-https://api.cloudflare.com/client/v4}"
  SHOW_TOKEN="$CLOUDFLARE_API_TOKEN"
else
  MODE=emulator
  STACK=emulator
  ZONE_ID="$EXAMPLE_ZONE_ID"
  unset CLOUDFLARE_BASE_URL
  SHOW_TOKEN="$(node -e 'process.stdout.write(require("crypto").randomBytes(24).toString("hex"))')"

  # ---- Emulator ---------------------------------------------------------------------------------
  step "Starting the Cloudflare API emulator (loopback only; data in .state/emulator/data.json)"
  EMULATOR_OUT="$STATE_DIR/emulator/stdout.log"
  EMULATOR_LOG="$STATE_DIR/emulator/requests.log"
  : >"$EMULATOR_OUT"
  : >"$EMULATOR_LOG"
  # The token goes through the environment so that it does not show in the process list.
  EMULATOR_API_TOKEN="$SHOW_TOKEN" setsid npm run --silent emulator -- \
    --host 127.0.0.1 --port 0 --data "$STATE_DIR/emulator/data.json" >"$EMULATOR_OUT" 2>"$EMULATOR_LOG" &
  EMULATOR_PID=$!
  stop_emulator() {
    if [ -n "${EMULATOR_PID:-}" ] && kill -0 "$EMULATOR_PID" 2>/dev/null; then
      kill -TERM -- "-$EMULATOR_PID" 2>/dev/null || kill -TERM "$EMULATOR_PID" 2>/dev/null || true
      for _ in $(seq 50); do kill -0 "$EMULATOR_PID" 2>/dev/null || break; sleep 0.1; done
      kill -KILL -- "-$EMULATOR_PID" 2>/dev/null || true
      echo "Emulator stopped." >&2
    fi
    EMULATOR_PID=""
  }
  trap stop_emulator EXIT
  API_URL=""
  for _ in $(seq 600); do
    API_URL="$(sed -n 's/^Cloudflare API emulator listening on \(http[^ ]*\).*/\1/p' "$EMULATOR_OUT" | head -n 1)"
    [ -n "$API_URL" ] && break
    kill -0 "$EMULATOR_PID" 2>/dev/null || break
    sleep 0.1
  done
  if [ -z "$API_URL" ]; then
    echo "The emulator did not start. Its output:" >&2
    cat "$EMULATOR_OUT" "$EMULATOR_LOG" >&2
    exit 1
  fi
  echo "Emulator listening on $API_URL" >&2
fi

# ---- Stack ----------------------------------------------------------------------------------------
step "Stack '$STACK' ($MODE, state in .state/pulumi)"
"${PULUMI[@]}" stack select --create "$STACK" >&2
"${PULUMI[@]}" config set zoneId "$ZONE_ID"
if [ "$MODE" = emulator ]; then
  "${PULUMI[@]}" config set cloudflare:baseUrl "$API_URL"
  # Read from stdin: the token never appears on a command line. Stored encrypted in Pulumi.emulator.yaml.
  printf '%s' "$SHOW_TOKEN" | "${PULUMI[@]}" config set --secret cloudflare:apiToken
fi
echo "zoneId=$ZONE_ID baseUrl=$API_URL" >&2

request_mark() { [ "$MODE" = emulator ] && wc -l <"$EMULATOR_LOG" || echo 0; }
# Summarizes the HTTP requests the emulator logged since line $1 ("METHOD /path -> status").
request_summary() {
  [ "$MODE" = emulator ] || return 0
  local from="$1"
  echo "HTTP requests the emulator received: $(tail -n "+$((from + 1))" "$EMULATOR_LOG" | wc -l)"
  tail -n "+$((from + 1))" "$EMULATOR_LOG" |
    sed -E 's#/zones/[0-9a-f]{32}/#/zones/{zone}/#' |
    sort | uniq -c | sed 's/^ */  /'
}
show_mappings() {
  step "Mappings the API now holds for zone $ZONE_ID"
  SHOW_MAPPINGS_TOKEN="$SHOW_TOKEN" node -r ts-node/register/transpile-only scripts/show-mappings.ts "$API_URL" "$ZONE_ID"
}

# ---- Run ------------------------------------------------------------------------------------------
if [ "$ACTION" = destroy ]; then
  step "pulumi destroy --run-program"
  mark="$(request_mark)"
  # --run-program: without it, destroy configures the provider from the config recorded in the
  # state at the last `up` (an emulator port and token that no longer exist), not the current one.
  "${PULUMI[@]}" destroy --yes --skip-preview --run-program
  request_summary "$mark"
  show_mappings
  exit 0
fi

step "pulumi preview --diff"
mark="$(request_mark)"
"${PULUMI[@]}" preview --diff
request_summary "$mark"
[ "$ACTION" = preview ] && exit 0

step "pulumi up --yes"
mark="$(request_mark)"
"${PULUMI[@]}" up --yes --skip-preview
request_summary "$mark"

step "Stack outputs"
"${PULUMI[@]}" stack output --json

show_mappings
echo >&2
echo "Run 'npm run example' again: it reports no changes. 'npm run example -- destroy' removes the mappings." >&2
