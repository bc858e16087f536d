"""Imports point down only: the layer table of ARCHITECTURE.md, checked on every module."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ["campaign", "partners", "resources", "training"]

# Lowest first; the same table as ARCHITECTURE.md. A module belongs to the layer of the
# longest prefix that names it; every other module of `campaign` is the kernel.
LAYERS = {
    "campaign": 0,
    "partners": 1,
    "resources": 2,
    "training": 3,
    "campaign.site": 4,
    "campaign.management": 4,
    "campaign.settings": 5,
    "campaign.urls": 5,
    "campaign.wsgi": 5,
    "campaign.asgi": 5,
}
LAYER_NAMES = ["kernel", "partners", "resources", "training", "site", "project"]
# Apps that may not see each other at all, although the table alone would allow it.
INDEPENDENT = {("resources", "training")}


def layer_of(module: str) -> int | None:
    """The layer of a project module, or None for a module outside the project."""
    parts = module.split(".")
    for length in range(len(parts), 0, -1):
        prefix = ".".join(parts[:length])
        if prefix in LAYERS:
            return LAYERS[prefix]
    return None


def imported_modules(source: str, module: str) -> list[tuple[int, str]]:
    """(line, module) for each import in the source, at any depth, relative ones resolved."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                package = module.split(".")[: -node.level]
                base = ".".join([*package, base] if base else package)
            # `from campaign import site` imports the module campaign.site.
            found += [(node.lineno, f"{base}.{alias.name}") for alias in node.names]
    return found


def violations(source: str, module: str) -> list[str]:
    """Each import of `module` that points to a higher layer or to an independent app."""
    own = layer_of(module)
    problems = []
    for line, target in imported_modules(source, module):
        layer = layer_of(target)
        if layer is None:
            continue
        app, target_app = module.split(".")[0], target.split(".")[0]
        if layer > own or (app, target_app) in INDEPENDENT:
            problems.append(
                f"{module}:{line} imports {target} "
                f"({LAYER_NAMES[own]} may not import {LAYER_NAMES[layer]})"
            )
    return problems


def project_modules():
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            parts = path.relative_to(ROOT).with_suffix("").parts
            if parts[-1] == "__init__":
                parts = parts[:-1]
            yield ".".join(parts), path


def test_no_module_imports_a_layer_above_it():
    problems = []
    for module, path in project_modules():
        problems += violations(path.read_text(), module)
    assert problems == []


def test_the_check_catches_an_upward_import():
    kernel_reaching_up = "def f():\n    from training.models import Course\n"
    assert violations(kernel_reaching_up, "campaign.emails") == [
        "campaign.emails:2 imports training.models.Course (kernel may not import training)"
    ]
    assert violations("from campaign.site import home\n", "partners.views") != []
    assert violations("from . import views\n", "campaign.site.urls") == []
    assert violations("import training.queries\n", "resources.views") != []
    assert violations("from campaign.models import User\n", "training.services") == []
