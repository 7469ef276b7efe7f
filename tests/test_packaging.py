"""The built wheel carries everything a site needs at run time, not only Python modules.

A package that works from a source checkout can still ship without its templates,
translations, migrations or data files: setuptools only adds non-Python files that
its configuration names. So these tests build a real wheel from a copy of the source
tree and compare its file list with the files on disk. Probe files are added to the
copy in each data folder, so the configuration is checked even for folders that are
still empty in the source tree.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterable, Iterator
from email.message import Message
from email.parser import Parser
from pathlib import Path

import build
import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

REPO_ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "wagtail_osce"
PACKAGE_DIR = REPO_ROOT / PACKAGE

# One file per data folder, written into the copied tree before the build.
PROBES = (
    "templates/wagtail_osce/packaging_probe/probe.html",
    "static/wagtail_osce/packaging_probe/probe.css",
    "locale/zz/LC_MESSAGES/django.po",
    "locale/zz/LC_MESSAGES/django.mo",
    "snippets/data/packaging_probe.csv",
)


def _source_files(*parts: str, suffixes: Iterable[str] | None = None) -> set[str]:
    """Files under ``wagtail_osce/<parts>`` as wheel paths, skipping bytecode caches."""
    base = PACKAGE_DIR.joinpath(*parts)
    if not base.is_dir():
        return set()
    found = set()
    for path in base.rglob("*"):
        if not path.is_file() or "__pycache__" in path.parts:
            continue
        if suffixes is not None and path.suffix not in suffixes:
            continue
        found.add(path.relative_to(REPO_ROOT).as_posix())
    return found


def _run_quietly(
    cmd: list[str], cwd: str | None = None, extra_environ: dict[str, str] | None = None
) -> None:
    """Run a build backend hook, keeping its chatter for the failure message only."""
    env = {**os.environ, **(extra_environ or {})}
    result = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    if result.returncode:
        raise subprocess.CalledProcessError(result.returncode, cmd, result.stdout, result.stderr)


def _copy_source_tree(destination: Path) -> None:
    """Copy what a build reads: the top-level files, the package and docs."""
    ignore = shutil.ignore_patterns("__pycache__", "*.py[cod]")
    for entry in REPO_ROOT.iterdir():
        if entry.is_file() and entry.suffix not in {".sqlite3", ".whl"}:
            shutil.copy2(entry, destination / entry.name)
    shutil.copytree(PACKAGE_DIR, destination / PACKAGE, ignore=ignore)
    if (REPO_ROOT / "docs").is_dir():
        shutil.copytree(REPO_ROOT / "docs", destination / "docs", ignore=ignore)
    for probe in PROBES:
        path = destination / PACKAGE / probe
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("probe\n", encoding="utf-8")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Iterator[zipfile.ZipFile]:
    """A wheel built offline with the setuptools of this environment (no isolation)."""
    source = tmp_path_factory.mktemp("source")
    dist = tmp_path_factory.mktemp("dist")
    _copy_source_tree(source)

    builder = build.ProjectBuilder(source, python_executable=sys.executable, runner=_run_quietly)
    missing = builder.check_dependencies("wheel")
    if missing:
        pytest.fail(
            "Build requirements missing from this environment (install the test extra, "
            f'pip install -e ".[test]"): {sorted(" <- ".join(chain) for chain in missing)}'
        )
    try:
        path = builder.build("wheel", dist)
    except build.BuildBackendException as exc:
        cause = exc.exception
        output = getattr(cause, "stdout", "") or ""
        errors = getattr(cause, "stderr", "") or ""
        pytest.fail(f"Building the wheel failed:\n{output[-4000:]}\n{errors[-4000:]}")
    with zipfile.ZipFile(path) as archive:
        yield archive


@pytest.fixture(scope="module")
def wheel_files(wheel: zipfile.ZipFile) -> set[str]:
    return set(wheel.namelist())


@pytest.fixture(scope="module")
def metadata(wheel: zipfile.ZipFile) -> Message:
    (name,) = (n for n in wheel.namelist() if n.endswith(".dist-info/METADATA"))
    return Parser().parsestr(wheel.read(name).decode("utf-8"))


def _missing(expected: set[str], wheel_files: set[str]) -> list[str]:
    return sorted(expected - wheel_files)


def test_wheel_ships_every_reference_data_file(wheel_files: set[str]) -> None:
    expected = _source_files("snippets", "data")
    assert any(name.endswith(".csv") for name in expected), "no data files found in the source"
    assert _missing(expected, wheel_files) == []


def test_wheel_ships_every_migration(wheel_files: set[str]) -> None:
    expected = {
        name
        for name in _source_files(suffixes={".py"})
        if "/migrations/" in name and not name.endswith("/__init__.py")
    }
    assert f"{PACKAGE}/migrations/0001_initial.py" in expected
    assert _missing(expected, wheel_files) == []


def test_wheel_ships_every_python_module(wheel_files: set[str]) -> None:
    """Including management commands and sub-packages that find_packages could miss."""
    assert _missing(_source_files(suffixes={".py"}), wheel_files) == []


def test_wheel_ships_every_template_and_static_file(wheel_files: set[str]) -> None:
    expected = _source_files("templates") | _source_files("static")
    expected |= {
        f"{PACKAGE}/{probe}" for probe in PROBES if probe.startswith(("templates/", "static/"))
    }
    assert _missing(expected, wheel_files) == []


def test_wheel_ships_every_translation_catalogue(wheel_files: set[str]) -> None:
    expected = _source_files("locale", suffixes={".po", ".mo"})
    expected |= {f"{PACKAGE}/{probe}" for probe in PROBES if probe.startswith("locale/")}
    assert _missing(expected, wheel_files) == []


def test_wheel_leaves_out_bytecode_and_project_files(wheel_files: set[str]) -> None:
    unwanted = [
        name
        for name in wheel_files
        if name.endswith((".pyc", ".sqlite3"))
        or "__pycache__" in name
        or name.startswith(("tests/", "example_project/", "docs/"))
    ]
    assert unwanted == []


def test_metadata_names_the_runtime_dependencies(metadata: Message) -> None:
    assert metadata["Name"] == "wagtail-osce"
    assert metadata["Requires-Python"] == ">=3.11"
    runtime = {
        canonicalize_name(req.name)
        for req in map(Requirement, metadata.get_all("Requires-Dist") or [])
        if req.marker is None
    }
    assert {"wagtail", "wagtail-localize", "babel", "django-modelcluster"} <= runtime
    # Test tools are an extra, never a requirement of the installed package.
    assert "pytest" not in runtime


def test_metadata_carries_the_readme(metadata: Message) -> None:
    assert metadata["Description-Content-Type"] == "text/markdown"
    assert "make demo" in metadata.get_payload()
