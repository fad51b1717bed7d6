#!/bin/sh
# pylon-kb's benchmarks (docs/performance.md): rendering vs cmark-gfm, check and plan at
# 100 / 1,000 / 10,000 generated articles, and apply's requests and time against the emulator.
# Usage (from anywhere):
#   Benchmarks/run.sh                  # everything (about 12 minutes on 2 cores)
#   Benchmarks/run.sh --quick          # smaller sizes (about 2 minutes)
#   Benchmarks/run.sh sizes --sizes 1000,10000 --runs 3
#   Benchmarks/run.sh apply --articles 1000 --timed-articles 1000 --scale 60 [--timed rename]
#   Benchmarks/run.sh render --iterations 20
#   Benchmarks/run.sh transport        # the HTTP transport's CPU time (about 1 minute)
#   Benchmarks/run.sh preview          # preview's rebuild after one save vs a whole check
# Corpora and scratch files go to $TMPDIR/pylon-kb-bench (replaced on every run).
set -eu
cd "$(dirname "$0")/.."
swift build -c release --product pylon-kb
swift build -c release --product pylon-kb-bench
# No subcommand (or only options such as --quick) means everything.
case "${1:-}" in
    render|sizes|apply|state|transport|preview|renames|generate-corpus|all) ;;
    *) set -- all "$@" ;;
esac
exec .build/release/pylon-kb-bench "$@"
