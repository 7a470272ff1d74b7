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
from pathlib import Path

import pytest
import yaml

from tests.conftest import DEMO_DATA, ROOT

CI = ROOT / "site_config" / "ci"
SCHOOLS = sorted(p.name for p in (DEMO_DATA / "schools").iterdir() if p.is_dir())
FLAGS = {"build": ["--shard", "--district"], "check": ["--strict"]}


def _missing_flags() -> list[str]:
    from generator.cli import _parser

    helps = {cmd: _parser()._subparsers._group_actions[0].choices[cmd].format_help() for cmd in FLAGS}
    return [f"{cmd} {flag}" for cmd, flags in FLAGS.items() for flag in flags if flag not in helps[cmd]]


MISSING = _missing_flags()
needs_flags = pytest.mark.xfail(bool(MISSING), strict=False,
                                reason="not on main yet: nastavnik " + ", ".join(MISSING) + " (issues 8 and 9)")


def _repository(folder: Path) -> Path:
    """A fresh checkout of a district repository holding the demo data."""
    folder.mkdir(parents=True)
    shutil.copytree(DEMO_DATA, folder / "data")
    shutil.copytree(ROOT / "content", folder / "content")
    return folder


def _shell(script: str, cwd: Path, env: dict[str, str]) -> None:
    lines = [line for line in script.splitlines() if not line.strip().startswith("pip install")]
    base = {"PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin", "HOME": str(cwd),
            "NASTAVNIK_KEY": "tests-only-key-not-a-secret", "LANG": "C.UTF-8"}
    result = subprocess.run(["bash", "-e", "-o", "pipefail", "-c", "\n".join(lines)], cwd=cwd,
                            env={**base, **env}, capture_output=True, text=True)
    assert result.returncode == 0, f"{script}\n{result.stdout}\n{result.stderr}"


def _copy(source: Path, target: Path) -> None:
    if source.is_dir():
        shutil.copytree(source, target, dirs_exist_ok=True)
    elif source.is_file():
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)


# --- GitHub Actions -----------------------------------------------------------------

def _github_if(expression: str | None, main: bool) -> bool:
    known = {None: True, "github.ref == 'refs/heads/main'": main, "env.DEPLOY_HOST != ''": False}
    assert expression in known, f"the emulator does not know the condition {expression!r}"
    return known[expression]


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


def run_github(tmp_path: Path, main: bool) -> tuple[list[str], dict[str, Path]]:
    flow = yaml.safe_load((CI / "github-actions.yml").read_text("utf-8"))
    store, ran, workspaces = tmp_path / "artifacts", [], {}
    for name in _github_order(flow["jobs"]):
        job = flow["jobs"][name]
        if not _github_if(job.get("if"), main):
            continue
        matrix = job.get("strategy", {}).get("matrix", {"": [""]})
        (key, values), = matrix.items()
        for value in values:
            workspace = _repository(tmp_path / f"{name}{value}")
            context = {f"env.{k}": str(v) for k, v in flow.get("env", {}).items()}
            context[f"matrix.{key}"] = str(value)
            env = {k: _github_expand(str(v), context) for k, v in flow.get("env", {}).items()}
            env.update(GITHUB_WORKSPACE=str(workspace), GITHUB_STEP_SUMMARY=str(workspace / "summary.md"))
            for step in job["steps"]:
                if not _github_if(step.get("if"), main):
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
                    _shell(_github_expand(step["run"], context), workspace, env)
            ran.append(f"{name}{value}")
            workspaces[name] = workspace
    return ran, workspaces


# --- GitLab CI ----------------------------------------------------------------------

def _gitlab_rule(rule: str, variables: dict[str, str]) -> bool:
    sides = [s.strip() for s in rule.split("==")]
    assert len(sides) == 2, f"the emulator does not know the rule {rule!r}"
    values = [variables.get(s[1:], "") if s.startswith("$") else s.strip('"') for s in sides]
    return values[0] == values[1]


def run_gitlab(tmp_path: Path, main: bool) -> tuple[list[str], dict[str, Path]]:
    flow = yaml.safe_load((CI / "gitlab-ci.yml").read_text("utf-8"))
    variables = {"CI_DEFAULT_BRANCH": "main", "CI_COMMIT_BRANCH": "main" if main else "",
                 "CI_PIPELINE_SOURCE": "push" if main else "merge_request_event"}
    jobs = {k: v for k, v in flow.items() if k not in ("default", "variables", "stages") and not k.startswith(".")}
    ran, workspaces, artifacts = [], {}, {}
    for stage in flow["stages"]:
        for name, job in jobs.items():
            rules = job.get("rules", [])
            if job["stage"] != stage or (rules and not any(_gitlab_rule(r["if"], variables) for r in rules)):
                continue
            total = job.get("parallel", 1)
            for index in range(1, total + 1):
                workspace = _repository(tmp_path / f"{name}{index}")
                sources = job.get("needs") or [j for j in artifacts]
                for source in sources:
                    for folder, paths in artifacts.get(source, []):
                        for path in paths:
                            _copy(folder / path, workspace / path)
                env = {**variables, **{k: str(v) for k, v in flow.get("variables", {}).items()},
                       "CI_PROJECT_DIR": str(workspace), "CI_NODE_INDEX": str(index), "CI_NODE_TOTAL": str(total)}
                env = {k: v.replace("$CI_PROJECT_DIR", str(workspace)) for k, v in env.items()}
                script = flow["default"]["before_script"] + job["script"]
                _shell("\n".join(script), workspace, env)
                artifacts.setdefault(name, []).append((workspace, job.get("artifacts", {}).get("paths", [])))
                ran.append(f"{name}{index if total > 1 else ''}")
                workspaces[name] = workspace
    return ran, workspaces


# --- the tests ----------------------------------------------------------------------

def test_examples_are_the_files_init_writes(tmp_path):
    from generator.init import district_files

    files = {f.path.relative_to(tmp_path).as_posix(): f.content for f in district_files(tmp_path, "Район")}
    assert files[".github/workflows/nastavnik.yml"] == (CI / "github-actions.yml").read_bytes()
    assert files[".gitlab-ci.yml"] == (CI / "gitlab-ci.yml").read_bytes()


def test_a_merge_request_only_checks(tmp_path, monkeypatch):
    monkeypatch.setattr(sys.modules[__name__], "_shell", lambda *args: None)
    assert run_github(tmp_path / "gh", main=False)[0] == ["check"]
    assert run_gitlab(tmp_path / "gl", main=False)[0] == ["check"]


def _assert_published(site: Path) -> None:
    assert (site / "index.html").is_file()
    for school in SCHOOLS:
        assert (site / "schools" / school / "index.html").is_file(), school


@needs_flags
def test_github_actions_example_runs_on_the_demo(tmp_path):
    ran, workspaces = run_github(tmp_path, main=True)
    assert ran == ["check", "schools1", "schools2", "schools3", "schools4", "district", "publish"]
    check = workspaces["check"]
    assert json.loads((check / "compliance.json").read_text("utf-8"))
    assert "```" in (check / "summary.md").read_text("utf-8")
    _assert_published(workspaces["publish"] / "site")
    zips = sorted(p.stem for p in (workspaces["publish"] / "parts").glob("schools-*/zips/*.zip"))
    assert zips == SCHOOLS  # one archive per school, each in exactly one part


@needs_flags
def test_gitlab_ci_example_runs_on_the_demo(tmp_path):
    ran, workspaces = run_gitlab(tmp_path, main=True)
    assert ran == ["check", "schools1", "schools2", "schools3", "schools4", "district", "pages"]
    assert json.loads((workspaces["check"] / "compliance.json").read_text("utf-8"))
    _assert_published(workspaces["pages"] / "public")
    assert sorted(p.stem for p in (workspaces["pages"] / "zips").glob("*.zip")) == SCHOOLS
    assert not os.path.exists(workspaces["pages"] / "site")
