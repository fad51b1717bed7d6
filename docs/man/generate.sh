#!/usr/bin/env bash
# Writes docs/man/pylon-kb.1 from pylon-kb's own --help texts, with swift-argument-parser's
# generate-manual tool: the tool behind the `swift package generate-manual` plugin. The plugin
# works offline with the package mirrors and writes the same page, but it first builds the
# whole package in release mode (343 s here, and that was incremental); this script builds
# only the tool and runs it on the debug binary CI has already built.
#
#   docs/man/generate.sh            regenerate docs/man/pylon-kb.1
#   docs/man/generate.sh --check    fail if docs/man/pylon-kb.1 is out of date (CI)
#
# The page's date (.Dd) is not compared, so only real changes to the help text count.
set -euo pipefail
cd "$(dirname "$0")/../.."

swift build --product pylon-kb >&2
swift build --product generate-manual >&2
bin="$(swift build --show-bin-path)"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
"$bin/generate-manual" "$bin/pylon-kb" --output-directory "$out" --authors "the pylon-kb authors" >&2

if [ "${1:-}" = "--check" ]; then
    if ! diff -u <(grep -v '^\.Dd ' docs/man/pylon-kb.1) <(grep -v '^\.Dd ' "$out/pylon-kb.1"); then
        echo "error: docs/man/pylon-kb.1 is out of date with the commands' --help. Run docs/man/generate.sh and commit the result." >&2
        exit 1
    fi
    echo "docs/man/pylon-kb.1 matches --help."
else
    cp "$out/pylon-kb.1" docs/man/pylon-kb.1
    echo "Wrote docs/man/pylon-kb.1 (view it with: man docs/man/pylon-kb.1)."
fi
