#!/bin/sh
# Renders every .md under content/ and ../shared/corpora/ddg-help/_docs with pylon-kb's
# renderer (release build) and with the cmark-gfm command, and prints both times and the ratio.
# Usage (from anywhere): Benchmarks/render/run.sh [--iterations N] [DIR …]
set -eu
cd "$(dirname "$0")/../.."
swift build -c release --product pylon-kb-bench
exec .build/release/pylon-kb-bench render "$@"
