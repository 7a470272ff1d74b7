"""The CI examples a district copies (site_config/ci/) run as written, on the demo district.

A small emulator reads each file and runs its jobs in their order, each in a fresh copy of the
repository, with the same shell lines, matrix/parallel values and artifacts passed between jobs
as the CI would. Only what needs the CI's servers is left out: installing nastavnik (the tests
already have it), uploading to Pages and rsync (skipped in the file itself without secrets).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml

from tests.conftest import DEMO_DATA, ROOT

CI = ROOT / "site_config" / "ci"
SCHOOLS = sorted(p.name for p in (DEMO_DATA / "schools").iterdir() if p.is_dir())


def _repository(folder: Path) -> Path:
    """A fresh checkout of a district repository holding the demo data."""
    folder.mkdir(parents=True)
    shutil.copytree(DEMO_DATA, folder / "data")
    shutil.copytree(ROOT / "content", folder / "content")
    return folder


def _shell(script: str, cwd: Path, env: dict[str, str]) -> tuple[int, str]:
    """Run a step's lines as the CI's shell does (stop at the first failing line); code and output."""
    lines = [line for line in script.splitlines() if not line.strip().startswith("pip install")]
    base = {"PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin", "HOME": str(cwd),
            "NASTAVNIK_KEY": "tests-only-key-not-a-secret", "LANG": "C.UTF-8"}
    result = subprocess.run(["bash", "-e", "-o", "pipefail", "-c", "\n".join(lines)], cwd=cwd,
                            env={**base, **env}, capture_output=True, text=True)
    output = f"$ {script}\n{result.stdout}{result.stderr}"
    assert "Traceback" not in output, output
    return result.returncode, output


@dataclass
class Run:
    """What a pipeline did: the jobs in the order they ran, how each ended, what each printed."""

    ran: list[str] = field(default_factory=list)
    result: dict[str, str] = field(default_factory=dict)
    output: dict[str, str] = field(default_factory=dict)
    workspace: dict[str, Path] = field(default_factory=dict)

    def record(self, name: str, failed: bool, output: str, workspace: Path) -> None:
        self.ran.append(name)
        self.result[name] = "failure" if failed else "success"
        self.output[name] = output
        self.workspace[name] = workspace


def _copy(source: Path, target: Path) -> None:
    if source.is_dir():
        shutil.copytree(source, target, dirs_exist_ok=True)
    elif source.is_file():
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)


# --- GitHub Actions -----------------------------------------------------------------

def _github_if(expression: str | None, main: bool, failed: bool) -> bool:
    """A job's or step's `if:`; without always() it holds only while nothing has failed (success())."""
    known = {None: True, "always()": True, "github.ref == 'refs/heads/main'": main,
             "github.event_name == 'pull_request'": not main, "github.event_name != 'pull_request'": main,
             "env.DEPLOY_HOST != ''": False}
    assert expression in known, f"the emulator does not know the condition {expression!r}"
    return known[expression] and (expression == "always()" or not failed)


def _github_expand(text: str, context: dict[str, str]) -> str:
    def value(match: re.Match) -> str:
        name = match.group(1).strip()
        if name.startswith("secrets.") or name.startswith("steps."):
            return context.get(name, "")
        assert name in context, f"the emulator does not know ${{{{ {name} }}}}"
        return context[name]
    return re.sub(r"\$\{\{(.*?)\}\}", value, text)


def _github_order(jobs: dict) -> list[str]:
    done: list[str] = []
    while len(done) < len(jobs):
        for name, job in jobs.items():
            needs = job.get("needs", [])
            needs = [needs] if isinstance(needs, str) else needs
            if name not in done and all(n in done for n in needs):
                done.append(name)
    return done


def _github_upload(workspace: Path, store: Path, spec: dict) -> None:
    paths = [p.strip() for p in str(spec["path"]).splitlines() if p.strip()]
    target = store / spec["name"]
    if len(paths) == 1 and "*" not in paths[0] and (workspace / paths[0]).is_dir():
        _copy(workspace / paths[0], target)  # one folder: its contents are the artifact
        return
    for pattern in paths:
        for match in sorted(workspace.glob(pattern.rstrip("/"))):
            _copy(match, target / match.relative_to(workspace))


def _github_download(workspace: Path, store: Path, spec: dict) -> None:
    if "name" in spec:
        _copy(store / spec["name"], workspace / spec.get("path", "."))
    else:
        for artifact in sorted(store.glob(spec["pattern"])):
            _copy(artifact, workspace / spec.get("path", ".") / artifact.name)


def _github_job(job: dict, flow: dict, workspace: Path, store: Path, context: dict, main: bool) -> tuple[bool, str]:
    env = {k: _github_expand(str(v), context) for k, v in flow.get("env", {}).items()}
    env.update(GITHUB_WORKSPACE=str(workspace), GITHUB_STEP_SUMMARY=str(workspace / "summary.md"))
    failed, output = False, ""
    for step in job["steps"]:
        if not _github_if(step.get("if"), main, failed):
            continue
        action = step.get("uses", "").split("@")[0]
        spec = {k: _github_expand(str(v), context) for k, v in step.get("with", {}).items()}
        if action == "actions/upload-artifact":
            _github_upload(workspace, store, spec)
        elif action == "actions/download-artifact":
            _github_download(workspace, store, spec)
        elif action == "actions/upload-pages-artifact":
            assert (workspace / spec["path"] / "index.html").is_file()
        elif "run" in step:
            code, printed = _shell(_github_expand(step["run"], context), workspace, env)
            failed, output = failed or code != 0, output + printed
    return failed, output


def run_github(tmp_path: Path, main: bool) -> Run:
    flow = yaml.safe_load((CI / "github-actions.yml").read_text("utf-8"))
    store, run = tmp_path / "artifacts", Run()
    for name in _github_order(flow["jobs"]):
        job = flow["jobs"][name]
        needs = job.get("needs", [])
        needs_failed = any(run.result.get(n) != "success" for n in ([needs] if isinstance(needs, str) else needs))
        if not _github_if(job.get("if"), main, needs_failed):
            continue
        (key, values), = job.get("strategy", {}).get("matrix", {"": [""]}).items()
        for value in values:
            workspace = _repository(tmp_path / f"{name}{value}")
            context = {f"env.{k}": str(v) for k, v in flow.get("env", {}).items()}
            context[f"matrix.{key}"] = str(value)
            failed, output = _github_job(job, flow, workspace, store, context, main)
            run.record(f"{name}{value}", failed, output, workspace)
        run.result[name] = "failure" if any(run.result[f"{name}{v}"] == "failure" for v in values) else "success"
    return run


# --- GitLab CI ----------------------------------------------------------------------

def _gitlab_rule(rule: str, variables: dict[str, str]) -> bool:
    sides = [side.strip() for side in rule.split("==")]
    assert len(sides) == 2, f"the emulator does not know the rule {rule!r}"
    values = [variables.get(side[1:], "") if side.startswith("$") else side.strip('"') for side in sides]
    return values[0] == values[1]


def _gitlab_applies(job: dict, variables: dict[str, str]) -> dict[str, str] | None:
    """The variables of the first rule that holds (GitLab's rules:), or None when the job does not run."""
    for rule in job.get("rules", [{"if": "$CI_DEFAULT_BRANCH == $CI_DEFAULT_BRANCH"}]):
        if _gitlab_rule(rule["if"], variables):
            return {k: str(v) for k, v in rule.get("variables", {}).items()}
    return None


def run_gitlab(tmp_path: Path, main: bool) -> Run:
    flow = yaml.safe_load((CI / "gitlab-ci.yml").read_text("utf-8"))
    variables = {"CI_DEFAULT_BRANCH": "main", "CI_COMMIT_BRANCH": "main" if main else "",
                 "CI_PIPELINE_SOURCE": "push" if main else "merge_request_event"}
    jobs = {k: v for k, v in flow.items() if k not in ("default", "variables", "stages") and not k.startswith(".")}
    run, artifacts = Run(), {}
    for stage in flow["stages"]:
        if "failure" in run.result.values():
            break  # a failed stage stops the pipeline (when: on_success)
        for name, job in jobs.items():
            extra = _gitlab_applies(job, variables)
            if job["stage"] != stage or extra is None:
                continue
            total = job.get("parallel", 1)
            for index in range(1, total + 1):
                workspace = _repository(tmp_path / f"{name}{index}")
                for source in job.get("needs") or list(artifacts):
                    for folder, paths in artifacts.get(source, []):
                        for path in paths:
                            _copy(folder / path, workspace / path)
                env = {**variables, **{k: str(v) for k, v in flow.get("variables", {}).items()}, **extra,
                       "CI_NODE_INDEX": str(index), "CI_NODE_TOTAL": str(total)}
                env = {k: v.replace("$CI_PROJECT_DIR", str(workspace)) for k, v in env.items()}
                env["CI_PROJECT_DIR"] = str(workspace)
                code, output = _shell("\n".join(flow["default"]["before_script"] + job["script"]), workspace, env)
                artifacts.setdefault(name, []).append((workspace, job.get("artifacts", {}).get("paths", [])))
                run.record(f"{name}{index if total > 1 else ''}", code != 0, output, workspace)
            if total > 1:
                run.result[name] = "failure" if any(
                    run.result[f"{name}{i}"] == "failure" for i in range(1, total + 1)) else "success"
    return run


# --- the tests ----------------------------------------------------------------------

def test_examples_are_the_files_init_writes(tmp_path):
    from generator.init import district_files

    files = {f.path.relative_to(tmp_path).as_posix(): f.content for f in district_files(tmp_path, "Район")}
    assert files[".github/workflows/nastavnik.yml"] == (CI / "github-actions.yml").read_bytes()
    assert files[".gitlab-ci.yml"] == (CI / "gitlab-ci.yml").read_bytes()


def test_a_merge_request_only_checks(tmp_path, monkeypatch):
    monkeypatch.setattr(sys.modules[__name__], "_shell", lambda *args: (0, ""))
    assert run_github(tmp_path / "gh", main=False).ran == ["check"]
    assert run_gitlab(tmp_path / "gl", main=False).ran == ["check"]


def _demo_warnings() -> list[str]:
    import datetime as dt

    from generator.pipeline import check

    return [w.message for w in check(DEMO_DATA, today=dt.date.today()).warnings]  # as the CI checks: today


@pytest.mark.parametrize("system", ["github", "gitlab"])
def test_merge_request_is_checked_strictly_and_reported(tmp_path, system):
    """--strict fails on every warning; the compliance report is written all the same."""
    run = (run_github if system == "github" else run_gitlab)(tmp_path, main=False)
    warnings = _demo_warnings()
    assert run.result == {"check": "failure" if warnings else "success"}, run.output["check"]
    for message in warnings:
        assert message in run.output["check"]
    workspace = run.workspace["check"]
    assert json.loads((workspace / "compliance.json").read_text("utf-8"))["schools"]
    if system == "github":
        assert "По району:" in (workspace / "summary.md").read_text("utf-8")


def _assert_published(site: Path) -> None:
    assert (site / "index.html").is_file()
    for school in SCHOOLS:
        assert (site / "schools" / school / "index.html").is_file(), school


def test_github_actions_example_runs_on_the_demo(tmp_path):
    run = run_github(tmp_path, main=True)
    assert run.ran == ["check", "schools1", "schools2", "schools3", "schools4", "district", "publish"]
    assert set(run.result.values()) == {"success"}, run.output
    assert json.loads((run.workspace["check"] / "compliance.json").read_text("utf-8"))
    publish = run.workspace["publish"]
    _assert_published(publish / "site")
    zips = sorted(p.stem for p in (publish / "parts").glob("schools-*/zips/*.zip"))
    assert zips == SCHOOLS  # one archive per school, each in exactly one part


def test_gitlab_ci_example_runs_on_the_demo(tmp_path):
    run = run_gitlab(tmp_path, main=True)
    assert run.ran == ["check", "schools1", "schools2", "schools3", "schools4", "district", "pages"]
    assert set(run.result.values()) == {"success"}, run.output
    assert json.loads((run.workspace["check"] / "compliance.json").read_text("utf-8"))
    pages = run.workspace["pages"]
    _assert_published(pages / "public")
    assert sorted(p.stem for p in (pages / "zips").glob("*.zip")) == SCHOOLS
    assert not os.path.exists(pages / "site")
