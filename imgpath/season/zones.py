"""A program's time zone from its state: the zone most of the state's population uses, so
an interview shows the program's local time beside the applicant's. States split across
zones (for example Florida's panhandle) can be corrected per program."""

from __future__ import annotations

EASTERN, CENTRAL = "America/New_York", "America/Chicago"
MOUNTAIN, PACIFIC = "America/Denver", "America/Los_Angeles"

STATE_ZONES = {
    **dict.fromkeys(
        [
            "CT",
            "DC",
            "DE",
            "FL",
            "GA",
            "IN",
            "KY",
            "MA",
            "MD",
            "ME",
            "MI",
            "NC",
            "NH",
            "NJ",
            "NY",
            "OH",
            "PA",
            "RI",
            "SC",
            "VA",
            "VT",
            "WV",
        ],
        EASTERN,
    ),
    **dict.fromkeys(
        [
            "AL",
            "AR",
            "IA",
            "IL",
            "KS",
            "LA",
            "MN",
            "MO",
            "MS",
            "ND",
            "NE",
            "OK",
            "SD",
            "TN",
            "TX",
            "WI",
        ],
        CENTRAL,
    ),
    **dict.fromkeys(["CO", "MT", "NM", "UT", "WY", "ID"], MOUNTAIN),
    **dict.fromkeys(["CA", "NV", "OR", "WA"], PACIFIC),
    "AZ": "America/Phoenix",
    "AK": "America/Anchorage",
    "HI": "Pacific/Honolulu",
    "PR": "America/Puerto_Rico",
}


def zone_for_state(state: str) -> str:
    return STATE_ZONES.get(state, "")
