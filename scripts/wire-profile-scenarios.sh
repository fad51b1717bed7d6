#!/usr/bin/env bash
# Runs the main job against each kind of Pylon-like server the emulator can play (wire profile
# and API surface) and prints, per scenario, the requests and writes the server received.
# A faithful client makes the same writes on every server, and none on a rerun.
#
#   scripts/wire-profile-scenarios.sh            # uses .build/debug/pylon-kb (swift build first)
#   PYLON_KB=.build/release/pylon-kb scripts/wire-profile-scenarios.sh
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${PYLON_KB:-.build/debug/pylon-kb}
[ -x "$BIN" ] || { echo "error: $BIN not found; run swift build first" >&2; exit 1; }
BIN=$(realpath "$BIN")
WORK=$(mktemp -d)
trap 'kill $EMULATOR 2>/dev/null || true; rm -rf "$WORK"' EXIT
export PYLON_API_TOKEN=scenario-token NO_COLOR=1 PYLON_RATE_LIMIT_SCALE=1000
cat > "$WORK/seed.json" <<'JSON'
{"knowledge_bases": [{"id": "kb-scenarios", "title": "Relay Help", "slug": "help",
  "supported_languages": ["en", "fr"], "default_language": "en"}],
 "users": [{"email": "docs@example.com", "name": "Docs Team"}]}
JSON

port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
count() {  # prints "requests writes" received since the last reset, then resets
    curl -s "$URL/_emulator/requests" | python3 -c '
import json, sys
log = json.load(sys.stdin)
writes = [r for r in log if r["method"] != "GET" and r["path"] != "/users/search"]
print(len(log), len(writes), " ".join(sorted({"%s:%s" % (r.get("endpoint") or r["method"], r.get("status")) for r in writes})))'
    curl -s -X DELETE "$URL/_emulator/requests" >/dev/null
}
step() {  # NAME COMMAND…: runs a pylon-kb command in the content copy, prints the counts
    local name=$1; shift
    (cd "$DIR" && "$BIN" "$@" >"$WORK/out.txt" 2>&1) || { echo "  $name: pylon-kb $* failed:"; tail -5 "$WORK/out.txt"; }
    read -r requests writes detail <<<"$(count)"
    printf '  %-22s %4s requests  %3s writes  %s\n' "$name" "$requests" "$writes" "$detail"
}

for profile in tidy:current go:documented hostile:current hostile:documented; do
    wire=${profile%%:*} surface=${profile##*:}
    P=$(port); URL="http://127.0.0.1:$P"; export PYLON_API_URL=$URL
    "$BIN" emulator --port "$P" --data "$WORK/data-$wire-$surface" --seed "$WORK/seed.json" --wire "$wire" --api-surface "$surface" \
        >"$WORK/emulator.log" 2>&1 &
    EMULATOR=$!
    for _ in $(seq 100); do curl -s "$URL/_emulator/requests" >/dev/null && break; sleep 0.1; done
    DIR="$WORK/content-$wire-$surface"
    cp -R content "$DIR"; rm -rf "$DIR/.pylon-kb"
    printf 'knowledge_base: kb-scenarios\nauthor: docs@example.com\n' >"$DIR/pylon-kb.yml"
    echo "$wire wire, $surface API"
    step "first publish" apply --auto-approve
    step "no-op plan" plan --detailed-exitcode
    step "no-op apply" apply --auto-approve
    printf '\nOne more sentence.\n' >>"$DIR/integrations/jira.md"
    step "edit a body" apply --auto-approve
    sed -i 's/^title: Jira$/title: Jira\nprevious_slugs: [jira]/' "$DIR/integrations/jira.md"
    mv "$DIR/integrations/jira.md" "$DIR/integrations/jira-cloud.md"
    step "rename (previous_slugs)" apply --auto-approve
    mv "$DIR/account/single-sign-on.md" "$DIR/integrations/single-sign-on.md"
    step "move" apply --auto-approve
    rm "$DIR/account/restore-deleted-conversations.md"
    step "remove (delete)" apply --auto-approve --on-remove delete
    sed -i 's/^title: .*/title: Routing rules/' "$DIR/routing/_collection.yml"
    step "retitle a collection" apply --auto-approve
    step "rerun after all" apply --auto-approve
    kill $EMULATOR; wait $EMULATOR 2>/dev/null || true
done
