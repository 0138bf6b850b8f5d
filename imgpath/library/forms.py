from __future__ import annotations

from django import forms

from imgpath.engines.library import PHASES, TOPICS
from imgpath.library.selectors import MAX_QUERY_LENGTH


class LibraryFilterForm(forms.Form):
    q = forms.CharField(
        label="Search the library", required=False, max_length=MAX_QUERY_LENGTH, strip=True
    )
    topic = forms.ChoiceField(
        label="Topic", required=False, choices=[("", "All topics"), *TOPICS.items()]
    )
    phase = forms.ChoiceField(
        label="Roadmap phase", required=False, choices=[("", "All phases"), *PHASES.items()]
    )


class ReviewIntervalForm(forms.Form):
    older_than = forms.IntegerField(
        label="Reviewed at least this many days ago",
        required=False,
        min_value=0,
        max_value=3650,
        help_text="Leave empty to use each article's own review interval.",
    )
