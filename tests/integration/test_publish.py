"""Publishing: the GitHub Pages workflow, checked offline, and `mkdocs gh-deploy` to a local remote."""

from __future__ import annotations

import copy
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
import yaml

from ..conftest import ROOT

if TYPE_CHECKING:
    from collections.abc import Callable

WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"
BIN = Path(sys.executable).parent  # the venv's scripts: check-jsonschema, mkdocs
# Any attempt to reach the network goes to a closed local port and fails loudly, instead of
# quietly downloading a schema: the schemas used here ship inside check-jsonschema.
OFFLINE = {
    "HTTP_PROXY": "http://127.0.0.1:9",
    "HTTPS_PROXY": "http://127.0.0.1:9",
    "ALL_PROXY": "http://127.0.0.1:9",
    "NO_PROXY": "",
}

DOMAIN = "news.example.org"  # fictional custom domain (example.org is reserved for examples)
SEED = "briefings/kushner-and-netanyahu-discuss-second-phase-of-gaza-truce-amid-ongoing-tensions/index.html"
ALKYRA_YML = "briefings/2025-11-09-alkyra-vent-field-survey.yml"
ALKYRA = "briefings/alkyra-vent-field-survey/index.html"
FEEDS = [
    f"{kind}.{ext}" for kind in ("briefings", "digests") for ext in ("rss.xml", "atom.xml", "json")
]


# The workflow: GitHub's schema ------------------------------------------------------------------


def check_schema(
    path: Path, schema: str = "vendor.github-workflows"
) -> subprocess.CompletedProcess[str]:
    """Run check-jsonschema with one of its built-in (vendored) schemas, network closed."""
    return subprocess.run(
        [str(BIN / "check-jsonschema"), "--builtin-schema", schema, str(path)],
        capture_output=True,
        text=True,
        env={**os.environ, **OFFLINE},
        check=False,
        timeout=60,
    )


@pytest.mark.parametrize(
    "schema",
    [
        "vendor.github-workflows",  # SchemaStore's schema of workflow files
        "custom.github-workflows-require-timeout",  # every job says timeout-minutes
    ],
)
def test_workflow_passes_github_schema(schema: str) -> None:
    result = check_schema(WORKFLOW, schema)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ok -- validation done" in result.stdout


@pytest.mark.parametrize(
    ("old", "new", "error"),
    [
        pytest.param("\njobs:\n", "\njob:\n", "'job' was unexpected", id="top-level-key"),
        pytest.param("    needs: build\n", "    needz: build\n", "$.jobs.deploy:", id="job-key"),
        pytest.param(
            "      pages: write\n", "      pages: publish\n", "$.jobs.deploy:", id="permission"
        ),
        pytest.param(
            "  cancel-in-progress: false\n",
            "  cancel-in-progress: maybe\n",
            "$.concurrency:",
            id="not-a-boolean",
        ),
    ],
)
def test_schema_check_rejects_a_broken_workflow(
    tmp_path: Path, old: str, new: str, error: str
) -> None:
    text = WORKFLOW.read_text(encoding="utf-8")
    assert text.count(old) == 1
    broken = tmp_path / "pages.yml"
    broken.write_text(text.replace(old, new), encoding="utf-8")
    result = check_schema(broken)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Schema validation errors were encountered" in result.stdout
    assert error in result.stdout


# The workflow: what the schema cannot say ---------------------------------------------------------


def load_workflow(path: Path = WORKFLOW) -> dict[Any, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    # PyYAML reads YAML 1.1, where a bare `on` key is the boolean True; GitHub reads it as "on".
    if True in data:
        data["on"] = data.pop(True)
    return data


def steps_using(job: dict[str, Any], action: str) -> list[dict[str, Any]]:
    return [s for s in job.get("steps", []) if str(s.get("uses", "")).split("@")[0] == action]


def step_index(job: dict[str, Any], predicate: Callable[[dict[str, Any]], bool]) -> int:
    return next((i for i, s in enumerate(job.get("steps", [])) if predicate(s)), -1)


def workflow_problems(wf: dict[Any, Any]) -> list[str]:
    """What stops the workflow from publishing the tested site safely; [] when nothing does."""
    problems = []
    on = wf.get("on") or {}
    if "main" not in (on.get("push") or {}).get("branches", []):
        problems.append("on.push: must run on pushes to main")
    if "workflow_dispatch" not in on:
        problems.append("on.workflow_dispatch: missing (no way to republish by hand)")
    if not any("cron" in s for s in on.get("schedule") or []):
        problems.append("on.schedule: missing (a scheduled briefing would wait for a push)")
    if wf.get("concurrency") != {"group": "pages", "cancel-in-progress": False}:
        problems.append("concurrency: want group 'pages', cancel-in-progress false")
    if any(v == "write" for v in (wf.get("permissions") or {}).values()):
        problems.append("permissions: write access belongs to the deploy job only")

    jobs = wf.get("jobs") or {}
    build, deploy = jobs.get("build") or {}, jobs.get("deploy") or {}
    if any(v == "write" for v in (build.get("permissions") or {}).values()):
        problems.append("jobs.build.permissions: the job running project code must not write")
    for action, version in [
        ("actions/checkout", "v4"),
        ("actions/setup-python", "v5"),
        ("actions/configure-pages", "v5"),
        ("actions/upload-pages-artifact", "v3"),
    ]:
        found = steps_using(build, action)
        if [s["uses"] for s in found] != [f"{action}@{version}"]:
            problems.append(f"jobs.build: want one step using {action}@{version}")
    setup = next(iter(steps_using(build, "actions/setup-python")), {}).get("with", {})
    if (setup.get("python-version"), setup.get("cache")) != ("3.11", "pip"):
        problems.append("jobs.build: setup-python must give Python 3.11 with the pip cache")
    if setup.get("cache-dependency-path") != "constraints.txt":
        problems.append("jobs.build: the pip cache must be keyed on constraints.txt")
    upload = next(iter(steps_using(build, "actions/upload-pages-artifact")), {})
    if str(upload.get("with", {}).get("path", "")).rstrip("/") != "site":
        problems.append("jobs.build: upload-pages-artifact must upload site/")
    tests = step_index(build, lambda s: "make test-fast" in str(s.get("run", "")))
    mkdocs = step_index(build, lambda s: ".venv/bin/mkdocs build --strict" in str(s.get("run", "")))
    uploaded = step_index(build, lambda s: s is upload)
    if tests < 0:
        problems.append("jobs.build: must run the fast tests (make test-fast)")
    if mkdocs < 0:
        problems.append("jobs.build: must build with .venv/bin/mkdocs build --strict")
    if not -1 < tests < mkdocs < uploaded:
        problems.append("jobs.build: want tests, then the build, then the upload")
    cached = step_index(
        build,
        lambda s: (
            str(s.get("uses", "")) == "actions/cache@v4"
            and s.get("with", {}).get("path") == ".cache"
        ),
    )
    if not -1 < cached < mkdocs:
        problems.append("jobs.build: restore the build cache (.cache) before the build")

    needs = deploy.get("needs")
    if (needs if isinstance(needs, list) else [needs]) != ["build"]:
        problems.append("jobs.deploy.needs: must be build")
    if deploy.get("permissions") != {"pages": "write", "id-token": "write"}:
        problems.append("jobs.deploy.permissions: want exactly pages: write and id-token: write")
    environment = {
        "name": "github-pages",
        "url": "${{ steps.deployment.outputs.page_url }}",
    }
    if deploy.get("environment") != environment:
        problems.append("jobs.deploy.environment: want github-pages with the deployment's URL")
    deploying = steps_using(deploy, "actions/deploy-pages")
    if [(s.get("id"), s["uses"]) for s in deploying] != [("deployment", "actions/deploy-pages@v4")]:
        problems.append("jobs.deploy: want one step id 'deployment' using actions/deploy-pages@v4")
    return problems


def test_workflow_builds_tests_and_deploys() -> None:
    assert workflow_problems(load_workflow()) == []


def test_workflow_runs_make_targets_that_exist() -> None:
    targets = re.findall(r"^([\w-]+):", (ROOT / "Makefile").read_text(encoding="utf-8"), re.M)
    assert "test-fast" in targets


def _drop_needs(wf: dict[str, Any]) -> None:
    del wf["jobs"]["deploy"]["needs"]


def _write_in_build(wf: dict[str, Any]) -> None:
    wf["jobs"]["build"]["permissions"]["pages"] = "write"


def _read_only_deploy(wf: dict[str, Any]) -> None:
    wf["jobs"]["deploy"]["permissions"]["id-token"] = "read"


def _cancel_deploys(wf: dict[str, Any]) -> None:
    wf["concurrency"]["cancel-in-progress"] = True


def _lax_build(wf: dict[str, Any]) -> None:
    for step in wf["jobs"]["build"]["steps"]:
        if "run" in step:
            step["run"] = step["run"].replace(" --strict", "")


def _no_tests(wf: dict[str, Any]) -> None:
    steps = wf["jobs"]["build"]["steps"]
    steps[:] = [s for s in steps if "make test-fast" not in str(s.get("run", ""))]


def _no_cache(wf: dict[str, Any]) -> None:
    steps = wf["jobs"]["build"]["steps"]
    steps[:] = [s for s in steps if not str(s.get("uses", "")).startswith("actions/cache@")]


def _other_environment(wf: dict[str, Any]) -> None:
    wf["jobs"]["deploy"]["environment"]["name"] = "production"


def _old_upload(wf: dict[str, Any]) -> None:
    for step in wf["jobs"]["build"]["steps"]:
        if str(step.get("uses", "")).startswith("actions/upload-pages-artifact@"):
            step["uses"] = "actions/upload-artifact@v4"


@pytest.mark.parametrize(
    ("break_it", "problem"),
    [
        (_drop_needs, "jobs.deploy.needs: must be build"),
        (_write_in_build, "jobs.build.permissions: the job running project code must not write"),
        (
            _read_only_deploy,
            "jobs.deploy.permissions: want exactly pages: write and id-token: write",
        ),
        (_cancel_deploys, "concurrency: want group 'pages', cancel-in-progress false"),
        (_lax_build, "jobs.build: must build with .venv/bin/mkdocs build --strict"),
        (_no_tests, "jobs.build: must run the fast tests (make test-fast)"),
        (_no_cache, "jobs.build: restore the build cache (.cache) before the build"),
        (
            _other_environment,
            "jobs.deploy.environment: want github-pages with the deployment's URL",
        ),
        (_old_upload, "jobs.build: want one step using actions/upload-pages-artifact@v3"),
    ],
)
def test_semantic_check_catches_a_broken_workflow(
    break_it: Callable[[dict[str, Any]], None], problem: str
) -> None:
    wf = copy.deepcopy(load_workflow())
    break_it(wf)
    assert problem in workflow_problems(wf)


# mkdocs gh-deploy ---------------------------------------------------------------------------------


def git_env() -> dict[str, str]:
    """The environment for git and mkdocs: a fixed identity, no user or system git config."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    return {
        **env,
        **OFFLINE,
        "GIT_AUTHOR_NAME": "Briefings Test",
        "GIT_AUTHOR_EMAIL": "test@example.org",
        "GIT_COMMITTER_NAME": "Briefings Test",
        "GIT_COMMITTER_EMAIL": "test@example.org",
        "GIT_CONFIG_GLOBAL": os.devnull,  # no commit signing or hooks from ~/.gitconfig
        "GIT_CONFIG_NOSYSTEM": "1",
        "NO_MKDOCS_2_WARNING": "1",
    }


def run(*args: str | Path, cwd: Path) -> str:
    result = subprocess.run(
        [str(a) for a in args],
        cwd=cwd,
        env=git_env(),
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, f"{args}: {result.stdout}{result.stderr}"
    return result.stdout


def gh_deploy(project: Path) -> str:
    """`mkdocs gh-deploy` as a maintainer runs it: build --strict, commit to gh-pages, push."""
    return run(
        BIN / "mkdocs",
        "gh-deploy",
        "--force",
        "--strict",
        "--remote-name=origin",
        "--remote-branch=gh-pages",
        cwd=project,
    )


@pytest.fixture
def deployable(repo_copy: Path, tmp_path: Path) -> tuple[Path, Path]:
    """The copy as a git repository with a custom domain, and its bare `origin` remote."""
    mkdocs_yml = repo_copy / "mkdocs.yml"
    text = mkdocs_yml.read_text(encoding="utf-8")
    text, n = re.subn(r"^site_url: .*$", f"site_url: https://{DOMAIN}/", text, flags=re.M)
    assert n == 1
    mkdocs_yml.write_text(text, encoding="utf-8")
    (repo_copy / "docs" / "CNAME").write_text(f"{DOMAIN}\n", encoding="utf-8")
    (repo_copy / ".gitignore").write_text("site/\n", encoding="utf-8")
    run("git", "init", "--quiet", "--initial-branch=main", cwd=repo_copy)
    run("git", "add", ".", cwd=repo_copy)
    run("git", "commit", "--quiet", "-m", "Site sources", cwd=repo_copy)
    origin = tmp_path / "origin.git"
    run("git", "init", "--quiet", "--bare", origin, cwd=tmp_path)
    run("git", "remote", "add", "origin", origin, cwd=repo_copy)
    return repo_copy, origin


def test_gh_deploy_publishes_the_site_and_redeploys(deployable: tuple[Path, Path]) -> None:
    project, origin = deployable
    gh_deploy(project)

    files = set(run("git", "ls-tree", "-r", "--name-only", "gh-pages", cwd=origin).splitlines())
    expected = {
        "index.html",
        "404.html",
        ".nojekyll",
        "CNAME",
        "sitemap.xml",
        "sitemap-pages.xml",
        SEED,
        ALKYRA,
    }
    assert expected | {*FEEDS, "search/search_index.json"} <= files
    assert not {f for f in files if f.endswith((".yml", ".md"))}  # the built site, not sources
    assert run("git", "show", "gh-pages:CNAME", cwd=origin) == f"{DOMAIN}\n"
    # Absolute addresses come from site_url, which must name the custom domain.
    sitemap = run("git", "show", "gh-pages:sitemap-pages.xml", cwd=origin)
    assert f"<loc>https://{DOMAIN}/briefings/alkyra-vent-field-survey/</loc>" in sitemap
    assert "github.io" not in sitemap
    # The 404 page, served at any missing address, links its assets from site_url's path.
    assert 'href="/assets/stylesheets/' in run("git", "show", "gh-pages:404.html", cwd=origin)
    assert f"https://{DOMAIN}/briefings/" in run(
        "git", "show", "gh-pages:briefings.rss.xml", cwd=origin
    )
    # The deploy commit names the source commit it was built from.
    source = run("git", "rev-parse", "--short", "HEAD", cwd=project).strip()
    assert source in run("git", "log", "-1", "--format=%s", "gh-pages", cwd=origin)
    first = run("git", "rev-parse", "gh-pages", cwd=origin).strip()
    page = run("git", "show", f"gh-pages:{ALKYRA}", cwd=origin)
    assert "had mapped 23 active vents" in page

    # An editor corrects a briefing's text and deploys again: a new commit on top, the page
    # changed. (The body, not the first key point: that is the summary on other pages' cards.)
    briefing = project / ALKYRA_YML
    text = briefing.read_text(encoding="utf-8")
    assert text.count("had mapped 23 active vents") == 1
    briefing.write_text(
        text.replace("had mapped 23 active vents", "had mapped 24 active vents"), encoding="utf-8"
    )
    run("git", "commit", "--quiet", "-am", "Correct the vent count", cwd=project)
    gh_deploy(project)

    second = run("git", "rev-parse", "gh-pages", cwd=origin).strip()
    assert second != first
    assert run("git", "rev-parse", "gh-pages^", cwd=origin).strip() == first  # history kept
    changed = run("git", "diff", "--name-only", first, second, cwd=origin).splitlines()
    assert ALKYRA in changed
    assert SEED not in changed  # an unrelated page is left as it was
    page = run("git", "show", f"gh-pages:{ALKYRA}", cwd=origin)
    assert "had mapped 24 active vents" in page
    assert "had mapped 23 active" not in page
    # The seed page does show the corrected briefing (a card), but not the corrected text.
    seed = run("git", "show", f"gh-pages:{SEED}", cwd=origin)
    assert 'href="../alkyra-vent-field-survey/"' in seed
    assert run("git", "show", "gh-pages:CNAME", cwd=origin) == f"{DOMAIN}\n"
