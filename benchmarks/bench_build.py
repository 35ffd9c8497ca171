"""How Candor's build time grows with the number of AI systems, against a plain MkDocs build.

Run by hand (not part of the test suite), from the repository root:

    python benchmarks/bench_build.py                 # 30, 100 and 300 systems, 3 runs each
    python benchmarks/bench_build.py --sizes 30 --runs 1

For each size it generates a profile (the default profile's five systems repeated, × the
profile's languages), then measures, in one run on one machine:

- load + check: reading and validating the profile and evaluating the rules, and
- generation: rendering every page of both sites to Markdown (the further language editions
  side by side in worker processes, as `candor build` renders them; and with `--jobs 1`, all
  in one process), each timed inside a new process as `candor build` runs them: Candor's
  in-memory caches empty, its disk caches (compiled templates, hyphenation) warm;
- Candor's whole build: `candor build` (check, generation, both sites) with MkDocs, and the
  same with `--engine zensical` when Zensical is installed;
- a plain flat build: the very same generated pages in one `mkdocs build` with a flat
  navigation and Material's default features — what a team writing these pages by hand
  would get — and the same plain site built by Zensical;
- `candor check` as a user runs it: a new `python -m generator check` process, start-up
  included.

It prints medians and the issue's ratios and writes them to docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import compileall
import copy
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.commands.pipeline import check_profile  # noqa: E402
from generator.render import SIDE_BY_SIDE_FROM, render  # noqa: E402

PLAIN_CONFIG = {
    "theme": {"name": "material", "font": False},
    "markdown_extensions": ["attr_list", "md_in_html", "admonition", "tables", "def_list",
                            {"toc": {"permalink": True}}, "pymdownx.details"],
    "plugins": ["search"],
}


class _NoAliases(yaml.SafeDumper):
    """Write repeated values out in full: Candor refuses YAML aliases."""

    def ignore_aliases(self, data: object) -> bool:
        return True


def profile_with(systems: int) -> dict:
    """The default profile with its AI systems repeated until there are `systems` of them."""
    data = yaml.safe_load((ROOT / "content" / "profile.yaml").read_text("utf-8"))
    originals = data["ai_systems"]
    data["ai_systems"] = []
    for index in range(systems):
        source = originals[index % len(originals)]
        system = copy.deepcopy(source)
        system["id"] = f"{source['id']}-{index + 1}"
        name = source["name"]
        system["name"] = ({lang: f"{text} {index + 1}" for lang, text in name.items()} if isinstance(name, dict)
                          else f"{name} {index + 1}")
        data["ai_systems"].append(system)
        data["documents"][f"system:{system['id']}"] = copy.deepcopy(data["documents"][f"system:{source['id']}"])
        for role in data["organisation"]["roles"]:
            for duty in list(role.get("responsibilities", [])):
                if duty["system"] == source["id"]:
                    role["responsibilities"].append({**duty, "system": system["id"]})
    for source in originals:
        data["documents"].pop(f"system:{source['id']}", None)
        for role in data["organisation"]["roles"]:
            role["responsibilities"] = [d for d in role.get("responsibilities", []) if d["system"] != source["id"]]
    data.pop("approvals", None)
    return data


def approve_everything(profile: Path) -> None:
    """Add an approval of every document in every language at its current text, so that
    `candor check` has to render them all (a company whose legal team has approved it all)."""
    from generator.approvals import approval_snippet
    from generator.commands.pipeline import generate

    checked, _ = generate(profile, project_dir=profile.parent.parent)
    entries = "".join(approval_snippet(s, approver="Benchmark", role="Counsel", date="2026-08-25")
                      for s in checked.statuses)
    data = yaml.safe_load(profile.read_text("utf-8"))
    data["approvals"] = yaml.safe_load("approvals:\n" + entries)["approvals"]
    profile.write_text(yaml.dump(data, Dumper=_NoAliases, sort_keys=False, allow_unicode=True), "utf-8")


CHECK_SAMPLES = 5
"""New `candor check` processes timed per run (their median is reported)."""


def timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def run(command: list[str], cwd: Path) -> None:
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    if result.returncode not in (0, 1):  # `candor check` exits 1 for error-level findings
        raise RuntimeError(f"{' '.join(command)} failed:\n{result.stdout}\n{result.stderr}")


def phase_times(profile: Path, jobs: int | None) -> tuple[float, float]:
    """(load + check, generation) of `profile`, timed in a new process (see `_phases`)."""
    command = [sys.executable, __file__, "--phases", str(profile)] + (["--jobs", str(jobs)] if jobs else [])
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode:
        raise RuntimeError(f"{' '.join(command)} failed:\n{result.stderr}")
    check, generation = json.loads(result.stdout)
    return check, generation


def _phases(profile: Path, jobs: int | None) -> None:
    """Time load + check and generation once, in this new process, as `candor build` runs
    them (`pipeline.generate`), and print them as JSON."""
    from generator import workers

    workers.start_early(jobs)  # as `candor build` does first
    started = time.perf_counter()
    checked = check_profile(profile)
    checked_at = time.perf_counter()
    render(checked.loaded.profile, checked.rules, project_dir=profile.parent.parent, jobs=jobs)
    print(json.dumps([checked_at - started, time.perf_counter() - checked_at]))


def plain_project(candor_project: Path, target: Path) -> int:
    """The pages Candor generated (both sites) as one plain MkDocs project; returns the page count."""
    shutil.rmtree(target, ignore_errors=True)
    nav = []
    for work in sorted(p for p in (candor_project / "build").iterdir() if (p / "docs").is_dir()):
        audience = work.name  # public, public-de, public-fr …, internal
        shutil.copytree(work / "docs", target / "docs" / audience)
        for page in sorted((target / "docs" / audience).rglob("*.md")):
            rel = page.relative_to(target / "docs").as_posix()
            title = yaml.safe_load(page.read_text("utf-8").split("---")[1]).get("title", rel)
            nav.append({f"{title} ({rel})": rel})
    config = {"site_name": "Plain", **PLAIN_CONFIG, "nav": nav}
    (target / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), "utf-8")
    return len(nav)


def measure(systems: int, runs: int, zensical: bool, workdir: Path) -> dict:
    project = workdir / f"candor-{systems}"
    (project / "content").mkdir(parents=True)
    profile = project / "content" / "profile.yaml"
    profile.write_text(yaml.dump(profile_with(systems), Dumper=_NoAliases, sort_keys=False, allow_unicode=True),
                       "utf-8")
    python = sys.executable
    times: dict[str, list[float]] = {k: [] for k in ("check", "render", "render_one", "build", "build_one", "plain",
                                                     "check_cli", "check_cli_approved", "build_zensical",
                                                     "plain_zensical")}
    approved = workdir / f"approved-{systems}"
    (approved / "content").mkdir(parents=True)
    shutil.copy(profile, approved / "content" / "profile.yaml")
    approve_everything(approved / "content" / "profile.yaml")
    checked = check_profile(profile)
    pages = None
    for _ in range(runs):
        check, generation = phase_times(profile, None)
        times["check"].append(check)
        times["render"].append(generation)
        times["render_one"].append(phase_times(profile, 1)[1])
        # About a second each and sensitive to the machine's noise: several samples per run.
        for _ in range(CHECK_SAMPLES):
            times["check_cli"].append(timed(lambda: run([python, "-m", "generator", "check"], project)))
            times["check_cli_approved"].append(timed(lambda: run([python, "-m", "generator", "check"], approved)))
        times["build"].append(timed(lambda: run([python, "-m", "generator", "build"], project)))
        times["build_one"].append(timed(lambda: run([python, "-m", "generator", "build", "--jobs", "1"], project)))
        pages = pages or plain_project(project, workdir / f"plain-{systems}")
        times["plain"].append(timed(lambda: run([python, "-m", "mkdocs", "build", "-q"], workdir / f"plain-{systems}")))
        if zensical:
            try:
                times["build_zensical"].append(timed(lambda: run(
                    [python, "-m", "generator", "build", "--engine", "zensical", "--site-dir", "site-z"], project)))
            except RuntimeError as error:
                print(f"  candor build --engine zensical failed: {str(error).strip().splitlines()[-2:]}")
            times["plain_zensical"].append(timed(lambda: run(
                [python, "-m", "zensical", "build", "--clean", "-f", "mkdocs.yml"], workdir / f"plain-{systems}")))
    medians = {k: statistics.median(v) for k, v in times.items() if v}
    medians["pages"] = pages
    medians["candor_pages"] = sum(1 for _ in (project / "site").rglob("*.html"))
    medians["languages"] = len(checked.loaded.profile.company.languages)
    return medians


def report(results: dict[int, dict], runs: int) -> str:
    sizes = sorted(results)
    small, large = results[sizes[0]], results[sizes[-1]]
    lines = [
        "# Build benchmark",
        "",
        "Generated by `python benchmarks/bench_build.py` (run by hand, not part of the tests).",
        f"Medians of {runs} run(s) on {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
        f" ({'a virtual environment' if sys.prefix != sys.base_prefix else 'no virtual environment'}).",
        "Times in seconds. *Whole build* is `candor build` (new process: check, generation, both sites,",
        "its engine runs side by side, one per processor);",
        "*one job* is the same with `--jobs 1`, every edition rendered and every engine run in turn, as on one processor;",
        "*load + check* and *generation* are timed inside a new process as `candor build` runs them",
        f"(from {SIDE_BY_SIDE_FROM} systems, the further language editions rendered side by side in worker processes;",
        "*one process*: with `--jobs 1`);",
        "*plain* is one `mkdocs build` of the same generated pages with a flat navigation and",
        "Material's default features (every language's pages in one site, as a hand-made site would be).",
        f"Languages: {large['languages']} (the default profile's). *candor check* is a new process,",
        f"start-up included (median of {CHECK_SAMPLES} per run, Candor's modules compiled to bytecode as an",
        "installed package has them), on the benchmark profile (no approvals: nothing to render) and on the",
        "same profile with every document approved in every language (every document rendered for its hash).",
        "",
        "| AI systems | pages | load + check | generation | generation, one process | candor check (CLI) | candor check, all approved | whole build | one job | plain flat build | whole / plain | one job / plain | zensical: whole | zensical: plain |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for size in sizes:
        r = results[size]
        z_build = f"{r['build_zensical']:.2f}" if "build_zensical" in r else ("failed" if "plain_zensical" in r else "—")
        z_plain = f"{r['plain_zensical']:.2f}" if "plain_zensical" in r else "—"
        lines.append(f"| {size} | {r['pages']} | {r['check']:.3f} | {r['render']:.3f} | {r['render_one']:.3f} | "
                     f"{r['check_cli']:.2f} | "
                     f"{r['check_cli_approved']:.2f} | "
                     f"{r['build']:.2f} | {r['build_one']:.2f} | {r['plain']:.2f} | {r['build'] / r['plain']:.2f} | "
                     f"{r['build_one'] / r['plain']:.2f} | {z_build} | {z_plain} |")
    share = (large["check"] + large["render"]) / large["build"]
    growth = large["build"] / small["build"]
    lines += [
        "",
        f"## Targets ({sizes[-1]} systems)",
        "",
        f"| target | measured | met |",
        f"|---|---:|:---:|",
        f"| whole build ≤ 0.35 × plain flat build | {large['build'] / large['plain']:.2f} × | {_met(large['build'] / large['plain'] <= 0.35)} |",
        f"| the same with `--jobs 1` (one processor) | {large['build_one'] / large['plain']:.2f} × | {_met(large['build_one'] / large['plain'] <= 0.35)} |",
        f"| {sizes[0]} → {sizes[-1]} systems multiplies the build time by ≤ 12 | {growth:.1f} × | {_met(growth <= 12)} |",
        f"| generation + check < 5 % of the whole build | {share:.1%} | {_met(share < 0.05)} |",
        f"| `candor check` < 1 s including start-up | {large['check_cli']:.2f} s | {_met(large['check_cli'] < 1)} |",
        f"| for reference, not a target: `candor check` with every document approved | {large['check_cli_approved']:.2f} s | — |",
        "",
    ]
    return "\n".join(lines)


def _met(ok: bool) -> str:
    return "yes" if ok else "**no**"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[30, 100, 300])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--output", type=Path, default=ROOT / "docs" / "benchmarks.md")
    parser.add_argument("--no-zensical", action="store_true", help="time MkDocs only")
    parser.add_argument("--phases", type=Path, help=argparse.SUPPRESS)  # see `phase_times`
    parser.add_argument("--jobs", type=int, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phases:
        _phases(args.phases, args.jobs)
        return
    zensical = _importable("zensical") and not args.no_zensical
    # Candor's modules compiled to bytecode, as `pip install` leaves an installed package:
    # where PYTHONDONTWRITEBYTECODE is set, an editable install would otherwise compile them
    # from source at every start-up, and `candor check` would measure the compiler.
    compileall.compile_dir(ROOT / "generator", quiet=1)
    results = {}
    with tempfile.TemporaryDirectory(prefix="candor-bench-") as tmp:
        for size in args.sizes:
            print(f"{size} systems …", flush=True)
            results[size] = measure(size, args.runs, zensical, Path(tmp))
            print("  " + ", ".join(f"{k} {v:.3f}" if isinstance(v, float) else f"{k} {v}"
                                   for k, v in results[size].items()), flush=True)
    text = report(results, args.runs)
    print(text)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, "utf-8")


def _importable(name: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(name) is not None


if __name__ == "__main__":
    main()
