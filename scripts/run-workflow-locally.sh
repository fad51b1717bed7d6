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
#      note fails the job, apply on main commits the state file back, a rerun commits nothing;
#   6. the scheduled pull of docs/ci/github-pull-workflow.yml (and gitlab-ci.yml's `pull`): an
#      edit made in Pylon is written into its file, the next plan says "No changes", the branch
#      pylon-kb/pull is pushed and ONE pull request (merge request) opened, then updated; once
#      merged, apply changes and commits nothing; a stale one is closed; a conflict is listed in
#      the description and nothing is written for it.
#
#   scripts/run-workflow-locally.sh            (uses the debug build; PYLON_KB_BIN=… for another)
#
# What stands in for GitHub: `actions/checkout` is a git clone of a local bare repository;
# this repository's action (`OWNER/pylon-kb@…`) runs the scripts of action.yml in order,
# except that `actions/cache` is skipped and its release build is replaced by the already
# built binary (the packages it checks for are installed by .ci/run);
# `actions/github-script` runs the workflow's script with Node and a small fake of the
# GitHub API that keeps the pull request's comments in a file; `gh` (the pull workflow's) is a
# fake on PATH that records its calls; `${{ … }}` expressions are evaluated for the few
# contexts the workflow uses (anything else stops the script).
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
pull_workflow = __import__("yaml").safe_load(open(os.path.join(repo, "docs/ci/github-pull-workflow.yml")))
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

current = {}

def run_job(name, event, ref, pr=None, extra_env=None, sha=None, after=None, wf=None):
    """Runs a job of `wf` (default: github-workflow.yml) as GitHub would for an event on `ref`
    at commit `sha` (default: the branch head); `after` maps a step's label to a function
    called once that step has run (current["workspace"] is the job's workspace)."""
    wf = wf or workflow
    job = wf["jobs"][name]
    print(f"\n== job {name} ({event}, {ref})")
    values = {"github": {"event_name": event, "ref": ref, "ref_name": ref.split("/")[-1],
                         "server_url": "https://github.example",
                         "repository": "acme/help-center", "run_id": "1", "token": "fake-github-token",
                         "event": {"pull_request": {"number": pr}}},
              "secrets": {"PYLON_API_TOKEN": TOKEN}, "steps": {}}
    ctx = {"values": values, "failed": False}
    outcomes = {}
    if not evaluate(job["if"], ctx):
        print("  (skipped by its if:)")
        return None
    workspace = os.path.join(tmp, f"run-{name}-{len(os.listdir(tmp))}")
    current["workspace"] = workspace
    runner_temp = workspace + "-temp"
    os.makedirs(runner_temp)
    path_prefix = []
    base_env = dict(os.environ, PYLON_API_URL=api, GITHUB_WORKSPACE=workspace,
                    GITHUB_BASE_REF="main" if event == "pull_request" else "",
                    GITHUB_REF_NAME=ref.split("/")[-1], GITHUB_EVENT_NAME=event, RUNNER_TEMP=runner_temp,
                    **(extra_env or {}))
    base_env.pop("PYLON_API_TOKEN", None)
    base_env.update({k: substitute(v, ctx) for k, v in wf.get("env", {}).items()})
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

# 6. The scheduled pull (docs/ci/github-pull-workflow.yml) brings the edit made in Pylon in 3
#    back as ONE pull request from pylon-kb/pull. `gh` is a fake on PATH: it records each call
#    and keeps the number of the open pull request, as GitHub would.
print("\n==== The scheduled pull (GitHub)")
fake_gh = os.path.join(tmp, "fake-gh")
os.makedirs(os.path.join(fake_gh, "bin"))
with open(os.path.join(fake_gh, "bin", "gh"), "w") as f:
    f.write(r"""#!/usr/bin/env python3
# Records the call (a JSON array a line) and the --body-file's text; `open` holds the number of
# the open pull request from pylon-kb/pull.
import json, os, shutil, sys
args, state = sys.argv[1:], os.environ["FAKE_GH"]
if not os.environ.get("GH_TOKEN"):
    sys.exit("gh: GH_TOKEN is not set")
with open(os.path.join(state, "calls"), "a") as calls:
    calls.write(json.dumps(args) + "\n")
if "--body-file" in args:
    shutil.copy(args[args.index("--body-file") + 1], os.path.join(state, "body.md"))
opened = os.path.join(state, "open")
if args[:2] == ["pr", "list"] and os.path.exists(opened):
    print(open(opened).read().strip())
elif args[:2] == ["pr", "create"]:
    open(opened, "w").write("7")
    print("https://github.example/acme/help-center/pull/7")
elif args[:2] == ["pr", "close"] and os.path.exists(opened):
    os.remove(opened)
""")
os.chmod(os.path.join(fake_gh, "bin", "gh"), 0o755)
gh_env = {"PATH": os.path.join(fake_gh, "bin") + ":" + os.environ["PATH"], "FAKE_GH": fake_gh}

def gh_calls():
    """The calls since the last look."""
    path = os.path.join(fake_gh, "calls")
    calls = [json.loads(line) for line in open(path)] if os.path.exists(path) else []
    open(path, "w").close()
    return calls

def flag(call, name):
    return call[call.index(name) + 1] if name in call else None

def run_pull(after=None):
    return run_job("pull", "schedule", "refs/heads/main", wf=pull_workflow, extra_env=gh_env, after=after)

def branch_files():
    return sh(["git", "--git-dir", origin, "diff", "--name-only", "main", "pylon-kb/pull"]).stdout.split()

expect(run_job("pull", "workflow_dispatch", "refs/heads/reword", wf=pull_workflow, extra_env=gh_env) is None,
       "pull: a run on a branch other than main is skipped")
seen = {}
def look_after_pull():
    workspace = current["workspace"]
    seen["status"] = sh(["git", "status", "--porcelain"], cwd=workspace).stdout
    seen["plan"] = sh([binary, "plan", "content"], cwd=workspace, check=False,
                      env=dict(os.environ, PYLON_API_URL=api, PYLON_API_TOKEN=TOKEN)).stdout
job = run_pull(after={"Pull": look_after_pull})
expect(job and not job["failed"], "pull: the job passes")
expect(" M content/getting-started/welcome.md" in seen["status"] and "write-an-article" not in seen["status"],
       "pull: after the Pull step, git status shows the file edited in Pylon changed (and only it)")
expect("No changes" in seen["plan"], "pull: a plan right after the pull says \"No changes\"")
calls = gh_calls()
creates = [c for c in calls if c[:2] == ["pr", "create"]]
expect(len(creates) == 1 and flag(creates[0], "--head") == "pylon-kb/pull" and flag(creates[0], "--base") == "main",
       "pull: gh pr create is called once, from pylon-kb/pull into main")
body = open(os.path.join(fake_gh, "body.md")).read()
expect("getting-started/welcome.md" in body and "Pulled 1 file." in body and "not** in this" not in body,
       "pull: the pull request's description holds pull's output")
expect(branch_files() == ["content/.pylon-kb/state.json", "content/getting-started/welcome.md"]
       and sh(["git", "--git-dir", origin, "rev-parse", "pylon-kb/pull^"]).stdout.strip() == origin_head(),
       "pull: pylon-kb/pull is main plus one commit with the pulled file and the state file")
pull_head = sh(["git", "--git-dir", origin, "rev-parse", "pylon-kb/pull"]).stdout.strip()
job = run_pull()
calls = gh_calls()
expect(job and not job["failed"] and [c[:2] for c in calls] == [["pr", "list"], ["pr", "edit"]]
       and calls[1][2] == "7", "pull: the next run updates the same pull request (gh pr edit 7)")
expect(sh(["git", "--git-dir", origin, "rev-parse", "pylon-kb/pull"]).stdout.strip() == pull_head,
       "pull: a branch that already holds the edits is not pushed again")

# The merge: main now has what Pylon has, and the state file agrees.
sh(["git", "--git-dir", origin, "update-ref", "refs/heads/main", "refs/heads/pylon-kb/pull"])
merged = origin_head()
job = run_job("apply", "push", "refs/heads/main")
welcome_html = [a for a in articles() if a.get("slug") == "welcome"][0]["current_published_content_html"]
expect(job and not job["failed"] and origin_head() == merged and "Fixed a typo in Pylon" in welcome_html,
       "pull: once merged, the apply job passes, changes nothing in Pylon and commits nothing")
# GitHub would list the merged pull request as merged; the fake still lists it open, as when its
# edits reached main another way. Nothing is left to pull, so it is closed.
job = run_pull()
calls = gh_calls()
expect(job and not job["failed"] and any(c[:3] == ["pr", "close", "7"] and "--delete-branch" in c for c in calls)
       and not any(c[:2] in (["pr", "create"], ["pr", "edit"]) for c in calls),
       "pull: with nothing left to pull, the open pull request is closed")

# A conflict: an article changed in git and in Pylon since the last apply, another only in Pylon.
sh(["git", "checkout", "-q", "main"], cwd=author)
sh(["git", "pull", "-q", "origin", "main"], cwd=author)
open(guide, "a").write("\nChanged in git.\n")
commit_and_push("Guide changed in git", "main")
state = json.load(open(os.path.join(author, "content/.pylon-kb/state.json")))
for path, html in (("getting-started/write-an-article.md", "<p>Changed in Pylon.</p>"),
                   ("getting-started/welcome.md", "<p>Fixed another typo in Pylon.</p>")):
    pylon("PATCH", f"/knowledge-bases/{KB}/articles/{state['articles'][path]['id']}",
          {"body_html": html, "publish_updated_body_html": True})
# main moves while pull runs (a merge, an apply's state commit): the run leaves it to the next.
def move_main():
    open(os.path.join(author, "NOTES.md"), "w").write("Meanwhile.\n")
    commit_and_push("Meanwhile", "main")
job = run_pull(after={"Pull": move_main})
expect(job and not job["failed"] and [c[:2] for c in gh_calls()] == [["pr", "list"]]
       and sh(["git", "--git-dir", origin, "rev-parse", "pylon-kb/pull"]).stdout.strip() == pull_head,
       "pull: when main moves during the run, nothing is pushed or opened (the next run pulls)")
job = run_pull()
calls = gh_calls()
body = open(os.path.join(fake_gh, "body.md")).read()
expect(job and not job["failed"] and [c[:2] for c in calls] == [["pr", "list"], ["pr", "create"]]
       and branch_files() == ["content/.pylon-kb/state.json", "content/getting-started/welcome.md"],
       "pull: with a conflict, the other edit is still pulled and a new pull request opened")
expect("Changed in git and in Pylon" in body and "write-an-article.md" in body and "not** in this" in body,
       "pull: the conflict is listed in the description, and nothing is written for it")

# ---------------------------------------------------------------------------------------
# GitLab: docs/ci/gitlab-ci.yml's jobs, their script lines run as GitLab's runner runs them
# (one bash, -eo pipefail, each line echoed first). Stand-ins: the `.pylon-kb` build lines
# (apt-get, fetching and building pylon-kb) are replaced by the built binary on PATH; the
# GitLab API is a small fake that keeps the merge request's notes, and the merge requests of
# the scheduled pull; pushes to the project's https URL go to a local bare repository (git's
# insteadOf).
import http.server, shlex, threading
print("\n==== GitLab CI")
gitlab_ci = __import__("yaml").safe_load(open(os.path.join(repo, "docs/ci/gitlab-ci.yml")))
GITLAB_TOKEN = "glpat-test"
notes = [{"id": 1, "body": "Please check the wording. (<!-- pylon-kb-plan --> is the bot's marker.)",
          "author": {"id": 7, "username": "maria"}}]
BOT = {"id": 42, "username": "project_1_bot"}
merge_requests = []
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
        if urlparse(self.path).path.endswith("/merge_requests"):
            query = {k: v[0] for k, v in parse_qs(urlparse(self.path).query).items()}
            self.answer(200, [m for m in merge_requests if all(m.get(k) == v for k, v in query.items())])
            return
        query = parse_qs(urlparse(self.path).query)
        per_page, page = int(query["per_page"][0]), int(query.get("page", ["1"])[0])
        self.answer(200, notes[(page - 1) * per_page: page * per_page])
    def body(self):
        return json.loads(self.rfile.read(int(self.headers["Content-Length"])))["body"]
    def fields(self):
        """A request's fields, sent as JSON or as a form."""
        from urllib.parse import parse_qs
        data = self.rfile.read(int(self.headers["Content-Length"])).decode()
        if self.headers.get("Content-Type", "").startswith("application/json"):
            return json.loads(data)
        return {k: v[0] for k, v in parse_qs(data).items()}
    def do_POST(self):
        if not self.allowed():
            return
        if self.path.endswith("/merge_requests"):
            merge_request = dict(self.fields(), iid=len(merge_requests) + 1, state="opened")
            merge_requests.append(merge_request)
            self.answer(201, merge_request)
            return
        note = {"id": len(notes) + 1, "body": self.body(), "author": BOT}
        notes.append(note)
        self.answer(201, note)
    def do_PUT(self):
        if not self.allowed():
            return
        found = re.search(r"/merge_requests/(\d+)$", self.path)
        if found:
            merge_request = next(m for m in merge_requests if m["iid"] == int(found.group(1)))
            fields = self.fields()
            if fields.pop("state_event", None) == "close":
                merge_request["state"] = "closed"
            if "description" in fields:
                merge_request["updated"] = merge_request.get("updated", 0) + 1
            merge_request.update(fields)
            self.answer(200, merge_request)
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
    variables = dict(gitlab_ci.get("variables", {}), **job.get("variables", {}), CI_PIPELINE_SOURCE=source,
                     CI_DEFAULT_BRANCH="main",
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
# 6. GitLab's scheduled `pull`: ONE merge request from pylon-kb/pull, opened, updated, closed
#    when stale; a conflict listed in its description.
print("\n==== The scheduled pull (GitLab)")
def g_branch_files():
    return sh(["git", "--git-dir", g_origin, "diff", "--name-only", "main", "pylon-kb/pull"]).stdout.split()
def g_rev(name):
    return sh(["git", "--git-dir", g_origin, "rev-parse", name]).stdout.strip()
g_state = json.loads(sh(["git", "--git-dir", g_origin, "show", "main:content/.pylon-kb/state.json"]).stdout)
def g_edit_in_pylon(path, html):
    pylon("PATCH", f"/knowledge-bases/{KB_GITLAB}/articles/{g_state['articles'][path]['id']}",
          {"body_html": html, "publish_updated_body_html": True})
g_edit_in_pylon("getting-started/welcome.md", "<p>Edited in Pylon.</p>")
expect(run_gitlab_job("pull", "push", "main", g_rev("main")) is None, "GitLab: a push pipeline does not pull")
expect(run_gitlab_job("pull", "schedule", "main", g_rev("main")) == 0 and len(merge_requests) == 1
       and merge_requests[0]["source_branch"] == "pylon-kb/pull" and merge_requests[0]["target_branch"] == "main"
       and "getting-started/welcome.md" in merge_requests[0]["description"],
       "GitLab: the scheduled pull opens ONE merge request from pylon-kb/pull, with pull's output")
expect(g_branch_files() == ["content/.pylon-kb/state.json", "content/getting-started/welcome.md"]
       and g_rev("pylon-kb/pull^") == g_rev("main"),
       "GitLab: pylon-kb/pull is main plus one commit with the pulled file and the state file")
g_check = os.path.join(tmp, "gitlab-pull-branch")
sh(["git", "clone", "-q", "--branch", "pylon-kb/pull", g_origin, g_check])
g_plan = sh([binary, "plan", "content"], cwd=g_check, env=dict(os.environ, PYLON_API_URL=api, PYLON_API_TOKEN=TOKEN))
expect("No changes" in g_plan.stdout, "GitLab: a plan of pylon-kb/pull says \"No changes\"")
g_pull_head = g_rev("pylon-kb/pull")
expect(run_gitlab_job("pull", "schedule", "main", g_rev("main")) == 0 and len(merge_requests) == 1
       and merge_requests[0].get("updated") == 1 and g_rev("pylon-kb/pull") == g_pull_head,
       "GitLab: the next run updates the same merge request and does not push the unchanged branch")
sh(["git", "--git-dir", g_origin, "update-ref", "refs/heads/main", "refs/heads/pylon-kb/pull"])
g_merged = g_rev("main")
expect(run_gitlab_job("apply", "push", "main", g_merged) == 0 and g_rev("main") == g_merged,
       "GitLab: once merged, the apply job changes and commits nothing")
# The fake still lists the merge request as open (as when its edits reached main another way).
expect(run_gitlab_job("pull", "schedule", "main", g_merged) == 0 and merge_requests[0]["state"] == "closed"
       and len(merge_requests) == 1, "GitLab: with nothing left to pull, the open merge request is closed")
sh(["git", "pull", "-q", "origin", "main"], cwd=g_author)
open(os.path.join(g_author, "content/getting-started/write-an-article.md"), "a").write("\nChanged in git.\n")
g_push("Guide changed in git", "main")
g_edit_in_pylon("getting-started/write-an-article.md", "<p>Changed in Pylon.</p>")
g_edit_in_pylon("getting-started/welcome.md", "<p>Edited in Pylon again.</p>")
expect(run_gitlab_job("pull", "schedule", "main", g_rev("main")) == 0 and len(merge_requests) == 2
       and "Changed in git and in Pylon" in merge_requests[1]["description"]
       and "not** in this" in merge_requests[1]["description"]
       and g_branch_files() == ["content/.pylon-kb/state.json", "content/getting-started/welcome.md"],
       "GitLab: a conflict is listed in the new merge request's description, and nothing is written for it")
server.shutdown()


emulator.terminate()
emulator.wait()
if failures:
    print(f"\n{len(failures)} check(s) failed; the runs are in {tmp}.")
    sys.exit(1)
shutil.rmtree(tmp)
print("\nThe workflow's steps ran locally in sequence against the emulator: all checks passed.")
PYTHON
