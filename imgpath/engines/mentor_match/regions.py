"""Which world region a country of graduation belongs to, for "near where you studied" reasons.

Sub-regions follow the United Nations M49 standard ("Standard country or area codes for
statistical use"), grouped where M49 splits finely (Western Asia and Northern Africa are
one "Middle East and North Africa" group here because IMGs from both share paths). Only
countries listed here get a region reason; any other country can still match by country.
"""

from __future__ import annotations

_GROUPS: dict[str, tuple[str, ...]] = {
    "South Asia": ("AF", "BD", "BT", "IN", "IR", "LK", "MV", "NP", "PK"),
    "Southeast Asia": ("BN", "ID", "KH", "LA", "MM", "MY", "PH", "SG", "TH", "TL", "VN"),
    "East Asia": ("CN", "HK", "JP", "KP", "KR", "MN", "MO", "TW"),
    "the Middle East and North Africa": (
        "AE", "BH", "DZ", "EG", "IQ", "IL", "JO", "KW", "LB", "LY", "MA", "OM", "PS",
        "QA", "SA", "SD", "SY", "TN", "TR", "YE",
    ),
    "West Africa": ("BJ", "BF", "CI", "CV", "GH", "GM", "GN", "GW", "LR", "ML", "NE", "NG",
                    "SL", "SN", "TG"),
    "East Africa": ("BI", "DJ", "ER", "ET", "KE", "MG", "MW", "MU", "MZ", "RW", "SO", "SS",
                    "TZ", "UG", "ZM", "ZW"),
    "Central and Southern Africa": ("AO", "BW", "CD", "CF", "CG", "CM", "GA", "LS", "NA",
                                    "SZ", "TD", "ZA"),
    "the Caribbean": ("AG", "BB", "BS", "CU", "DM", "DO", "GD", "HT", "JM", "KN", "LC",
                      "TT", "VC"),
    "Latin America": ("AR", "BO", "BR", "BZ", "CL", "CO", "CR", "EC", "GT", "GY", "HN", "MX",
                      "NI", "PA", "PE", "PY", "SR", "SV", "UY", "VE"),
    "Eastern Europe": ("BG", "BY", "CZ", "HU", "MD", "PL", "RO", "RU", "SK", "UA"),
    "Western and Southern Europe": ("AT", "BE", "CH", "DE", "ES", "FR", "GR", "IE", "IT",
                                    "NL", "PT", "GB"),
}  # fmt: skip

REGION_OF: dict[str, str] = {code: region for region, codes in _GROUPS.items() for code in codes}


def region_of(country: str | None) -> str | None:
    return REGION_OF.get((country or "").upper())
