"""The public coverage page: how much of the directory has a sourced value."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from imgpath.programs.coverage import SPECIALTY_FIELDS, directory_coverage
from imgpath.programs.policy import SPECS


@require_GET
def coverage(request: HttpRequest) -> HttpResponse:
    context = {
        "coverage": directory_coverage(),
        "specialty_fields": [SPECS[key] for key in SPECIALTY_FIELDS],
    }
    return render(request, "programs/coverage.html", context)
