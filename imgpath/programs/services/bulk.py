"""Fast writes of many rows."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from django.db import connection, models

from imgpath.core.fragments import content_changed


def bulk_set(model: type[models.Model], objs: Sequence[models.Model], names: list[str]) -> None:
    """Write some columns of many rows with one prepared UPDATE run for each row.

    Django's bulk_update builds a CASE expression per column, which costs seconds for
    thousands of rows; a parameterised statement executed many times costs milliseconds.
    """
    content_changed("programs")  # bulk writes send no signal: the public search must refresh
    if not objs or not names:
        return
    # The names are the model's own columns, never reverse relations.
    fields = [cast("models.Field[Any, Any]", model._meta.get_field(name)) for name in names]
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(f.column or f.attname)} = %s" for f in fields)
    sql = f"UPDATE {quote(model._meta.db_table)} SET {assignments} WHERE {quote('id')} = %s"  # noqa: S608
    params = [
        [f.get_db_prep_save(getattr(obj, f.attname), connection) for f in fields] + [obj.pk]
        for obj in objs
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)
