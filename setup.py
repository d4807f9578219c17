"""Which packages the wheel holds (everything else is in pyproject.toml).

``engine`` and ``gui`` as they are, and the top-level ``resources/`` folder as the package
``suanli_resources`` with all its files as package data, so an installed Suanli finds its
style sheet, translations and reference profile with ``importlib.resources``
(``engine.paths.resource_dir``).
"""

from setuptools import find_namespace_packages, find_packages, setup

RESOURCES_PACKAGE = "suanli_resources"

# resources/ and its data folders (i18n/, mnist/, ...) as packages, so setuptools ships
# their files without warning that a data folder is "absent from packages"
RESOURCE_PACKAGES = [RESOURCES_PACKAGE] + [
    f"{RESOURCES_PACKAGE}.{name}"
    for name in find_namespace_packages(where="resources", exclude=["*__pycache__*"])
]

# docs the window shows (Help ▸ How the scores are computed), beside the resources
DOCS_PACKAGE = f"{RESOURCES_PACKAGE}.docs"
DOCS = ["scores.md"]

setup(
    packages=[
        *find_packages(include=["engine", "engine.*", "gui", "gui.*"]),
        *RESOURCE_PACKAGES,
        DOCS_PACKAGE,
    ],
    package_dir={RESOURCES_PACKAGE: "resources", DOCS_PACKAGE: "docs"},
    package_data={RESOURCES_PACKAGE: ["*", "**/*"], DOCS_PACKAGE: DOCS},
    exclude_package_data={RESOURCES_PACKAGE: ["__pycache__/*", "**/__pycache__/*"]},
)
