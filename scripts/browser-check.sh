#!/usr/bin/env bash
# Checks both local previews of the sample knowledge base in headless Chromium:
#   1. `pylon-kb render content --out …` (the static preview site, opened from file://);
#   2. `pylon-kb apply` to the local target, then `pylon-kb emulator` serving it over HTTP.
# Every page reachable from each home page is loaded; the check fails on any console error,
# uncaught exception, failed load, broken local link or anchor, or image that does not load,
# and when the title search or the code highlighting does not work. Screenshots of the home
# and an article page of each preview, and of the search at work, are written as PNG (1280×900).
# Then it runs `pylon-kb preview` on a copy of the sample and edits an article the way a writer
# does: each save must reach the open page by itself, a broken link must show over the page
# with its file:line and leave when fixed (scripts/preview_browser_check.py).
# Last, it plants problems in a copy of the static preview and fails unless each is reported.
#
# Usage: scripts/browser-check.sh [--update-docs] [--out DIR]
#   --update-docs  write the screenshots to docs/images/ (what the docs show); without it they
#                  go to --out DIR, or to a temporary folder that is removed afterwards, so CI
#                  never touches the repository.
# Environment: CHROMIUM (default: chromium on PATH), PYLON_KB (a built pylon-kb; default: swift build).
# Needs: chromium (Debian package `chromium`), python3. Screenshots show emoji only when an
# emoji font is installed (Debian: fonts-noto-color-emoji); the check itself does not need one.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

update_docs=0
out=""
while [ $# -gt 0 ]; do
    case "$1" in
    --update-docs) update_docs=1 ;;
    --out) out=${2:?--out needs a folder}; shift ;;
    -h | --help) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "browser-check: unknown option $1 (see --help)" >&2; exit 64 ;;
    esac
    shift
done

chromium=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)}
if [ -z "$chromium" ]; then
    echo "browser-check: Chromium is not installed; install it with 'apt-get install chromium' or set CHROMIUM." >&2
    exit 1
fi
if [ -n "${PYLON_KB:-}" ]; then
    pylon_kb=$(cd "$(dirname "$PYLON_KB")" && pwd)/$(basename "$PYLON_KB")
else
    swift build --product pylon-kb >/dev/null
    pylon_kb="$(swift build --show-bin-path)/pylon-kb"
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/browser-check.XXXXXX")
emulator_pid=""
cleanup() {
    if [ -n "$emulator_pid" ]; then kill "$emulator_pid" 2>/dev/null || true; wait "$emulator_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

if [ "$update_docs" = 1 ]; then
    shots="$repo/docs/images"
elif [ -n "$out" ]; then
    mkdir -p "$out"
    shots=$(cd "$out" && pwd)
else
    shots="$work/screenshots"
fi

# A copy of the sample, so the local knowledge base and state this run creates stay out of the
# repository (and out of the way of anyone else using content/ at the same time).
cp -R content "$work/content"
rm -rf "$work/content/.pylon-kb"

echo "== render the static preview"
"$pylon_kb" render "$work/content" --out "$work/preview" | tail -n 1

echo "== publish to the local target and start the emulator"
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
if ! (cd "$work" && PYLON_KB_LOCAL_PORT=$port "$pylon_kb" apply content --auto-approve >"$work/apply.log" 2>&1); then
    cat "$work/apply.log" >&2
    echo "browser-check: publishing the sample to the local target failed (log above)." >&2
    exit 1
fi
tail -n 1 "$work/apply.log"
"$pylon_kb" emulator --port "$port" --data "$work/content/.pylon-kb/local" >"$work/emulator.log" 2>&1 &
emulator_pid=$!
for _ in $(seq 1 100); do
    if python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$port/', timeout=1)" 2>/dev/null; then
        break
    fi
    if ! kill -0 "$emulator_pid" 2>/dev/null; then
        cat "$work/emulator.log" >&2
        echo "browser-check: the emulator exited (log above)." >&2
        exit 1
    fi
    sleep 0.2
done

echo "== load every page in headless Chromium"
preview="file://$work/preview"
emulator="http://127.0.0.1:$port"
timeout 150 python3 scripts/browser_check.py --chromium "$chromium" --screenshots "$shots" \
    --start "$preview/index.html" --start "$emulator/" \
    --shot "preview-index=$preview/index.html" \
    --shot "preview-article=$preview/getting-started/connect-your-inbox.html" \
    --shot "emulator-index=$emulator/kb/local/" \
    --shot "emulator-article=$emulator/kb/local/articles/*-webhooks" \
    --search "preview-search@$preview/routing/routing-rules.html=conversation" \
    --search "$preview/routing/advanced/webhooks.html=slack" \
    --search "$emulator/kb/local/=invite" \
    --search "$emulator/=slack"

echo "== pylon-kb preview: saves reach the open page, errors show over it"
cp -R content "$work/live"
rm -rf "$work/live/.pylon-kb"
timeout 150 python3 scripts/preview_browser_check.py --chromium "$chromium" --pylon-kb "$pylon_kb" \
    --folder "$work/live" --article getting-started/connect-your-inbox.md \
    --screenshot "$shots/preview-live-error.png"
echo "screenshots: $shots"

# The check must be able to fail: break a copy of the static preview in four ways and expect
# each to be reported.
echo "== the check finds planted problems"
cp -R "$work/preview" "$work/broken"
rm "$work/broken/routing/images/routing-flow.png"
python3 - "$work/broken" <<'PY'
import pathlib, sys
page = pathlib.Path(sys.argv[1], "getting-started/quick-start.html")
html = page.read_text()
planted = ('<a href="missing-page.html">missing</a> <a href="invite-your-team.html#no-such-anchor">anchor</a>'
           '<script>console.log("inline")</script>')
page.write_text(html.replace('<article class="article-body">', '<article class="article-body">' + planted, 1))
PY
if python3 scripts/browser_check.py --chromium "$chromium" --screenshots "$work/broken-shots" \
    --start "file://$work/broken/index.html" >"$work/broken.out" 2>"$work/broken.err"; then
    echo "browser-check: the check passed a preview with planted problems; it is broken." >&2
    exit 1
fi
for expected in "routing-flow.png did not load" "missing-page.html is broken" \
    "missing anchor #no-such-anchor" "Content Security Policy"; do
    if ! grep -q "$expected" "$work/broken.err"; then
        cat "$work/broken.err" >&2
        echo "browser-check: the check did not report a planted problem ($expected)." >&2
        exit 1
    fi
done
echo "all four planted problems reported"
