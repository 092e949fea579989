"""What the form tests share: a fixed day, the forms folder, reading a label, making and
filling an entry form."""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path

import workbook as wb
from workbook.forms import EntryForm

DAY = dt.date(2026, 3, 14)
FORMS_DIR = Path(wb.__file__).parent / "forms"


def text_of(label) -> str:
    """What an HTML label says, without markup."""
    return html.unescape(re.sub(r"<[^>]+>", "", label.value)).strip()


def make_form(journal, forms, **kwargs) -> EntryForm:
    kwargs.setdefault("autosave", False)
    kwargs.setdefault("today", DAY)
    form = EntryForm(journal, **kwargs)
    forms.append(form)
    return form


def fill(form: EntryForm) -> None:
    form.template.value = "gibbs"
    form.title.value = "Home visit: talking about the bruise"
    form.date.value = DAY
    form.context.value = "child-protection"
    form.people.value = ["Parent Willow"]
    form.stage_areas["description"].value = "I visited Parent Willow to talk about the bruise on Child Fern's arm."
    form.stage_areas["feelings"].value = "I was worried before I went in and dreaded the moment of saying it."
    form.narrative.value = "Afterwards I sat in the car for ten minutes."
    form.picker.row("anxious").checkbox.value = True
    form.picker.row("anxious").intensity.value = 2
    form.picker.row("dread").intensity.value = 3  # choosing an intensity chooses the tag
    form.outcome.value = "softened"
    form.stance.slider.value = 1
    form.stance_both.value = True
    form.depth.value = "dialogic"
    form.feelings_before.slider.value = 8
    form.feelings_after.slider.value = 4
    form.actions.value = "Ask my supervisor about the plan\n\n  Rehearse my opening sentence  \n"
    form.flagged.value = True
