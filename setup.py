"""Which packages the wheel holds, and where (everything else is in pyproject.toml).

One top-level name, ``suanli``, so the wheel never collides with another distribution's
``engine`` or ``gui``: ``suanli/`` (``build_spec/wheel/suanli``: the console scripts and the
finder that lets Suanli's code import ``engine`` and ``gui`` as it does in a checkout),
``suanli/engine`` and ``suanli/gui`` (the checkout's ``engine/`` and ``gui/``),
``suanli/resources`` (the top-level ``resources/``, every file as package data, found with
:mod:`importlib.resources` by ``engine.paths.resource_dir``) and ``suanli/docs`` (the
documents the window shows).
"""

from setuptools import find_namespace_packages, find_packages, setup

TOP = "suanli"
RESOURCES_PACKAGE = f"{TOP}.resources"
DOCS_PACKAGE = f"{TOP}.docs"
DOCS = ["scores.md"]


def inside(prefix: str, names: list[str]) -> list[str]:
    return [f"{prefix}.{name}" for name in names]


# resources/ and its data folders (i18n/, mnist/, ...) as packages, so setuptools ships
# their files without warning that a data folder is "absent from packages"
RESOURCE_PACKAGES = [RESOURCES_PACKAGE] + inside(
    RESOURCES_PACKAGE, find_namespace_packages(where="resources", exclude=["*__pycache__*"])
)

setup(
    packages=[
        TOP,
        *inside(TOP, find_packages(include=["engine", "engine.*", "gui", "gui.*"])),
        *RESOURCE_PACKAGES,
        DOCS_PACKAGE,
    ],
    package_dir={
        TOP: "build_spec/wheel/suanli",
        f"{TOP}.engine": "engine",
        f"{TOP}.gui": "gui",
        RESOURCES_PACKAGE: "resources",
        DOCS_PACKAGE: "docs",
    },
    package_data={RESOURCES_PACKAGE: ["*", "**/*"], DOCS_PACKAGE: DOCS},
    exclude_package_data={RESOURCES_PACKAGE: ["__pycache__/*", "**/__pycache__/*"]},
)
