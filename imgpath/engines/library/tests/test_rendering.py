from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from imgpath.engines.library import LinkError, LinkTargets, render

TARGETS = LinkTargets(step_url=lambda s: f"/roadmap/#step-{s}", article_url=lambda s: f"/l/{s}/")


def test_raw_html_and_script_links_never_reach_the_page():
    html = render(
        "<script>alert(1)</script>\n\n<img src=x onerror=alert(2)>\n\n[x](javascript:alert(3))",
        TARGETS,
    ).html
    assert "<script" not in html and "<img" not in html
    assert 'href="javascript' not in html


@given(st.text())
def test_any_text_renders_without_script_or_event_handlers(text):
    html = render(text, TARGETS).html.lower()
    assert "<script" not in html
    assert " onerror=" not in html and " onclick=" not in html


def test_template_blocks_are_marked_for_the_copy_button_and_escaped():
    html = render("```template\nDear Dr <Name>,\n```\n", TARGETS).html
    assert '<pre class="template"' in html
    assert "Dear Dr &lt;Name&gt;," in html


def test_headings_get_unique_ids_for_anchors():
    html = render("## Before you start\n\n## Before you start\n", TARGETS).html
    assert 'id="before-you-start"' in html and 'id="before-you-start-2"' in html


def test_links_are_collected_by_kind():
    rendered = render(
        "[a](fact:f1) [b](step:visa) [c](article:other) [d](/programs/) [e](https://x.org)",
        TARGETS,
    )
    assert rendered.fact_ids == ("f1",)
    assert rendered.step_ids == ("visa",)
    assert rendered.article_slugs == ("other",)
    assert rendered.paths == ("/programs/",)
    assert 'href="/roadmap/#step-visa"' in rendered.html


@pytest.mark.parametrize("href", ["relative/path", "fact:Bad Id", "tel:123"])
def test_unknown_or_malformed_links_are_errors(href):
    with pytest.raises(LinkError):
        render(f"[x](<{href}>)", TARGETS)
