"""The GitHub Pages workflow: one file, written by `candor init` and run by Candor itself."""

from pathlib import Path

import yaml

from generator.commands.init import WORKFLOW, project_files

ROOT = Path(__file__).resolve().parent.parent


def workflow() -> dict:
    # PyYAML reads the key `on` as True (YAML 1.1); look it up either way.
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def steps(job: str) -> list[dict]:
    return workflow()["jobs"][job]["steps"]


def uses(job: str) -> list[str]:
    return [s["uses"].split("@")[0] for s in steps(job) if "uses" in s]


def runs(job: str) -> str:
    return "\n".join(s.get("run", "") for s in steps(job))


def test_the_repository_runs_the_file_init_writes():
    assert (ROOT / ".github" / "workflows" / "candor.yml").read_bytes() == WORKFLOW.read_bytes()
    assert project_files("x")[".github/workflows/candor.yml"] == WORKFLOW.read_text(encoding="utf-8")


def test_runs_on_pushes_to_main_pull_requests_and_by_hand():
    triggers = workflow().get("on", workflow().get(True))
    assert triggers["push"] == {"branches": ["main"]}
    assert "pull_request" in triggers and "workflow_dispatch" in triggers


def test_pages_permissions_and_one_deployment_at_a_time():
    flow = workflow()
    assert flow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert flow["concurrency"] == {"group": "pages", "cancel-in-progress": False}


def test_the_build_job_checks_builds_with_approval_and_uploads_only_the_public_site():
    assert uses("build") == ["actions/checkout", "actions/setup-python", "actions/configure-pages",
                             "actions/upload-pages-artifact"]
    commands = [s.get("run", "").strip() for s in steps("build")]
    assert commands.index("candor check") < commands.index("candor build --require-approval")
    upload = next(s for s in steps("build") if s.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert upload["with"] == {"path": "site/public"}
    assert all("site/internal" not in yaml.safe_dump(step) for job in workflow()["jobs"].values()
               for step in job["steps"])
    assert upload["if"] == "github.event_name != 'pull_request'"


def test_the_deploy_job_follows_the_build_into_the_pages_environment():
    deploy = workflow()["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages"
    assert deploy["environment"]["url"] == "${{ steps.deployment.outputs.page_url }}"
    assert deploy["if"] == "github.event_name != 'pull_request'"
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]
    assert deploy["steps"][0]["id"] == "deployment"


def test_the_build_checks_out_the_whole_history_so_earlier_versions_keep_their_pages():
    assert steps("build")[0]["with"] == {"fetch-depth": 0}


def test_pull_requests_get_the_redline_as_an_artifact_and_in_the_summary():
    redline = workflow()["jobs"]["redline"]
    assert redline["if"] == "github.event_name == 'pull_request'"
    assert steps("redline")[0]["with"] == {"fetch-depth": 0}
    assert "candor diff --base" in runs("redline") and "--html redline.html" in runs("redline")
    assert "|| [ $? -eq 1 ]" in runs("redline")  # "documents changed" is not a failure
    assert "GITHUB_STEP_SUMMARY" in runs("redline")
    assert uses("redline")[-1] == "actions/upload-artifact"


def test_every_action_is_pinned_to_a_major_version():
    for job in workflow()["jobs"].values():
        for step in job["steps"]:
            if "uses" in step:
                assert "@v" in step["uses"], step["uses"]
