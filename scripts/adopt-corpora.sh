#!/usr/bin/env bash
# What `init --from` and `check` make of real docs folders (../shared/corpora, one per
# generator): errors and warnings per folder, and the most frequent kinds of error.
#
#   scripts/adopt-corpora.sh                 every corpus
#   scripts/adopt-corpora.sh hugo docfx      just those
#   PYLON_KB_BIN=path/to/pylon-kb scripts/adopt-corpora.sh
#
# Each corpus is copied to a temporary folder first; nothing in ../shared is written.
# The end-to-end test (Tests/EndToEndTests/AdoptCorporaEndToEndTests.swift) goes further:
# apply, plan, export, plan.
set -euo pipefail
cd "$(dirname "$0")/.."
corpora="${CORPORA:-$PWD/../shared/corpora}"
# shellcheck source=scripts/pylon-kb-bin.sh
source scripts/pylon-kb-bin.sh
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
if [ $# -gt 0 ]; then names=("$@"); else mapfile -t names < <(find "$corpora" -mindepth 1 -maxdepth 1 -type d -printf "%f\n" | sort); fi
summary=()
for name in "${names[@]}"; do
    [ -d "$corpora/$name" ] || { echo "no corpus $corpora/$name" >&2; exit 1; }
    cp -R "$corpora/$name" "$work/$name"
    (cd "$work/$name" && "$bin" init --from . --author docs@example.com >"$work/$name.init" 2>&1) || true
    (cd "$work/$name" && "$bin" check . >"$work/$name.check" 2>&1) || true
    errors=$(grep -c ': error: ' "$work/$name.check" || true)
    warnings=$(grep -c ': warning: ' "$work/$name.check" || true)
    echo "== $name: $(grep -m1 '^Dialect:' "$work/$name.init" || echo 'Dialect: ?')"
    echo "   $errors errors, $warnings warnings; most frequent errors:"
    grep ': error: ' "$work/$name.check" | sed -E 's/^[^:]+:[0-9]+: error: //; s/`[^`]*`/`…`/g; s/"[^"]*"/"…"/g' |
        sort | uniq -c | sort -rn | head -5 | sed 's/^/   /'
    summary+=("$(printf '%-12s %7s %9s' "$name" "$errors" "$warnings")")
done
printf '\n%-12s %7s %9s\n' corpus errors warnings
printf '%s\n' "${summary[@]}"
