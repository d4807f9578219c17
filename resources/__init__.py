"""Suanli's bundled resources (style sheet, icon, translations, reference profile, MNIST
test split). In a checkout this is the top-level ``resources/`` folder; an installed wheel
carries it as the package ``suanli.resources`` (see ``setup.py``), which
``engine.paths.resource_dir`` finds with :mod:`importlib.resources`."""
