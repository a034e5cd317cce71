# shellcheck shell=bash
# Part of scripts/toolchain.sh (sourced by it, with its helpers): the YAML language host, which runs
# YAML programs, such as the one the provider plugin's end-to-end test (test/e2e/plugin.spec.ts)
# drives the plugin with. Built once from Go modules into its own folder of the cache, then on PATH.

# Pinned version (Go module github.com/pulumi/pulumi-yaml, served by the Go module proxy).
YAML_VERSION="v1.25.0"

YAML_BIN="$CACHE/pulumi-language-yaml-$YAML_VERSION/bin"
if [ ! -x "$YAML_BIN/pulumi-language-yaml" ]; then
  take_lock
  if [ ! -x "$YAML_BIN/pulumi-language-yaml" ]; then
    log "pulumi-language-yaml $YAML_VERSION is not built yet; building it from Go modules (first build: a few minutes)"
    # go_build_into_cache puts the binary in DEST_BIN (default: the CLI's folder) and stamps VERSION_VAR.
    DEST_BIN="$YAML_BIN" VERSION_VAR="github.com/pulumi/pulumi-yaml/pkg/version.Version" \
      go_build_into_cache pulumi-language-yaml "$YAML_VERSION" \
      github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml \
      github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml
  fi
fi
log "pulumi-language-yaml $YAML_VERSION in $YAML_BIN"
add_prefix "$YAML_BIN"
