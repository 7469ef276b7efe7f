"""Model instances from rows already read, built as Django's ``from_db`` builds them, faster.

A cold page detail loads thousands of instances (every rendition of every image,
every linked page). Django builds each one through ``Model.__init__``, which walks
every field and sends ``post_init``: most of the time such a build takes. Where
that work has nothing to do for a row read from the database, the instance is
made with its column values set directly, as ``__init__`` would have set them.

That is the case when no class of the model adds to ``__init__`` beyond Django's,
django-modelcluster's and Wagtail's page classes (whose additions concern new
pages only), and the only ``post_init`` receivers are image fields filling their
width and height from the file, which the row holds already. Any other model is
built by ``from_db``, so an app's own ``__init__`` or ``post_init`` still runs.
Columns left out of a row are deferred, as with ``only()``: read on first access.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cache
from typing import Any, TypeVar

from django.db.models import DEFERRED, ImageField, Model
from django.db.models.base import ModelState
from django.db.models.signals import post_init

__all__ = ["from_rows"]

M = TypeVar("M", bound=Model)


def from_rows(
    model: type[M], names: Sequence[str], rows: Iterable[Sequence[Any]], db: str
) -> list[M]:
    """Instances of ``model`` loaded from ``db``, one per row of values for the attnames ``names``.

    The values are as the ORM reads them (converted: ``values_list()`` gives them so).
    """
    if not _plain(model, frozenset(names)):
        concrete = [field.attname for field in model._meta.concrete_fields]
        by_name = [dict(zip(names, row, strict=True)) for row in rows]
        return [
            model.from_db(db, concrete, [values.get(name, DEFERRED) for name in concrete])
            for values in by_name
        ]
    instances = []
    new = model.__new__
    for row in rows:
        instance = new(model)
        instance.__dict__.update(zip(names, row, strict=True))
        state = instance._state = ModelState()
        state.adding = False
        state.db = db
        instances.append(instance)
    return instances


#: Classes whose ``__init__`` does nothing for an instance loaded from the database
#: (Wagtail's page classes set defaults for new pages only: those without an id).
_PLAIN_INITS = {
    "django.db.models.base.Model",
    "modelcluster.models.ClusterableModel",
    "wagtail.models.pages.AbstractPage",
    "wagtail.models.pages.ShowInMenusMixin",
}


def _plain(model: type[Model], names: frozenset[str]) -> bool:
    """Whether building ``model`` from rows of ``names`` may skip ``__init__`` and ``post_init``."""
    sync, async_ = post_init._live_receivers(model)
    return _plain_init(model) and all(_fills_dimensions(r, names) for r in (*sync, *async_))


@cache
def _plain_init(model: type[Model]) -> bool:
    return all(
        f"{klass.__module__}.{klass.__qualname__}" in _PLAIN_INITS
        for klass in model.__mro__
        if klass is not object and "__init__" in klass.__dict__
    )


def _fills_dimensions(receiver: Any, names: frozenset[str]) -> bool:
    """An image field's width and height filler that has nothing to do for these columns.

    It reads the file only when the file column is loaded and a dimension is empty:
    with the dimensions loaded too, they are filled already (as stored).
    """
    field = getattr(receiver, "__self__", None)
    if (
        not isinstance(field, ImageField)
        or receiver.__func__ is not ImageField.update_dimension_fields
    ):
        return False
    if field.attname not in names:
        return True
    opts = field.model._meta
    return all(
        opts.get_field(name).attname in names
        for name in (field.width_field, field.height_field)
        if name
    )
