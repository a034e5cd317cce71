# shellcheck shell=bash
# Sourced by the repo's scripts: offline, non-interactive Pulumi settings, and a helper that puts
# the toolchain (scripts/toolchain.sh) first on PATH.
#
#   source scripts/env.sh
#   pcocr_use_toolchain        # builds/locates node 22+ and the Pulumi CLI, prepends them to PATH
#   pcocr_npm_ci_if_stale      # `npm ci` unless node_modules already matches package-lock.json
#
# Settings already present in the environment are kept.

# No version check against pulumi.com (the only call a local file:// backend would make).
export PULUMI_SKIP_UPDATE_CHECK="${PULUMI_SKIP_UPDATE_CHECK:-true}"
# Never try to download plugins: everything this repo needs is local (see scripts/toolchain.sh).
export PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION="${PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION:-true}"
# Non-interactive runs: no prompts, same as --yes.
export PULUMI_SKIP_CONFIRMATIONS="${PULUMI_SKIP_CONFIRMATIONS:-true}"
# ts-node skips type checking when the CLI runs a TypeScript program (`npm run typecheck` does it).
export PULUMI_NODEJS_TRANSPILE_ONLY="${PULUMI_NODEJS_TRANSPILE_ONLY:-true}"
# The passphrase secrets provider needs a passphrase; without one, non-interactive runs fail.
# The default (empty) passphrase only suits local experiments: set PULUMI_CONFIG_PASSPHRASE (or
# PULUMI_CONFIG_PASSPHRASE_FILE) yourself to protect a real API token stored as a stack secret.
if [ -z "${PULUMI_CONFIG_PASSPHRASE+set}" ] && [ -z "${PULUMI_CONFIG_PASSPHRASE_FILE:-}" ]; then
  export PULUMI_CONFIG_PASSPHRASE=""
fi

PCOCR_REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PCOCR_REPO_ROOT

# Runs scripts/toolchain.sh (progress on stderr) and prepends the PATH prefix it prints.
pcocr_use_toolchain() {
  local prefix
  prefix="$(bash "$PCOCR_REPO_ROOT/scripts/toolchain.sh" | tail -n 1)" || return 1
  [ -n "$prefix" ] || { echo "scripts/toolchain.sh printed no PATH prefix" >&2; return 1; }
  export PATH="$prefix:$PATH"
}

# Runs `npm ci` in the repo unless node_modules was installed from the current package-lock.json
# (npm writes node_modules/.package-lock.json on every install). toolchain.sh may have just run it.
pcocr_npm_ci_if_stale() {
  if [ ! -f "$PCOCR_REPO_ROOT/node_modules/.package-lock.json" ] ||
    [ "$PCOCR_REPO_ROOT/package-lock.json" -nt "$PCOCR_REPO_ROOT/node_modules/.package-lock.json" ]; then
    echo "==> npm ci" >&2
    (cd "$PCOCR_REPO_ROOT" && npm ci --no-audit --no-fund)
  fi
}
