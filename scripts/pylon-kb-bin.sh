#!/usr/bin/env bash
# Sourced by the scripts that run the pylon-kb binary: sets `bin` to $PYLON_KB_BIN, or builds
# the product and points at the build's binary (build output to stderr, so stdout stays the
# script's own).
bin="${PYLON_KB_BIN:-}"
if [ -z "$bin" ]; then
    swift build --product pylon-kb >&2
    bin="$(swift build --show-bin-path)/pylon-kb"
fi
