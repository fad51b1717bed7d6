#!/usr/bin/env bash
# Runs the jobs of docs/ci/github-workflow.yml locally, step by step as written, against the
# emulator standing in for Pylon, and checks what a team would see:
#
#   1. a pull request: `check`, `plan` → ONE comment (a second push updates it, a person's
#      comment quoting the marker is left alone);
#   2. the merge to main: `apply --auto-approve`, the state file committed back with
#      [skip ci] and pushed; a second run applies nothing and commits nothing; a second
#      merge while an apply runs: the state commit is rebased onto it, and the next run
#      applies it without a false drift;
#      A pull request opened before those applies plans with main's newest state file;
#   3. an article edited in Pylon: the plan job posts the refusal and fails;
#   4. a comment that cannot be posted fails the job (checked during 1);
#   5. the same for docs/ci/gitlab-ci.yml: one merge-request note updated in place, a failed
#      note fails the job, apply on main commits the state file back, a rerun commits nothing.
#
#   scripts/run-workflow-locally.sh            (uses the debug build; PYLON_KB_BIN=… for another)
#
# What stands in for GitHub: `actions/checkout` is a git clone of a local bare repository;
# this repository's action (`OWNER/pylon-kb@…`) runs the scripts of action.yml in order,
# except that `actions/cache` is skipped and its release build is replaced by the already
# built binary (the packages it checks for are installed by .ci/run);
# `actions/github-script` runs the workflow's script with Node and a small fake of the
# GitHub API that keeps the pull request's comments in a file; `${{ … }}` expressions are
# evaluated for the few contexts the workflow uses (anything else stops the script).
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$PWD"

# shellcheck source=scripts/pylon-kb-bin.sh
source scripts/pylon-kb-bin.sh
command -v node >/dev/null || { echo "error: node is needed to run actions/github-script steps." >&2; exit 1; }

exec python3 - "$repo" "$bin" <<'PYTHON'
import json, os, re, subprocess, sys, tempfile, shutil, urllib.request

repo, binary = sys.argv[1], os.path.abspath(sys.argv[2])
workflow = __import__("yaml").safe_load(open(os.path.join(repo, "docs/ci/github-workflow.yml")))
action = __import__("yaml").safe_load(open(os.path.join(repo, "action.yml")))
tmp = tempfile.mkdtemp(prefix="pylon-kb-workflow-")
TOKEN = "workflow-test-token"
KB = "6b0d5b9e-1111-4a2b-9c3d-00000000c1c1"
failures = []

def sh(args, cwd=None, env=None, check=True):
    result = subprocess.run(args, cwd=cwd, env=env, text=True, capture_output=True)
    if check and result.returncode != 0:
        sys.exit(f"error: {' '.join(args)} failed:\n{result.stdout}{result.stderr}")
    return result

def expect(condition, what):
    print(("  ok: " if condition else "  FAILED: ") + what)
    if not condition:
        failures.append(what)

# --- The emulator stands in for Pylon.
seed = os.path.join(tmp, "seed.json")
KB_GITLAB = "6b0d5b9e-1111-4a2b-9c3d-00000000c1c2"
json.dump({"organization_name": "Acme", "knowledge_bases": [{"id": KB, "title": "Acme Help",
          "slug": "help", "supported_languages": ["en"], "default_language": "en"},
          {"id": KB_GITLAB, "title": "Acme Docs", "slug": "docs", "supported_languages": ["en"],
           "default_language": "en"}],
          "users": [{"email": "writer@example.com", "name": "Writer"}]}, open(seed, "w"))
emulator = subprocess.Popen([binary, "emulator", "--port", "0", "--seed", seed, "--token", TOKEN],
                            cwd=tmp, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
first = emulator.stdout.readline()
match = re.search(r"(http://127\.0\.0\.1:\d+)", first)
if not match:
    emulator.kill()
    sys.exit(f"error: the emulator did not start: {first}")
api = match.group(1)
print(f"Emulator on {api}")

def pylon(method, path, body=None):
    request = urllib.request.Request(api + path, method=method, data=json.dumps(body).encode() if body else None,
                                     headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"})
    return json.load(urllib.request.urlopen(request))

def articles(kb=KB):
    return pylon("GET", f"/knowledge-bases/{kb}/articles?limit=999")["data"]

# --- A knowledge-base repository: origin (bare) and a maintainer's clone.
git_env = dict(os.environ, GIT_AUTHOR_NAME="Writer", GIT_AUTHOR_EMAIL="writer@example.com",
               GIT_COMMITTER_NAME="Writer", GIT_COMMITTER_EMAIL="writer@example.com")
origin = os.path.join(tmp, "origin.git")
sh(["git", "init", "-q", "--bare", "-b", "main", origin])
author = os.path.join(tmp, "author")
sh(["git", "clone", "-q", origin, author])
sh([binary, "init", "content", "--author", "writer@example.com"], cwd=author)
config = os.path.join(author, "content/pylon-kb.yml")
text = open(config).read()
open(config, "w").write(text.replace("\ntarget: local\n", f"\nknowledge_base: {KB}\n"))

def commit_and_push(message, branch):
    sh(["git", "add", "-A"], cwd=author)
    sh(["git", "commit", "-q", "-m", message], cwd=author, env=git_env)
    sh(["git", "push", "-q", "origin", f"HEAD:{branch}"], cwd=author)

sh(["git", "checkout", "-q", "-b", "main"], cwd=author)
commit_and_push("Knowledge base", "main")

# --- The runner.
comments_file = os.path.join(tmp, "comments.json")
json.dump([{"id": 1, "user": {"login": "maria", "type": "User"}, "html_url": "c/1",
            "body": "Looks good. (The bot's comment starts with <!-- pylon-kb-plan -->.)"}],
          open(comments_file, "w"))

FAKE_GITHUB = r"""
const fs = require('fs');
const file = process.env.FAKE_COMMENTS;
const load = () => JSON.parse(fs.readFileSync(file, 'utf8'));
const save = (c) => fs.writeFileSync(file, JSON.stringify(c, null, 1));
const refuse = () => { if (process.env.FAKE_GITHUB_DOWN) throw new Error('HttpError: Resource not accessible by integration (403)'); };
const issues = {
  listComments: async (p) => { refuse(); return { data: load() }; },
  updateComment: async (p) => { refuse(); const c = load(); const x = c.find((y) => y.id === p.comment_id);
    if (!x) throw new Error('no comment ' + p.comment_id); x.body = p.body; save(c); return { data: x }; },
  createComment: async (p) => { refuse(); const c = load();
    const x = { id: c.length + 1, user: { login: 'github-actions[bot]', type: 'Bot' }, body: p.body, html_url: 'c/' + (c.length + 1) };
    c.push(x); save(c); return { data: x }; },
};
const github = { rest: { issues }, paginate: async (fn, p) => (await fn(p)).data };
const context = { repo: { owner: 'acme', repo: 'help-center' }, issue: { number: 1 } };
const core = { info: (m) => console.log(m), setFailed: (m) => { console.error(m); process.exitCode = 1; } };
(async () => {
SCRIPT
})().catch((e) => { console.error(e.message); process.exit(1); });
"""

def evaluate(expression, ctx):
    """The workflow's ${{ }} expressions: contexts, ==, !=, &&, ||, !, and status functions."""
    wrapped = re.fullmatch(r"\s*\$\{\{(.*)\}\}\s*", expression)
    if wrapped:
        expression = wrapped.group(1)
    def name(m):
        word = m.group(0)
        if word.startswith("'"):
            return word
        if word in ("success()", "always()", "cancelled()", "failure()"):
            return {"success()": str(not ctx["failed"]), "always()": "True", "cancelled()": "False",
                    "failure()": str(ctx["failed"])}[word]
        value = ctx["values"]
        for part in word.split("."):
            if not isinstance(value, dict) or part not in value:
                sys.exit(f"error: the workflow uses ${{{{ {word} }}}}, which this script does not know; teach it.")
            value = value[part]
        return repr(value)
    python = re.sub(r"'[^']*'|[A-Za-z_][A-Za-z0-9_\-]*(\.[A-Za-z0-9_\-]+)*(\(\))?", name, expression)
    python = python.replace("&&", " and ").replace("||", " or ").replace("!=", " __ne__ ")
    python = re.sub(r"!(?!=)", " not ", python).replace(" __ne__ ", " != ")
    return eval(python, {"__builtins__": {}})

def substitute(text, ctx):
    return re.sub(r"\$\{\{\s*(.*?)\s*\}\}", lambda m: str(evaluate(m.group(1), ctx)), str(text))

def run_job(name, event, ref, pr=None, extra_env=None, sha=None, after=None):
    """Runs a job as GitHub would for an event on `ref` at commit `sha` (default: the branch
    head); `after` maps a step's label to a function called once that step has run."""
    job = workflow["jobs"][name]
    print(f"\n== job {name} ({event}, {ref})")
    values = {"github": {"event_name": event, "ref": ref, "ref_name": ref.split("/")[-1],
                         "server_url": "https://github.example",
                         "repository": "acme/help-center", "run_id": "1",
                         "event": {"pull_request": {"number": pr}}},
              "secrets": {"PYLON_API_TOKEN": TOKEN}, "steps": {}}
    ctx = {"values": values, "failed": False}
    outcomes = {}
    if not evaluate(job["if"], ctx):
        print("  (skipped by its if:)")
        return None
    workspace = os.path.join(tmp, f"run-{name}-{len(os.listdir(tmp))}")
    path_prefix = []
    base_env = dict(os.environ, PYLON_API_URL=api, GITHUB_WORKSPACE=workspace,
                    GITHUB_BASE_REF="main" if event == "pull_request" else "",
                    GITHUB_REF_NAME=ref.split("/")[-1], GITHUB_EVENT_NAME=event, **(extra_env or {}))
    base_env.pop("PYLON_API_TOKEN", None)
    base_env.update({k: substitute(v, ctx) for k, v in workflow.get("env", {}).items()})
    for index, step in enumerate(job["steps"]):
        label = step.get("name") or step.get("uses") or f"step {index}"
        if not evaluate(step.get("if", "success()"), ctx):
            print(f"  - {label}: skipped")
            continue
        env = dict(base_env, FAKE_COMMENTS=comments_file)
        env.update({k: substitute(v, ctx) for k, v in step.get("env", {}).items()})
        env["PATH"] = ":".join(path_prefix + [env["PATH"]])
        output_file = os.path.join(tmp, "github_output")
        open(output_file, "w").close()
        env["GITHUB_OUTPUT"] = output_file
        uses = step.get("uses", "")
        if uses.startswith("actions/checkout@"):
            # Like actions/checkout: the event's commit, unless `ref:` names a branch, whose
            # head at this moment is checked out instead.
            shutil.rmtree(workspace, ignore_errors=True)
            branch = ref.split("/")[-1]
            sh(["git", "clone", "-q", "--branch", branch, origin, workspace])
            wanted = step.get("with", {}).get("ref")
            if wanted:
                sh(["git", "checkout", "-q", "-B", substitute(wanted, ctx), "origin/" + substitute(wanted, ctx)],
                   cwd=workspace)
            elif sha:
                sh(["git", "checkout", "-q", "-B", branch, sha], cwd=workspace)
            result = subprocess.CompletedProcess([], 0, "", "")
        elif uses == "./" or re.match(r"[^/]+/pylon-kb@", uses):
            # action.yml's own steps, in order: its scripts run as written, except that
            # actions/cache is skipped and the release build is replaced by the built binary.
            path_prefix.insert(0, os.path.dirname(binary))
            action_values = {"steps": {}, "inputs": {"working-directory": ".", **step["with"]},
                             "github": {"action_path": repo}}
            action_ctx = {"values": action_values, "failed": False}
            result = subprocess.CompletedProcess([], 0, "", "")
            for inner in action["runs"]["steps"]:
                if "uses" in inner:
                    continue
                inner_env = dict(env, GITHUB_ACTION_PATH=repo, RUNNER_OS="Linux", RUNNER_ARCH="X64")
                inner_env.update({k: substitute(v, action_ctx) for k, v in inner.get("env", {}).items()})
                outputs = {}
                if inner.get("id") == "build":
                    outputs = {"binary": binary}
                else:
                    open(output_file, "w").close()
                    inner_env["GITHUB_OUTPUT"] = output_file
                    cwd = os.path.join(workspace, substitute(inner.get("working-directory", "."), action_ctx))
                    result = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", inner["run"]],
                                            cwd=cwd, env=inner_env, text=True, capture_output=True)
                    outputs = dict(line.split("=", 1) for line in open(output_file).read().splitlines() if "=" in line)
                    if result.returncode != 0:
                        break
                if "id" in inner:
                    action_values["steps"][inner["id"]] = {"outputs": outputs}
        elif uses.startswith("actions/github-script@"):
            script = os.path.join(tmp, "github-script.js")
            open(script, "w").write(FAKE_GITHUB.replace("SCRIPT", step["with"]["script"]))
            result = subprocess.run(["node", script], cwd=workspace, env=env, text=True, capture_output=True)
        elif "run" in step:
            result = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
                                    cwd=workspace, env=env, text=True, capture_output=True)
        else:
            sys.exit(f"error: step {label} uses {uses}, which this script cannot run; teach it.")
        outcome = "success" if result.returncode == 0 else "failure"
        print(f"  - {label}: {outcome}")
        outcomes[label] = outcome
        for line in (result.stdout + result.stderr).strip().splitlines()[-6:]:
            print(f"      {line}")
        if after and label in after:
            after[label]()
        if "id" in step:
            values["steps"][step["id"]] = {"outcome": outcome,
                                           "conclusion": "success" if step.get("continue-on-error") else outcome}
        if outcome == "failure" and not step.get("continue-on-error"):
            ctx["failed"] = True
    return {"failed": ctx["failed"], "outcomes": outcomes}

def bot_comments():
    return [c for c in json.load(open(comments_file)) if c["user"]["type"] == "Bot"]

def origin_head():
    return sh(["git", "--git-dir", origin, "rev-parse", "main"]).stdout.strip()

# 1. A pull request, pushed twice.
sh(["git", "checkout", "-q", "-b", "edit-welcome"], cwd=author)
welcome = os.path.join(author, "content/getting-started/welcome.md")
open(welcome, "a").write("\nWe answer within one business day.\n")
commit_and_push("Promise a response time", "edit-welcome")
job = run_job("plan", "pull_request", "edit-welcome", pr=1)
expect(job and not job["failed"], "the plan job passes")
expect(len(bot_comments()) == 1 and "Articles to create" in bot_comments()[0]["body"],
       "the plan is posted as one comment")
expect(run_job("apply", "pull_request", "edit-welcome", pr=1) is None, "a pull request does not apply")
# 4. The comment cannot be posted (a fork's read-only token, GitHub down): the plan itself passes.
job = run_job("plan", "pull_request", "edit-welcome", pr=1, extra_env={"FAKE_GITHUB_DOWN": "1"})
expect(job and job["failed"] and job["outcomes"].get("Plan") == "success"
       and job["outcomes"].get("Post the plan on the pull request") == "failure",
       "the plan job fails when the comment cannot be posted")
guide = os.path.join(author, "content/getting-started/write-an-article.md")
open(guide, "a").write("\nRun `pylon-kb plan` before every pull request.\n")
commit_and_push("Mention plan", "edit-welcome")
run_job("plan", "pull_request", "edit-welcome", pr=1)
comments = bot_comments()
expect(len(comments) == 1 and "before every pull request" in comments[0]["body"],
       "the second push updates the same comment (still one bot comment, with the new text)")
expect(json.load(open(comments_file))[0]["body"].startswith("Looks good."), "a person's comment is left alone")
expect(articles() == [], "planning wrote nothing to Pylon")

# 2. The merge, then a rerun.
sh(["git", "checkout", "-q", "main"], cwd=author)
sh(["git", "merge", "-q", "--ff-only", "edit-welcome"], cwd=author)
sh(["git", "push", "-q", "origin", "main"], cwd=author)
before = origin_head()
job = run_job("apply", "push", "refs/heads/main")
expect(job and not job["failed"], "the apply job passes")
expect(len(articles()) == 2, "both articles are published")
log = sh(["git", "--git-dir", origin, "log", "-1", "--format=%s", "main"]).stdout.strip()
files = sh(["git", "--git-dir", origin, "show", "--name-only", "--format=", "main"]).stdout.split()
expect(origin_head() != before and log.endswith("[skip ci]") and files == ["content/.pylon-kb/state.json"],
       f"the state file is committed back alone, with [skip ci] ({log})")
expect(run_job("plan", "push", "refs/heads/main") is None, "a push to main does not plan")
after = origin_head()
job = run_job("apply", "push", "refs/heads/main")
expect(job and not job["failed"] and origin_head() == after, "a second apply changes nothing and commits nothing")

# 2b. A second merge lands while the first apply runs. The first run's state push is rebased
#     onto it; the second run must start from main *with* that state, or the article the
#     first run just wrote would look edited in Pylon (false drift) and the apply would stop.
sh(["git", "pull", "-q", "origin", "main"], cwd=author)
open(welcome, "a").write("\nFirst merge.\n")
commit_and_push("First merge", "main")
first = origin_head()
second = {}
def second_merge():
    open(welcome, "a").write("\nSecond merge.\n")
    commit_and_push("Second merge", "main")
    second["sha"] = origin_head()
job = run_job("apply", "push", "refs/heads/main", sha=first, after={"actions/checkout@v4": second_merge})
subjects = sh(["git", "--git-dir", origin, "log", "-2", "--format=%s", "main"]).stdout.split("\n")[:2]
expect(job and not job["failed"] and subjects[0].endswith("[skip ci]") and subjects[1] == "Second merge",
       "the first run's state commit is rebased onto the second merge and pushed")
job = run_job("apply", "push", "refs/heads/main", sha=second["sha"])
welcome_html = [a for a in articles() if a.get("slug") == "welcome"][0]["current_published_content_html"]
expect(job and not job["failed"] and "Second merge" in welcome_html,
       "the second run applies the second merge (no false drift from a stale state file)")

# 2c. A pull request opened before those applies carries an old state file; the plan job
#     takes main's newest one, so the articles they wrote do not look edited in Pylon.
sh(["git", "checkout", "-q", "-b", "opened-earlier", first], cwd=author)
open(guide, "a").write("\nOpened before the second merge.\n")
commit_and_push("Opened earlier", "opened-earlier")
job = run_job("plan", "pull_request", "opened-earlier", pr=2)
expect(job and not job["failed"] and "edited in Pylon" not in bot_comments()[-1]["body"],
       "a pull request with an older state file plans without a false drift")
sh(["git", "checkout", "-q", "main"], cwd=author)

# 3. Someone edits an article in Pylon; the next pull request must not silently overwrite it.
sh(["git", "pull", "-q", "origin", "main"], cwd=author)
state = json.load(open(os.path.join(author, "content/.pylon-kb/state.json")))
article_id = state["articles"]["getting-started/welcome.md"]["id"]
pylon("PATCH", f"/knowledge-bases/{KB}/articles/{article_id}",
      {"body_html": "<p>Fixed a typo in Pylon.</p>", "publish_updated_body_html": True})
sh(["git", "checkout", "-q", "-b", "reword"], cwd=author)
open(welcome, "a").write("\nOr sooner.\n")
commit_and_push("Reword", "reword")
job = run_job("plan", "pull_request", "reword", pr=1)
expect(job and job["failed"], "the plan job fails when apply would refuse the plan (drift)")
expect("Apply will refuse this plan" in bot_comments()[0]["body"] and len(bot_comments()) == 1,
       "the refusal is in the (same) comment")

# ---------------------------------------------------------------------------------------
# GitLab: docs/ci/gitlab-ci.yml's jobs, their script lines run as GitLab's runner runs them
# (one bash, -eo pipefail, each line echoed first). Stand-ins: the `.pylon-kb` build lines
# (apt-get, fetching and building pylon-kb) are replaced by the built binary on PATH; the
# GitLab API is a small fake that keeps the merge request's notes; pushes to the project's
# https URL go to a local bare repository (git's insteadOf).
import http.server, shlex, threading
print("\n==== GitLab CI")
gitlab_ci = __import__("yaml").safe_load(open(os.path.join(repo, "docs/ci/gitlab-ci.yml")))
GITLAB_TOKEN = "glpat-test"
notes = [{"id": 1, "body": "Please check the wording. (<!-- pylon-kb-plan --> is the bot's marker.)",
          "author": {"id": 7, "username": "maria"}}]
BOT = {"id": 42, "username": "project_1_bot"}
api_state = {"down": False}

class FakeGitLab(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass
    def answer(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
    def allowed(self):
        if self.headers.get("PRIVATE-TOKEN") != GITLAB_TOKEN:
            self.answer(401, {"message": "401 Unauthorized"})
            return False
        if api_state["down"]:
            self.answer(403, {"message": "403 Forbidden"})
            return False
        return True
    def do_GET(self):
        if not self.allowed():
            return
        from urllib.parse import urlparse, parse_qs
        if urlparse(self.path).path == "/api/v4/user":
            self.answer(200, BOT)
            return
        query = parse_qs(urlparse(self.path).query)
        per_page, page = int(query["per_page"][0]), int(query.get("page", ["1"])[0])
        self.answer(200, notes[(page - 1) * per_page: page * per_page])
    def body(self):
        return json.loads(self.rfile.read(int(self.headers["Content-Length"])))["body"]
    def do_POST(self):
        if not self.allowed():
            return
        note = {"id": len(notes) + 1, "body": self.body(), "author": BOT}
        notes.append(note)
        self.answer(201, note)
    def do_PUT(self):
        if not self.allowed():
            return
        note_id = int(self.path.rsplit("/", 1)[1])
        note = next(n for n in notes if n["id"] == note_id)
        note["body"] = self.body()
        self.answer(200, note)

server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), FakeGitLab)
threading.Thread(target=server.serve_forever, daemon=True).start()
gitlab_api = f"http://127.0.0.1:{server.server_address[1]}/api/v4"

# The project: origin, a maintainer's clone, and git config that maps the https push URL.
g_origin = os.path.join(tmp, "gitlab-origin.git")
sh(["git", "init", "-q", "--bare", "-b", "main", g_origin])
g_author = os.path.join(tmp, "gitlab-author")
sh(["git", "clone", "-q", g_origin, g_author])
sh([binary, "init", "content", "--author", "writer@example.com", "--kb", KB_GITLAB], cwd=g_author)
sh(["git", "checkout", "-q", "-b", "main"], cwd=g_author)
def g_push(message, branch):
    sh(["git", "add", "-A"], cwd=g_author)
    sh(["git", "commit", "-q", "-m", message], cwd=g_author, env=git_env)
    sh(["git", "push", "-q", "origin", f"HEAD:{branch}"], cwd=g_author)
    return sh(["git", "rev-parse", "HEAD"], cwd=g_author).stdout.strip()
g_push("Knowledge base", "main")
gitconfig = os.path.join(tmp, "gitconfig")
with open(gitconfig, "w") as f:
    f.write(f'[url "{g_origin}"]\n\tinsteadOf = https://oauth2:{GITLAB_TOKEN}@gitlab.example/acme/docs.git\n')

def gitlab_rules(job, variables):
    for rule in job.get("rules", []):
        expression = rule["if"]
        expression = re.sub(r"\$([A-Z_]+)", lambda m: repr(variables.get(m.group(1), "")), expression)
        if eval(expression.replace("&&", " and ").replace("||", " or "), {"__builtins__": {}}):
            return True
    return False

def run_gitlab_job(name, source, branch, sha, extra=None):
    job = gitlab_ci[name]
    variables = dict(gitlab_ci.get("variables", {}), CI_PIPELINE_SOURCE=source, CI_DEFAULT_BRANCH="main",
                     CI_API_V4_URL=gitlab_api, CI_PROJECT_ID="1", CI_SERVER_HOST="gitlab.example",
                     CI_PROJECT_PATH="acme/docs", CI_JOB_URL="https://gitlab.example/acme/docs/-/jobs/1",
                     GITLAB_API_TOKEN=GITLAB_TOKEN, PYLON_API_TOKEN=TOKEN, **(extra or {}))
    if source == "merge_request_event":
        variables.update(CI_MERGE_REQUEST_IID="1", CI_MERGE_REQUEST_TARGET_BRANCH_NAME="main")
    else:
        variables.update(CI_COMMIT_BRANCH=branch)
    print(f"\n== GitLab job {name} ({source}, {branch})")
    if not gitlab_rules(job, variables):
        print("  (not in this pipeline: rules)")
        return None
    workspace = os.path.join(tmp, f"gitlab-{name}-{len(os.listdir(tmp))}")
    sh(["git", "clone", "-q", g_origin, workspace])
    sh(["git", "checkout", "-q", "--detach", sha], cwd=workspace)
    lines = ["set -eo pipefail"]
    for line in job["script"]:
        lines += [f"printf '%s\\n' {shlex.quote('$ ' + line.splitlines()[0])}", line]
    env = dict(os.environ, **variables, PYLON_API_URL=api, GIT_CONFIG_GLOBAL=gitconfig,
               PATH=os.path.dirname(binary) + ":" + os.environ["PATH"])
    result = subprocess.run(["bash", "--noprofile", "--norc", "-c", "\n".join(lines)], cwd=workspace,
                            env=env, text=True, capture_output=True)
    for line in (result.stdout + result.stderr).strip().splitlines()[-6:]:
        print(f"      {line}")
    print(f"  exit {result.returncode}")
    return result.returncode

def bot_notes():
    return [n for n in notes if n["author"]["username"] != "maria"]

sh(["git", "checkout", "-q", "-b", "mr-1"], cwd=g_author)
g_welcome = os.path.join(g_author, "content/getting-started/welcome.md")
open(g_welcome, "a").write("\nAsk in the community forum.\n")
sha = g_push("Forum", "mr-1")
expect(run_gitlab_job("check", "merge_request_event", "mr-1", sha) == 0, "GitLab: check passes")
expect(run_gitlab_job("plan", "merge_request_event", "mr-1", sha) == 0 and len(bot_notes()) == 1
       and "Articles to create" in bot_notes()[0]["body"], "GitLab: the plan is posted as one note")
open(g_welcome, "a").write("\nOr write to us.\n")
sha = g_push("Write to us", "mr-1")
expect(run_gitlab_job("plan", "merge_request_event", "mr-1", sha) == 0 and len(bot_notes()) == 1
       and "Or write to us" in bot_notes()[0]["body"] and notes[0]["body"].startswith("Please check"),
       "GitLab: the next push updates the same note; a person's note is left alone")
api_state["down"] = True
expect(run_gitlab_job("plan", "merge_request_event", "mr-1", sha) not in (0, None),
       "GitLab: the plan job fails when the note cannot be posted")
api_state["down"] = False
expect(run_gitlab_job("apply", "merge_request_event", "mr-1", sha) is None, "GitLab: a merge request does not apply")
expect(articles(KB_GITLAB) == [], "GitLab: planning wrote nothing to Pylon")
sh(["git", "checkout", "-q", "main"], cwd=g_author)
sh(["git", "merge", "-q", "--ff-only", "mr-1"], cwd=g_author)
sh(["git", "push", "-q", "origin", "main"], cwd=g_author)
expect(run_gitlab_job("apply", "push", "main", sha) == 0 and len(articles(KB_GITLAB)) == 2,
       "GitLab: the apply job publishes")
g_log = sh(["git", "--git-dir", g_origin, "log", "-1", "--format=%s", "main"]).stdout.strip()
g_files = sh(["git", "--git-dir", g_origin, "show", "--name-only", "--format=", "main"]).stdout.split()
expect(g_log.endswith("[skip ci]") and g_files == ["content/.pylon-kb/state.json"],
       "GitLab: the state file is committed back alone, with [skip ci]")
g_head = sh(["git", "--git-dir", g_origin, "rev-parse", "main"]).stdout.strip()
expect(run_gitlab_job("apply", "push", "main", sha) == 0
       and sh(["git", "--git-dir", g_origin, "rev-parse", "main"]).stdout.strip() == g_head,
       "GitLab: a second apply (started from the older commit) changes and commits nothing")
server.shutdown()


emulator.terminate()
emulator.wait()
if failures:
    print(f"\n{len(failures)} check(s) failed; the runs are in {tmp}.")
    sys.exit(1)
shutil.rmtree(tmp)
print("\nThe workflow's steps ran locally in sequence against the emulator: all checks passed.")
PYTHON
