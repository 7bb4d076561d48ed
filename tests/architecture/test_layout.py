"""The house rules of docs/architecture.md, checked on the source itself.

* ``matching/core`` is a pure library: no Django, no marketplace, no web layer.
* No module imports another module's private (``_name``) helpers.
* No import cycle among modules at import time.
* Domain packages depend downwards only, in the order of :data:`LAYERS`; the few
  deliberate upward imports are listed in :data:`UPWARD_ALLOWED` with the reason.
* Modules stay under about 400 lines (:data:`MAX_LINES`, migrations aside).

A new module is checked as soon as it exists: nothing here has to be registered.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
OURS = ("marketplace", "matching", "cms", "config")
MAX_LINES = 450

#: Lowest first. A module may import modules of its own layer or of a lower one.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("matching.core",),
    ("marketplace.shared", "marketplace.access.roles"),
    # the page fields written in each language (django-modeltranslation's registry)
    ("marketplace.models", "matching.models", "marketplace.translation"),
    ("marketplace.access",),
    ("marketplace.notifications",),  # told by clients, jobs and money; asks none
    ("marketplace.search",),  # lemma search: index and queries
    ("marketplace.sites", "marketplace.maps"),
    ("marketplace.accounts",),
    ("cms",),
    ("marketplace.clients",),
    ("matching",),  # the matcher's web layer: models, web, services, views
    ("marketplace.jobs.status",),
    ("marketplace.money",),
    ("marketplace.jobs",),
    # competence at work, the network plan and the maps: built on clients and sites
    ("marketplace.competence", "marketplace.network", "marketplace.maps"),
    ("marketplace.outcomes",),
    (
        "marketplace.seeding",
        "matching.synthetic",
        "marketplace.search.quality",  # the search test set runs over the catalogue
    ),
    (
        "marketplace.templatetags",
        "marketplace.wagtail_hooks",
        "marketplace.management",
        "marketplace.urls",
        "marketplace.apps",
        "matching.management",
        "matching.cli",  # runs evaluations on synthetic worlds
        "config",
        "marketplace",  # the package itself (its __init__), not its subpackages
    ),
)

#: Keys that name one module, not a package and everything under it.
EXACT = {"marketplace"}

#: Upward imports on purpose, each inside a function (never at import time).
UPWARD_ALLOWED: dict[tuple[str, str], str] = {
    ("marketplace.models", "marketplace.access"): (
        "a page model asks its domain's permission tester when Wagtail asks"
    ),
    ("marketplace.models", "marketplace.sites"): (
        "the site page model calls the sites selectors in get_context"
    ),
    ("marketplace.models", "marketplace.jobs"): (
        "the job page model calls the job-bank selectors in get_context"
    ),
    ("cms", "marketplace.jobs"): "the job-bank index page lists jobs in get_context",
}


def _layer_key(module: str) -> str | None:
    """The most specific :data:`LAYERS` entry that ``module`` belongs to."""
    best = None
    for layer in LAYERS:
        for key in layer:
            inside = module.startswith(key + ".") and key not in EXACT
            if (module == key or inside) and (best is None or len(key) > len(best)):
                best = key
    return best


def _rank(key: str) -> int:
    return next(i for i, layer in enumerate(LAYERS) if key in layer)


def _modules() -> Iterator[tuple[str, Path]]:
    for top in OURS:
        for path in sorted((ROOT / top).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
            yield name.removesuffix(".__init__"), path


@dataclass(frozen=True)
class Import:
    module: str  # the importing module
    target: str  # the imported module (or module.name)
    names: tuple[str, ...]
    line: int
    top_level: bool


def _imports(module: str, path: Path) -> Iterator[Import]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    top = {id(node) for node in tree.body}
    type_checking = {
        id(child)
        for node in tree.body
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
        for child in ast.walk(node)
    }
    for node in ast.walk(tree):
        if id(node) in type_checking:
            continue
        if isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names = tuple(a.name for a in node.names)
            yield Import(module, node.module, names, node.lineno, id(node) in top)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                yield Import(module, alias.name, (), node.lineno, id(node) in top)


ALL = [(module, path, list(_imports(module, path))) for module, path in _modules()]
MODULES = {module for module, _, _ in ALL}


def _resolve(target: str, names: tuple[str, ...]) -> list[str]:
    """The modules of ours that an import loads (``from a import b`` may name a
    module ``a.b``)."""
    found = [f"{target}.{n}" for n in names if f"{target}.{n}" in MODULES]
    if found:
        return found
    while target and target not in MODULES:
        target = target.rpartition(".")[0]
    return [target] if target else []


def test_matching_core_is_a_pure_library() -> None:
    """matching/core runs without Django and without the rest of Polku."""
    forbidden = ("django", "wagtail", "marketplace", "cms", "config", "matching")
    bad = [
        f"{imp.module}:{imp.line} imports {imp.target}"
        for module, _, imports in ALL
        if module.startswith("matching.core")
        for imp in imports
        if imp.target.split(".")[0] in forbidden
        and not imp.target.startswith("matching.core")
    ]
    assert bad == []


def test_no_private_names_from_another_module() -> None:
    bad = [
        f"{imp.module}:{imp.line} imports {name} from {imp.target}"
        for _, _, imports in ALL
        for imp in imports
        if imp.target.split(".")[0] in OURS
        for name in imp.names
        if name.startswith("_") and not name.startswith("__")
    ]
    assert bad == []


def test_no_import_cycle_at_import_time() -> None:
    graph: dict[str, set[str]] = {m: set() for m in MODULES}
    for module, _, imports in ALL:
        for imp in imports:
            if imp.top_level and imp.target.split(".")[0] in OURS:
                graph[module].update(
                    t for t in _resolve(imp.target, imp.names) if t != module
                )
    cycles = _strongly_connected(graph)
    assert cycles == []


def test_domains_depend_downwards() -> None:
    bad = []
    for module, _, imports in ALL:
        here = _layer_key(module)
        assert here is not None, f"{module} is in no layer of LAYERS"
        for imp in imports:
            if imp.target.split(".")[0] not in OURS:
                continue
            for target in _resolve(imp.target, imp.names):
                there = _layer_key(target)
                if there is None or _rank(there) <= _rank(here):
                    continue
                if (here, there) in UPWARD_ALLOWED and not imp.top_level:
                    continue
                bad.append(f"{module}:{imp.line} ({here}) imports {target} ({there})")
    assert bad == []


@pytest.mark.parametrize("module,path", [(m, p) for m, p, _ in ALL], ids=str)
def test_modules_stay_small(module: str, path: Path) -> None:
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{module} has {lines} lines: split it by what it does"


def _strongly_connected(graph: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's algorithm; the components with more than one module."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found
