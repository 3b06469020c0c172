"""The package's two layers: a core that imports nothing of MkDocs, and a thin adapter."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import mkdocs_briefings

PACKAGE = Path(mkdocs_briefings.__file__).parent

# Run in a fresh interpreter: MkDocs (and anything that would import it) cannot be imported.
NO_MKDOCS = """
import importlib, pkgutil, sys

class NoMkDocs:
    def find_spec(self, name, path=None, target=None):
        if name == "mkdocs" or name.startswith(("mkdocs.", "material")):
            raise ImportError(f"the core imported {name}")
        return None

sys.meta_path.insert(0, NoMkDocs())
import mkdocs_briefings
names = [m.name for m in pkgutil.walk_packages(mkdocs_briefings.__path__, "mkdocs_briefings.")]
core = [n for n in names if not n.startswith("mkdocs_briefings.adapter")]
for name in core:
    importlib.import_module(name)
print(len(core), "core modules;", ", ".join(sorted(n.rpartition(".")[2] for n in core)))
"""


def test_the_core_imports_nothing_of_mkdocs() -> None:
    done = subprocess.run(
        [sys.executable, "-c", NO_MKDOCS], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    for name in ("plan", "render", "html", "feed", "markdown", "text", "loader", "store", "cli"):
        assert name in done.stdout.split(";")[1].replace(",", " ").split(), done.stdout


def test_only_the_adapter_names_mkdocs() -> None:
    """A line that imports MkDocs outside adapter/ is a layering mistake, even under
    TYPE_CHECKING (the core's types are its own)."""
    offenders = [
        f"{path.relative_to(PACKAGE)}:{number}"
        for path in PACKAGE.rglob("*.py")
        if "adapter" not in path.parts
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if line.lstrip().startswith(("import mkdocs", "from mkdocs.", "from mkdocs "))
        or line.lstrip().startswith(("import material", "from material"))
    ]
    assert offenders == []


def test_the_plugin_only_wires_events() -> None:
    """plugin.py decides when; the work lives with its owners (a thin adapter, <= 150 lines)."""
    lines = (PACKAGE / "adapter" / "plugin.py").read_text(encoding="utf-8").splitlines()
    assert len(lines) <= 150
