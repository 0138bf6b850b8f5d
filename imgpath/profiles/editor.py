"""All profile sections as one editor: build the forms, the document, and place errors.

The engine's parser reports an error by path (`exams.oet.writing`); the editor puts it
on the form field a person can fix.
"""

from __future__ import annotations

import re
from typing import Any

from django.forms import Form

from imgpath.profiles.forms import (
    USMLE_SECTIONS,
    CertificationForm,
    ExperienceFormSet,
    OetForm,
    ProgressForm,
    SchoolForm,
    StatusForm,
    TargetsForm,
    UsmleForm,
)

_EXPERIENCE_PATH = re.compile(r"^experience\[(\d+)\](?:\.(\w+))?$")


class ProfileEditor:
    def __init__(self, document: dict[str, Any], data: Any = None) -> None:
        bound = data is not None
        args = (data,) if bound else ()

        def initial(value: dict[str, Any]) -> dict[str, Any]:
            return {} if bound else {"initial": value}

        self.status = StatusForm(
            *args, prefix="status", **initial(StatusForm.initial_from(document))
        )
        self.school = SchoolForm(
            *args, prefix="school", **initial(SchoolForm.initial_from(document))
        )
        self.usmle = [
            UsmleForm(*args, exam=exam, **initial(UsmleForm.initial_from(document, exam)))
            for exam in USMLE_SECTIONS
        ]
        self.oet = OetForm(*args, **initial(OetForm.initial_from(document)))
        self.certification = CertificationForm(
            *args, prefix="cert", **initial(CertificationForm.initial_from(document))
        )
        experience = [dict(item) for item in document.get("experience") or []]
        self.experience = ExperienceFormSet(
            data=data if bound else None,
            prefix="experience",
            initial=None if bound else experience,
        )
        self.targets = TargetsForm(
            *args, prefix="targets", **initial(TargetsForm.initial_from(document))
        )
        self.progress = ProgressForm(*args, **initial(ProgressForm.initial_from(document)))
        self._experience_rows: list[int] = []

    @property
    def forms(self) -> list[Form]:
        return [
            self.status,
            self.school,
            *self.usmle,
            self.oet,
            self.certification,
            self.targets,
            self.progress,
        ]

    def is_valid(self) -> bool:
        results = [form.is_valid() for form in self.forms] + [self.experience.is_valid()]
        return all(results)

    def document(self) -> dict[str, Any]:
        doc: dict[str, Any] = dict(self.status.to_document())
        school = self.school.to_document()
        if school:
            doc["medical_school"] = school
        exams = {form.exam: form.to_document() for form in self.usmle}
        exams["oet"] = self.oet.to_document()
        exams = {k: v for k, v in exams.items() if v}
        if exams:
            doc["exams"] = exams
        doc.update(self.certification.to_document())
        experience, self._experience_rows = [], []
        for index, form in enumerate(self.experience.forms):
            item = form.to_document()
            if item:
                experience.append(item)
                self._experience_rows.append(index)
        if experience:
            doc["experience"] = experience
        sections: tuple[tuple[str, TargetsForm | ProgressForm], ...] = (
            ("targets", self.targets),
            ("progress", self.progress),
        )
        for key, section_form in sections:
            section = section_form.to_document()
            if section:
                doc[key] = section
        return doc

    def add_error(self, path: str, message: str) -> None:
        form, field = self._locate(path)
        if form is None:
            self.status.add_error(None, f"{path}: {message}")
        else:
            form.add_error(field if field in form.fields else None, message)

    def _locate(self, path: str) -> tuple[Form | None, str | None]:
        head, _, rest = path.partition(".")
        if head.startswith("citizenships"):
            return self.status, "citizenship_1"
        simple = {
            "us_status": self.status,
            "current_visa": self.status,
            "current_location": self.status,
            "visa_preference": self.status,
            "pathways": self.certification,
            "ecfmg_certified": self.certification,
            "ecfmg_certified_date": self.certification,
            "licensed_abroad": self.certification,
        }
        if head in simple:
            return simple[head], head
        sections = {
            "medical_school": self.school,
            "targets": self.targets,
            "progress": self.progress,
        }
        if head in sections:
            return sections[head], rest.split("[")[0] or None
        if head == "exams":
            exam, _, field = rest.partition(".")
            by_exam = {form.exam: form for form in self.usmle} | {"oet": self.oet}
            return by_exam.get(exam), field or None
        match = _EXPERIENCE_PATH.match(path)
        if match and int(match.group(1)) < len(self._experience_rows):
            return self.experience.forms[self._experience_rows[int(match.group(1))]], match.group(2)
        return None, None
