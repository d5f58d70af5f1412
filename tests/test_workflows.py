"""The GitHub workflows are valid and safe, checked offline before they ever run on GitHub.

check-jsonschema validates them against GitHub's workflow schema; zizmor audits
them (pinned actions, credentials, permissions, template injection, caching).
A few structural checks pin down what issue #6 asks of each workflow, so a
later edit cannot quietly drop, say, the Pages concurrency group.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = ROOT / ".github" / "workflows"
BIN = Path(sys.executable).parent
NAMES = ("ci.yml", "pages.yml", "links-weekly.yml")
PINNED = re.compile(r"^\s*(?:-\s+)?uses:\s+[\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+(?:\.\d+)*\s*$")


def tool(name: str) -> str:
    path = BIN / name
    if not path.exists():
        pytest.fail(f"{name} not found at {path}: install requirements-dev.txt", pytrace=False)
    return str(path)


def load(name: str) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as True
    return data


def steps(workflow: dict[str, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def zizmor(target: Path) -> tuple[int, list[dict[str, Any]], str]:
    result = subprocess.run([tool("zizmor"), "--offline", "--no-progress", "--format", "json", str(target)],
                            cwd=ROOT, capture_output=True, text=True, timeout=120)
    findings = json.loads(result.stdout) if result.stdout.strip() else []
    return result.returncode, findings, result.stderr


def test_the_three_workflows_exist() -> None:
    assert sorted(p.name for p in WORKFLOWS.glob("*.yml")) == sorted(NAMES)


def test_workflows_match_githubs_schema() -> None:
    result = subprocess.run([tool("check-jsonschema"), "--builtin-schema", "vendor.github-workflows",
                             *(str(WORKFLOWS / n) for n in NAMES)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_zizmor_has_no_findings() -> None:
    code, findings, stderr = zizmor(WORKFLOWS)
    assert code == 0 and findings == [], json.dumps(findings, indent=1)[:4000] + stderr


def test_zizmor_catches_an_unsafe_workflow(tmp_path: Path) -> None:
    """The audit is not vacuous: unpinned action, persisted credentials and template injection are found."""
    workflows = tmp_path / ".github" / "workflows"
    workflows.mkdir(parents=True)
    (workflows / "bad.yml").write_text(
        "on: pull_request\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - uses: actions/checkout@v4\n"
        "      - run: echo \"${{ github.event.pull_request.title }}\"\n", encoding="utf-8")
    code, findings, _ = zizmor(workflows)
    assert code != 0
    assert {"unpinned-uses", "artipacked", "template-injection"} <= {f["ident"] for f in findings}


@pytest.mark.parametrize("name", NAMES)
def test_actions_are_pinned_and_permissions_minimal(name: str) -> None:
    """Full commit SHA plus version comment; no token by default; checkout keeps no credentials."""
    text = (WORKFLOWS / name).read_text(encoding="utf-8")
    uses = [line for line in text.splitlines() if re.match(r"^\s*(?:-\s+)?uses:", line)]
    assert uses and all(PINNED.match(line) for line in uses), [line for line in uses if not PINNED.match(line)]
    workflow = load(name)
    assert workflow["permissions"] == {}, "top-level permissions must be {}"
    assert all("permissions" in job for job in workflow["jobs"].values()), "every job states its permissions"
    for step in steps(workflow):
        if step.get("uses", "").startswith("actions/checkout@"):
            assert step.get("with", {}).get("persist-credentials") is False


def test_ci_builds_checks_links_and_runs_every_test() -> None:
    workflow = load("ci.yml")
    assert {"push", "pull_request"} <= set(workflow["on"])
    python = next(s for s in steps(workflow) if s.get("uses", "").startswith("actions/setup-python@"))
    assert python["with"]["cache"] == "pip" and python["with"]["cache-dependency-path"] == "requirements*.txt"
    runs = " ".join(s.get("run", "") for s in steps(workflow))
    assert "make build" in runs and "make linkcheck" in runs and "make test" in runs and "make chromium" in runs


def test_pages_deploys_main_without_races() -> None:
    workflow = load("pages.yml")
    assert workflow["on"]["push"]["branches"] == ["main"]
    assert workflow["concurrency"]["cancel-in-progress"] is False
    used = {s["uses"].split("@")[0] for s in steps(workflow) if "uses" in s}
    assert {"actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"} <= used
    deploy = workflow["jobs"]["deploy"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert workflow["jobs"]["build"]["permissions"].get("contents") == "read"
    build = next(s for s in steps(workflow) if "mkdocs build --strict" in s.get("run", ""))
    assert "steps.pages.outputs.base_url" in build["env"]["SITE_URL"], "the build must know the published address"


def test_external_links_are_checked_weekly_apart_from_ci() -> None:
    workflow = load("links-weekly.yml")
    assert set(workflow["on"]) == {"schedule", "workflow_dispatch"}, "must never run on push or pull requests"
    check = next(s for s in steps(workflow) if "lychee" in s.get("run", ""))
    assert "--offline" not in check["run"]
