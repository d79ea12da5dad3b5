"""The old addresses of a renamed document folder (``renames``) or section (``pairs.section_renames``):
small pages that redirect to the new ones (a ``to_`` parameter gives the new value of one, ``to_section``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .base import Build, document_context

if TYPE_CHECKING:
    from ..routes import Output


def moved_page(build: Build, out: Output) -> dict[str, Any]:
    """For moved.html: the new address, relative (for the redirect) and canonical (absolute with a site_url)."""
    params = {k: v for k, v in out.params.items() if k not in ("doc", "old", "to") and not k.startswith("to_")}
    params.update({k.removeprefix("to_"): v for k, v in out.params.items() if k.startswith("to_")})  # a new id
    to = out.params["to"]
    site_url = build.site.options.site_url
    linker = build.linker
    canonical = linker.absolute(out, site_url, to, **params)
    if site_url:
        shown = canonical
    else:
        target = linker.find(to, {"doc": out.params["doc"], **params})
        assert target is not None, "an old address redirects only to a page this build makes"
        shown = "/" + target.address
    return {
        **document_context(build, out),
        "target": linker.href(out, to, **params),
        "canonical": canonical,
        "shown_target": shown,
    }
