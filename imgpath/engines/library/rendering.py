"""Markdown to safe HTML, with the library's own link schemes and copyable templates.

markdown-it-py parses CommonMark (raw HTML in the source is escaped, not passed through);
nh3 then sanitises the output against an allow-list, so an article can never carry script.

Link schemes an author may write:
- ``[text](fact:usmle_attempt_limit)`` quotes a roadmap fact: it links to the fact box the
  article page draws from the rules data, so article and roadmap can never disagree;
- ``[text](step:usmle_step1)`` links to that step of the reader's roadmap;
- ``[text](article:personal-statement)`` links to another article;
- ``https://`` links go out; other site paths (``/programs/``) are kept and checked by a test.

A fenced block whose info string is ``template`` is an email or checklist to copy: it is drawn
as ``<pre class="template">`` and the page's script adds a copy button.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from html import escape, unescape
from typing import Any

import nh3
from markdown_it import MarkdownIt

from imgpath.engines.library.model import Rendered

ALLOWED_TAGS = {
    "a", "abbr", "blockquote", "br", "code", "em", "h2", "h3", "h4", "hr", "li", "ol", "p",
    "pre", "strong", "table", "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "h2": {"id"},
    "h3": {"id"},
    "pre": {"id"},
    "th": {"scope"},
    "abbr": {"title"},
}
# Classes are allowed per tag here, never as a free attribute (nh3 insists on one or the other).
ALLOWED_CLASSES = {"a": {"fact-link", "step-link"}, "pre": {"template"}}
URL_SCHEMES = {"http", "https", "mailto"}


class LinkError(ValueError):
    """A link the library cannot resolve: an unknown scheme or a malformed target."""


@dataclass(frozen=True)
class LinkTargets:
    """How the site spells the pages an article may link to (the app supplies them)."""

    step_url: Callable[[str], str]
    article_url: Callable[[str], str]


def slugify(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def render(markdown: str, targets: LinkTargets) -> Rendered:
    """Render one article body; collect every fact, step, article and site path it links to."""
    found: dict[str, list[str]] = {"fact": [], "step": [], "article": [], "path": []}
    md = _parser()
    tokens = md.parse(markdown)
    _rewrite(tokens, targets, found)
    html = nh3.clean(
        md.renderer.render(tokens, md.options, {}),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        allowed_classes=ALLOWED_CLASSES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
    )
    text = " ".join(nh3.clean(html, tags=set()).split())
    return Rendered(
        html=html,
        text=unescape(text),
        fact_ids=_unique(found["fact"]),
        step_ids=_unique(found["step"]),
        article_slugs=_unique(found["article"]),
        paths=_unique(found["path"]),
    )


def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable("table")
    md.add_render_rule("fence", _render_fence)
    return md


def _render_fence(self: Any, tokens: Any, idx: int, options: Any, env: Any) -> str:
    token = tokens[idx]
    code = escape(token.content)
    if token.info.strip() == "template":
        return f'<pre class="template" id="template-{idx}"><code>{code}</code></pre>\n'
    return f"<pre><code>{code}</code></pre>\n"


def _rewrite(tokens: Any, targets: LinkTargets, found: dict[str, list[str]]) -> None:
    seen_ids: set[str] = set()
    for i, token in enumerate(tokens):
        if token.type == "heading_open" and token.tag in {"h2", "h3"}:
            heading_id = _unique_id(slugify(tokens[i + 1].content) or "section", seen_ids)
            token.attrSet("id", heading_id)
        for child in token.children or ():
            if child.type == "link_open":
                _rewrite_link(child, targets, found)


def _rewrite_link(token: Any, targets: LinkTargets, found: dict[str, list[str]]) -> None:
    href = str(token.attrGet("href") or "")
    scheme, _, target = href.partition(":")
    if scheme in {"fact", "step", "article"}:
        if not re.fullmatch(r"[a-z0-9_-]+", target):
            raise LinkError(f"malformed {scheme} link: {href!r}")
        found[scheme].append(target)
        if scheme == "fact":
            token.attrSet("href", f"#fact-{target}")
            token.attrSet("class", "fact-link")
        elif scheme == "step":
            token.attrSet("href", targets.step_url(target))
            token.attrSet("class", "step-link")
        else:
            token.attrSet("href", targets.article_url(target))
    elif href.startswith("/"):
        found["path"].append(href)
    elif href.startswith("#") or scheme in URL_SCHEMES:
        return
    else:
        raise LinkError(f"unknown link {href!r}: use https://, /path, fact:, step: or article:")


def _unique_id(base: str, seen: set[str]) -> str:
    candidate, n = base, 2
    while candidate in seen:
        candidate, n = f"{base}-{n}", n + 1
    seen.add(candidate)
    return candidate


def _unique(items: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))
