"""Do once, before the server forks its workers, what every first request would otherwise do.

A fresh worker compiles each template, builds the URL resolver's reverse map and the OpenAPI
schema, and loads the facts and library data on the first request that needs them: together more
than a second on the first load of a page. Done here, in the master, the work is shared by every
worker (copy-on-write) and no visitor waits for it. Apps add their own step in a `warmup` module
with a `warm_up()` function.
"""

from __future__ import annotations

from contextlib import suppress
from importlib import import_module
from pathlib import Path

from django.conf import settings
from django.db import connections
from django.template import engines
from django.template.utils import get_app_template_dirs
from django.urls import get_resolver

from imgpath.core.registry import app_modules


def warm_up() -> None:
    _compile_templates()
    _load_urls()
    for module in app_modules("warmup"):
        if module.__name__ != __name__:
            module.warm_up()
    # Connections opened by the steps above must not be shared by the forked workers (one inside
    # a transaction belongs to its caller, as in a test, and is left alone).
    for connection in connections.all(initialized_only=True):
        if not connection.in_atomic_block:
            connection.close()


def _compile_templates() -> None:
    for engine in engines.all():
        folders: list[str | Path] = [*engine.dirs, *get_app_template_dirs("templates")]
        for folder in map(Path, folders):
            for file in folder.rglob("*.html"):
                name = file.relative_to(folder).as_posix()
                with suppress(Exception):  # a template of another library may not compile here
                    engine.get_template(name)


def _load_urls() -> None:
    resolver = get_resolver()
    resolver.reverse_dict  # noqa: B018 - builds the reverse map of every route
    api = getattr(import_module(settings.ROOT_URLCONF), "api", None)
    if api is not None:
        api.get_openapi_schema()
