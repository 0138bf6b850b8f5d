"""A person's season, to export and to erase: everything here is theirs alone, so erasure
deletes it (writers are not users and are not told)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from imgpath.season.models import Season

if TYPE_CHECKING:
    from imgpath.accounts.models import User


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def export_user_data(user: User) -> dict[str, Any]:
    seasons = Season.objects.filter(user=user).prefetch_related(
        "programs__history",
        "programs__letters",
        "programs__interviews",
        "statements__versions",
        "letters",
    )
    return {
        "seasons": [
            {
                "match_year": season.match_year,
                "time_zone": season.time_zone,
                "programs": [
                    {
                        "name": p.name,
                        "specialty": p.specialty,
                        "acgme_id": p.acgme_id,
                        "nrmp_code": p.nrmp_code,
                        "track": p.track,
                        "status": p.status,
                        "history": [
                            {"status": h.status, "changed_at": _iso(h.changed_at)}
                            for h in p.history.all()
                        ],
                        "notes": p.notes,
                        "tags": p.tags,
                        "signal": p.signal,
                        "rank": p.rank,
                        "travel_estimate_usd": p.travel_estimate_usd,
                        "statement": p.statement.title if p.statement else None,
                        "letters": [letter.writer_name for letter in p.letters.all()],
                        "interviews": [
                            {
                                "offered": i.offered,
                                "starts_at": _iso(i.starts_at),
                                "virtual": i.virtual,
                                "location": i.location,
                                "city": i.city,
                                "respond_by": _iso(i.respond_by),
                                "thank_you_sent_at": _iso(i.thank_you_sent_at),
                            }
                            for i in p.interviews.all()
                        ],
                    }
                    for p in season.programs.all()
                ],
                "statements": [
                    {
                        "title": s.title,
                        "specialty": s.specialty,
                        "versions": [
                            {"number": v.number, "text": v.text, "saved_at": _iso(v.created_at)}
                            for v in s.versions.all()
                        ],
                    }
                    for s in season.statements.all()
                ],
                "letters": [
                    {
                        "writer_name": letter.writer_name,
                        "writer_title": letter.writer_title,
                        "writer_email": letter.writer_email,
                        "specialty": letter.specialty,
                        "us_physician": letter.us_physician,
                        "us_clinical": letter.us_clinical,
                        "waived": letter.waived,
                        "requested_on": _iso(letter.requested_on),
                        "received_on": _iso(letter.received_on),
                    }
                    for letter in season.letters.all()
                ],
            }
            for season in seasons
        ]
    }


def erase_user_data(user: User) -> None:
    Season.objects.filter(user=user).delete()
