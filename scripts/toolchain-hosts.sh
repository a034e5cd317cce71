# shellcheck shell=bash
# Part of scripts/toolchain.sh (sourced by it, with its helpers): the language hosts that run YAML and Go
# programs, such as those the provider plugin's end-to-end test (test/e2e/plugin.spec.ts) drives the
# plugin with. A CLI that has a host beside it (a full Pulumi install bundles them) uses its own. Else the
# host is built once from Go modules into its own folder of the cache and, for the CLI this script built,
# linked beside it: the CLI finds it there as a bundled host (on PATH only, it warns at every command).

# Pinned versions, both served by the Go module proxy.
# YAML: github.com/pulumi/pulumi-yaml.
YAML_VERSION="v1.25.0"
# Go: since Pulumi v3.67.0 the Go language host is its own Go module, which the module proxy available to
# us does not serve; v3.66.0 is the last release where it is part of the tagged SDK module
# (github.com/pulumi/pulumi/sdk/v3). It only builds the program with `go` and runs it; the program runs
# on the Go SDK its go.mod names, and the end-to-end suite checks this combination with the pinned CLI.
GO_HOST_VERSION="v3.66.0"

# language_host <name> <version> <package to go get and build> [version variable]
language_host() {
  local name="$1" version="$2" pkg="$3" version_var="${4:-}" cli_dir host_bin
  cli_dir="$(dirname "${system_pulumi:-.}")"
  if [ "$USE_CACHE_BIN" = 0 ] && [ -x "$cli_dir/$name" ]; then
    log "$name beside the CLI ($cli_dir)"
    return
  fi
  host_bin="$CACHE/$name-$version/bin"
  if [ ! -x "$host_bin/$name" ]; then
    take_lock
    if [ ! -x "$host_bin/$name" ]; then
      log "$name $version is not built yet; building it from Go modules (first build: a few minutes)"
      DEST_BIN="$host_bin" VERSION_VAR="$version_var" go_build_into_cache "$name" "$version" "$pkg" "$pkg"
    fi
  fi
  if [ "$USE_CACHE_BIN" = 1 ]; then
    # Relinked only when it points elsewhere: a CLI running meanwhile never finds it missing.
    [ "$(readlink "$PULUMI_BIN/$name" || true)" = "$host_bin/$name" ] || ln -sfn "$host_bin/$name" "$PULUMI_BIN/$name"
    log "$name $version in $host_bin, linked beside the CLI"
  else
    log "$name $version in $host_bin"
    add_prefix "$host_bin"
  fi
}

language_host pulumi-language-yaml "$YAML_VERSION" github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml \
  github.com/pulumi/pulumi-yaml/pkg/version.Version
language_host pulumi-language-go "$GO_HOST_VERSION" github.com/pulumi/pulumi/sdk/v3/go/pulumi-language-go
# The Go host compiles programs with `go`: Go's own install folder goes on PATH when `go` is not there.
if ! command -v go >/dev/null && [ -x /usr/local/go/bin/go ]; then add_prefix /usr/local/go/bin; fi
