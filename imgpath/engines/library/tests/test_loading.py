from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from imgpath.engines.library import LibraryError, LinkTargets, load_library

TARGETS = LinkTargets(step_url=lambda s: f"/roadmap/#step-{s}", article_url=lambda s: f"/l/{s}/")
TODAY = date(2026, 12, 7)
FRONT = """---
title: "A title"
summary: "A summary."
topic: money
phases: [match]
audience: [all]
steps: [rank_order_list]
published_on: 2026-01-01
reviewed_on: 2026-02-01
sources:
  - title: "Source"
    publisher: "Publisher"
    url: "https://example.org/a"
    date: {date}
---
Body with a [fact](fact:known_fact) and [another](article:{other}).
"""


def write(tmp_path: Path, name: str = "an-article", *, date_value="2025-03", other="an-article"):
    text = FRONT.format(date=date_value, other=other)
    (tmp_path / f"{name}.md").write_text(text, encoding="utf-8")
    return tmp_path


def load(directory: Path):
    return load_library(directory, fact_ids={"known_fact"}, targets=TARGETS, today=TODAY)


def test_a_valid_article_loads_with_its_links_resolved(tmp_path):
    library = load(write(tmp_path))
    article = library.get("an-article")
    assert article.steps == ("rank_order_list",)
    assert article.rendered.fact_ids == ("known_fact",)
    assert 'href="#fact-known_fact"' in article.rendered.html
    assert 'href="/l/an-article/"' in article.rendered.html
    assert article.sources[0].date_label == "March 2025"


@pytest.mark.parametrize(
    ("value", "label"),
    [("2014-11-06", "6 November 2014"), ("2019", "2019"), ("unknown", "date unknown")],
)
def test_source_dates_keep_their_precision(tmp_path, value, label):
    article = load(write(tmp_path, date_value=value)).get("an-article")
    assert article.sources[0].date_label == label


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (("topic: money", "topic: gossip"), "field topic"),
        (("phases: [match]", "phases: [moon]"), "field phases"),
        (("audience: [all]", "audience: []"), "field audience: is required"),
        (("steps: [rank_order_list]", "steps: [no_such_step]"), "field steps"),
        (("reviewed_on: 2026-02-01", "reviewed_on: 2025-02-01"), "before published_on"),
        (("published_on: 2026-01-01", "published_on: 2027-01-01"), "in the future"),
        (('url: "https://example.org/a"', 'url: "ftp://x"'), "not an http(s) URL"),
        (("    date: 2025-03", '    date: "March 2025"'), "must be YYYY-MM-DD"),
        (('    publisher: "Publisher"\n', ""), "needs exactly"),
        (("(fact:known_fact)", "(fact:invented_fact)"), "unknown fact(s) invented_fact"),
        (("(fact:known_fact)", "(step:nowhere)"), "unknown step(s) nowhere"),
        (("(fact:known_fact)", "(ftp://files)"), "unknown link"),
        (("title:", "colour: blue\ntitle:"), "unknown field"),
        (("steps: [rank_order_list]", "steps: [rank_order_list]\nfeatures: [visa]"), "features"),
    ],
)
def test_a_bad_field_stops_the_load_naming_file_and_field(tmp_path, edit, message):
    path = write(tmp_path) / "an-article.md"
    old, new = edit
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))
    with pytest.raises(LibraryError, match=r"an-article\.md") as error:
        load(tmp_path)
    assert message in str(error.value)


def test_a_link_to_a_missing_article_is_refused(tmp_path):
    with pytest.raises(LibraryError, match="unknown article"):
        load(write(tmp_path, other="not-written-yet"))


def test_missing_sources_are_refused(tmp_path):
    path = write(tmp_path) / "an-article.md"
    text = path.read_text()
    start = text.index("sources:")
    path.write_text(text[:start] + text[text.index("---\nBody") :])
    with pytest.raises(LibraryError, match="at least one source"):
        load(tmp_path)


def test_file_names_must_be_slugs_and_readme_is_skipped(tmp_path):
    write(tmp_path)
    (tmp_path / "README.md").write_text("# not an article")
    assert [a.slug for a in load(tmp_path).articles] == ["an-article"]
    write(tmp_path, name="Bad_Name", other="an-article")
    with pytest.raises(LibraryError, match="file name must be a slug"):
        load(tmp_path)
