#!/usr/bin/env bash
# Runs the shell blocks of the user docs as written, in order, against the emulator standing
# in for Pylon (through PYLON_API_URL), and fails on the first error.
#
#   scripts/run-doc-examples.sh                       docs/getting-started.md and every page
#                                                     with the line <!-- run-doc-examples -->
#   scripts/run-doc-examples.sh docs/some-page.md     just that page
#   PYLON_KB_BIN=path/to/pylon-kb scripts/run-doc-examples.sh
#
# Convention (also in docs/getting-started.md, "How this page is tested"):
# - ```sh (or bash, shell) blocks run, in order, in ONE `bash -euo pipefail` session per page,
#   starting in an empty temporary folder, with HOME set to a folder that holds a fresh clone
#   of this repository at ~/pylon-kb (the working tree's docs/ and action.yml copied over it,
#   so uncommitted edits are what is tested).
# - ```sh no-run blocks are not run. Each `export NAME=…` in them gets the value CI has
#   instead (see STAND_INS below); any other export fails, so page and script stay in step.
# - Every page gets its own emulator, seeded with one knowledge base and one user.
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$PWD"

# shellcheck source=scripts/pylon-kb-bin.sh
source scripts/pylon-kb-bin.sh

pages=("$@")
if [ "${#pages[@]}" -eq 0 ]; then
    pages=(docs/getting-started.md)
    while IFS= read -r page; do
        [ "$page" = docs/getting-started.md ] || pages+=("$page")
    done < <(grep -l -x '<!-- run-doc-examples -->' docs/*.md || true)
fi

echo "== links between the docs (README.md, docs/*.md): files and #anchors exist"
python3 - <<'PYTHON'
import glob, os, re, sys

def slug(text):
    """GitHub's heading anchors: lower case, punctuation dropped, spaces as hyphens."""
    text = re.sub(r"[^\w\- ]", "", text.strip().lower().replace("`", ""))
    return text.replace(" ", "-")

def anchors(path):
    found = set()
    text = re.sub(r"(`{3,}).*?\1", "", open(path).read(), flags=re.S)
    for match in re.finditer(r"^#{1,6}\s+(.*)$", text, re.M):
        base, name, count = slug(match.group(1)), slug(match.group(1)), 0
        while name in found:
            count += 1
            name = f"{base}-{count}"
        found.add(name)
    return found

broken = []
for page in ["README.md"] + sorted(glob.glob("docs/*.md")):
    # Links inside code are examples, not links.
    text = re.sub(r"(`{3,}).*?\1", "", open(page).read(), flags=re.S)
    text = re.sub(r"`[^`\n]*`", "", text)
    for match in re.finditer(r"\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)", text):
        link = match.group(1)
        if re.match(r"[a-z]+:", link):
            continue
        path, _, anchor = link.partition("#")
        target = os.path.normpath(os.path.join(os.path.dirname(page), path)) if path else page
        if not os.path.exists(target):
            broken.append(f"{page}: the link {link} leads to a file that does not exist")
        elif anchor and target.endswith(".md") and anchor not in anchors(target):
            broken.append(f"{page}: the link {link} names a heading {target} does not have")
if broken:
    sys.exit("\n".join("error: " + line for line in broken))
print("All links between the docs resolve.")
PYTHON

exec python3 - "$repo" "$bin" "${pages[@]}" <<'PYTHON'
import json, os, re, shutil, subprocess, sys, tempfile, urllib.request

repo, binary, pages = sys.argv[1], os.path.abspath(sys.argv[2]), sys.argv[3:]
TOKEN = "doc-examples-token"
KB = "6b0d5b9e-1111-4a2b-9c3d-000000000001"
AUTHOR = "you@example.com"
# What a reader's no-run blocks set, as CI has it.
STAND_INS = {
    "PATH": f'"{os.path.dirname(binary)}:$PATH"',
    "PYLON_API_TOKEN": f"'{TOKEN}'",
    "KB_ID": f"'{KB}'",
    "AUTHOR_EMAIL": f"'{AUTHOR}'",
}
FENCE = re.compile(r"^(`{3,})\s*(\S*)\s*(.*)$")

def blocks(path):
    """(line, language, info, text) of every fenced block."""
    found, lines, index = [], open(path).read().split("\n"), 0
    while index < len(lines):
        match = FENCE.match(lines[index])
        if match:
            ticks, language, info = match.groups()
            start, body = index + 1, []
            index += 1
            while index < len(lines) and not lines[index].startswith(ticks):
                body.append(lines[index])
                index += 1
            found.append((start, language, info.strip(), "\n".join(body)))
        index += 1
    return found

def script_for(path):
    parts = []
    ran = 0
    for line, language, info, text in blocks(path):
        if language not in ("sh", "bash", "shell"):
            continue
        if info == "no-run":
            for name in re.findall(r"^\s*export\s+([A-Za-z_][A-Za-z0-9_]*)=", text, re.M):
                if name not in STAND_INS:
                    sys.exit(f"{path}:{line}: error: a no-run block exports {name}, which "
                             f"scripts/run-doc-examples.sh has no stand-in for; add one to STAND_INS.")
                parts.append(f"export {name}={STAND_INS[name]}  # stand-in for {path}:{line}")
            continue
        if info:
            sys.exit(f"{path}:{line}: error: unknown fence info `{info}`; use ```sh or ```sh no-run.")
        ran += 1
        parts.append(f"printf '\\n$ %s:%s\\n' {json.dumps(path)} {line}\n{text}")
    if ran == 0:
        sys.exit(f"{path}: error: no runnable ```sh block; nothing would be tested.")
    return ran, "set -euo pipefail\nset -x\n" + "\n".join(parts) + "\n"

def start_emulator(folder):
    seed = os.path.join(folder, "seed.json")
    json.dump({"organization_name": "Acme", "knowledge_bases": [{"id": KB, "title": "Acme Help",
              "slug": "help", "supported_languages": ["en", "fr"], "default_language": "en"}],
              "users": [{"email": AUTHOR, "name": "You"}]}, open(seed, "w"))
    process = subprocess.Popen([binary, "emulator", "--port", "0", "--seed", seed, "--token", TOKEN],
                               cwd=folder, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    match = re.search(r"(http://127\.0\.0\.1:\d+)", process.stdout.readline())
    if not match:
        process.kill()
        sys.exit("error: the emulator did not start.")
    return process, match.group(1)

def published(api):
    request = urllib.request.Request(f"{api}/knowledge-bases/{KB}/articles?limit=999",
                                     headers={"Authorization": f"Bearer {TOKEN}"})
    return json.load(urllib.request.urlopen(request))["data"]

failed = []
for page in pages:
    ran, script = script_for(page)
    sandbox = tempfile.mkdtemp(prefix="pylon-kb-doc-")
    home, work = os.path.join(sandbox, "home"), os.path.join(sandbox, "work")
    os.makedirs(work)
    # A fresh clone, with the working tree's docs and action on top.
    subprocess.run(["git", "clone", "-q", repo, os.path.join(home, "pylon-kb")], check=True)
    shutil.copytree(os.path.join(repo, "docs"), os.path.join(home, "pylon-kb/docs"), dirs_exist_ok=True)
    shutil.copy(os.path.join(repo, "action.yml"), os.path.join(home, "pylon-kb/action.yml"))
    emulator, api = start_emulator(sandbox)
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": home, "LANG": "C.UTF-8",
           "NO_COLOR": "1", "PYLON_API_URL": api,
           "GIT_AUTHOR_NAME": "Doc Reader", "GIT_AUTHOR_EMAIL": "reader@example.com",
           "GIT_COMMITTER_NAME": "Doc Reader", "GIT_COMMITTER_EMAIL": "reader@example.com",
           "GIT_CONFIG_NOSYSTEM": "1"}
    print(f"== {page}: {ran} blocks, in {work}, Pylon played by the emulator on {api}", flush=True)
    result = subprocess.run(["bash", "--noprofile", "--norc", "-c", script], cwd=work, env=env,
                            stdin=subprocess.DEVNULL)
    articles = published(api)
    emulator.terminate()
    emulator.wait()
    if result.returncode != 0:
        failed.append(f"{page}: a command failed (exit {result.returncode}); see above. Sandbox: {sandbox}")
        continue
    if page.endswith("getting-started.md"):
        live = [a for a in articles if a.get("is_published")]
        contact = any("Contact us" in (a.get("current_published_content_html") or "") for a in live)
        if len(live) < 2 or not contact:
            failed.append(f"{page}: ran, but the sample is not published with the edit "
                          f"({len(live)} published articles, edit {'found' if contact else 'missing'}).")
            continue
        print(f"== {page}: {len(live)} articles published, the edit is live.")
    shutil.rmtree(sandbox)

if failed:
    print("\n" + "\n".join("error: " + f for f in failed))
    sys.exit(1)
print(f"\nDoc examples: {len(pages)} page(s) ran as written.")
PYTHON
