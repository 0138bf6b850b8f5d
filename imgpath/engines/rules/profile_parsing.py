"""Kept so older imports work: profile parsing lives in ``imgpath.engines.profile``."""

from imgpath.engines.profile.parsing import ProfileError, parse_profile, profile_to_dict

__all__ = ["ProfileError", "parse_profile", "profile_to_dict"]
