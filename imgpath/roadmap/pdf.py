"""The roadmap as a PDF: the same phases, steps, reasons and sources as the page."""

from __future__ import annotations

from io import BytesIO
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer

from imgpath.roadmap.presentation import STATUS_LABELS, source_line, warning_groups

_STYLES = getSampleStyleSheet()
_BODY = ParagraphStyle("body", parent=_STYLES["BodyText"], fontSize=9.5, leading=12.5)
_SMALL = ParagraphStyle(
    "small", parent=_BODY, fontSize=8, leading=10, textColor=colors.HexColor("#4f5d6b")
)
_STEP = ParagraphStyle("step", parent=_BODY, fontName="Helvetica-Bold", spaceBefore=6)
_STATUS_COLOURS = {"done": "#166534", "next": "#1d4ed8", "blocked": "#b42318", "todo": "#4f5d6b"}


def _p(text: str, style: ParagraphStyle = _BODY) -> Paragraph:
    return Paragraph(escape(text), style)


def roadmap_pdf(roadmap: dict[str, Any], *, person: str) -> bytes:
    buffer = BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=16 * mm,
        bottomMargin=16 * mm,
        title="IMGPath roadmap",
        author="IMGPath",
        # Uncompressed: a few kilobytes more, and the text stays searchable by any tool.
        pageCompression=0,
    )
    story: list[Any] = [
        _p(f"Roadmap for {person}", _STYLES["Title"]),
        _p(f"Target Match: {roadmap['match_year']} · computed on {roadmap['today']}", _SMALL),
        _p(
            "Guidance, not legal or immigration advice. Each step lists the sources it rests on "
            "with their date and tier (A official, B reputable secondary, C unverified).",
            _SMALL,
        ),
        Spacer(1, 4 * mm),
    ]
    story += _warnings(roadmap)
    for phase in roadmap["phases"]:
        story.append(
            _p(
                f"{phase.get('title', phase['id'])} — {STATUS_LABELS[phase['status']]}",
                _STYLES["Heading2"],
            )
        )
        story += [KeepTogether(_step(step)) for step in phase["steps"]]
    doc.build(story)
    return buffer.getvalue()


def _warnings(roadmap: dict[str, Any]) -> list[Any]:
    groups = warning_groups(roadmap)
    important = groups["blocker"] + groups["warning"] + groups["info"]
    if not important and not groups["unverified"]:
        return []
    items: list[Any] = [_p("Warnings", _STYLES["Heading2"])]
    items += [
        _p(f"• [{w['severity']}]{' [unconfirmed]' if w.get('unconfirmed') else ''} {w['message']}")
        for w in important
    ]
    if groups["unverified"]:
        items.append(
            _p(
                f"• {len(groups['unverified'])} rules behind this roadmap are not yet confirmed "
                "by an official, current source; they are marked “unconfirmed” below."
            )
        )
    return items


def _step(step: dict[str, Any]) -> list[Any]:
    colour = _STATUS_COLOURS.get(step["status"], "#4f5d6b")
    title = escape(step.get("title", step["id"]))
    status = STATUS_LABELS[step["status"]]
    heading = f'<font color="{colour}">[{status}]</font> {title}'
    if step["due"]:
        heading += f" — due {step['due']}"
    if step.get("unconfirmed"):
        heading += ' <font color="#8a4b00">[unconfirmed]</font>'
    parts: list[Any] = [Paragraph(heading, _STEP)]
    if step.get("overdue"):
        parts.append(_p(f"Overdue: {step['overdue']}"))
    parts.append(_p(step["reason"]))
    parts += [_p(source_line(source), _SMALL) for source in step["sources"]]
    return parts
