"""The entry form's people field, and a small panel to rename, re-role or remove people.

:class:`PeopleField` replaces a bare ``TagsInput``, whose text box hides once it holds a
name and which drops a name not in the register without a word. Here the box to type in is
always shown; each chosen person is a chip with a ✕ to take them off; a typed name is looked
up in the register when Enter is pressed (so someone added in another notebook is found at
once, and the offered names are read again from the journal each time), and a name not in
the register is said to be so and handed to the "Add person" row with a role to choose.
Its ``value`` (the chosen pseudonyms) and ``allowed_tags`` (the register's) keep the names
the form used with the ``TagsInput``.

:class:`ManagePeople` renames a person (entries follow: they point at the person, not the
name), gives them a new role, replaces their aliases (typed into a password box, kept only
as digests), or removes them when no entry names them (the journal says how many do
otherwise). A typed alias is never shown back.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import ipywidgets as w
import traitlets

from ...errors import WorkbookError
from ...models import PERSON_ROLES
from .._common import ERROR_STYLE, NOTE_STYLE, OK_STYLE, css, esc, show

__all__ = ["ManagePeople", "PeopleField"]

PLACEHOLDER = "Type a pseudonym, then Enter"
ALIASES_HELP = (
    "Aliases: the real names or nicknames you might write by mistake, so the workbook can find them in "
    "what you share. Each is kept only as a one-way digest and never shown again; new ones replace all."
)


class PeopleField(w.VBox):
    """Chosen people as chips, and a box, always shown, to add one more."""

    value = traitlets.List(traitlets.Unicode())
    allowed_tags = traitlets.List(traitlets.Unicode())

    def __init__(
        self,
        people: Any,
        *,
        on_unknown: Callable[[str], None] | None = None,
    ) -> None:
        """``people``: the journal's register (``journal.people``); ``on_unknown(name)`` is
        told a typed name that is not in it (the form puts it in its "Add person" row)."""
        self._people = people
        self._on_unknown = on_unknown
        self.chips = css(w.HBox([], layout=w.Layout(flex_flow="row wrap")), "wb-people-chips")
        self.input = css(
            w.Combobox(placeholder=PLACEHOLDER, options=[], ensure_option=False, continuous_update=False),
            "wb-people-input",
        )
        self.message = css(w.HTML(""), "wb-people-message")
        self._unknown: str | None = None  # a typed name not in the register, until it is added
        super().__init__([self.chips, self.input, self.message])
        self.input.observe(lambda _: self._typed(), "value")
        self.observe(lambda _: self._draw(), "value")
        self.observe(lambda _: self._offer(), "allowed_tags")
        self.refresh()

    # -- the register ---------------------------------------------------------------------
    def refresh(self) -> list[str]:
        """Read the register's pseudonyms again (cheap: one small query)."""
        names = [p.pseudonym for p in self._people.list()]
        if names != self.allowed_tags:
            self.allowed_tags = names
        return names

    def _offer(self) -> None:
        self.input.options = tuple(p for p in self.allowed_tags if p not in self.value)

    # -- typing and choosing --------------------------------------------------------------
    def add(self, name: str) -> str | None:
        """Put the person called ``name`` (a pseudonym or alias, any casing) on the entry;
        returns their pseudonym, or None (and says so) if the register has no such person."""
        name = name.strip()
        if not name:
            return None
        self.refresh()
        found = self._people.find_pseudonym(name)
        if found is None:
            self._unknown = name
            self._say(
                f"‘{name}’ is not in your people register. Add them below with a role "
                "(a made-up name or a role, never a real name), or check the spelling.",
                ERROR_STYLE,
            )
            if self._on_unknown is not None:
                self._on_unknown(name)
            return None
        if found not in self.value:
            self.value = [*self.value, found]
        if found.casefold() == name.casefold():
            self._say("")
        else:  # typed as an alias: the pseudonym is shown, the alias never
            self._say(f"Added ‘{found}’, the pseudonym recorded for that name.", OK_STYLE)
        return found

    def remove(self, name: str) -> None:
        self.value = [p for p in self.value if p != name]

    def renamed(self, old: str, new: str | None) -> None:
        """Follow a change in the register: ``old`` is now ``new`` (None: removed)."""
        self.refresh()
        if new is None:
            self.remove(old)
        else:
            self.value = [new if p == old else p for p in self.value]

    def _typed(self) -> None:
        text = self.input.value
        if not text.strip():
            return
        if self.add(text) is not None:
            self.input.value = ""

    def _say(self, text: str, style: str = NOTE_STYLE) -> None:
        self.message.value = f"<span style='{style}' role='status'>{esc(text)}</span>" if text else ""

    def _draw(self) -> None:
        if self._unknown is not None and self._unknown.casefold() in {p.casefold() for p in self.value}:
            self._unknown = None  # added with "Add person": the box and the message are done with
            self._say("")
            self.input.value = ""
        chips = []
        for i, name in enumerate(self.value):
            chip = css(
                w.Button(
                    description=f"{name} ✕",
                    tooltip=f"Take {name} off this entry",
                    layout=w.Layout(width="auto"),
                ),
                "wb-people-chip",
                f"wb-people-chip-{i}",
            )
            chip.on_click(lambda _, name=name: self.remove(name))
            chips.append(chip)
        self.chips.children = tuple(chips)
        self._offer()


class ManagePeople(w.VBox):
    """Rename someone, give them a new role, or remove them (only when no entry names them)."""

    def __init__(self, people: Any, *, on_changed: Callable[[str, str | None], None] | None = None) -> None:
        """``on_changed(old, new)`` is told each rename (``new`` the new pseudonym), role
        change (``new == old``) and removal (``new`` None), so the form can follow."""
        self._people = people
        self._on_changed = on_changed
        self.toggle = css(w.ToggleButton(description="Manage people…", value=False), "wb-people-manage")
        self.person = css(w.Dropdown(options=[], description="Person"), "wb-manage-person")
        self.new_name = css(w.Text(placeholder="New pseudonym"), "wb-manage-new-name")
        self.rename_button = css(w.Button(description="Rename"), "wb-manage-rename")
        self.role = css(w.Dropdown(options=PERSON_ROLES, description="Role"), "wb-manage-role")
        self.role_button = css(w.Button(description="Change role"), "wb-manage-change-role")
        self.aliases = css(w.Password(placeholder="Real names or nicknames, separated by commas"), "wb-manage-aliases")
        self.aliases_button = css(
            w.Button(description="Replace aliases", tooltip="Kept only as one-way digests; never shown again"),
            "wb-manage-set-aliases",
        )
        self.remove_button = css(w.Button(description="Remove from register"), "wb-manage-remove")
        self.status = css(w.HTML(""), "wb-manage-status")
        self.panel = css(
            w.VBox(
                [
                    self.person,
                    w.HBox([self.new_name, self.rename_button]),
                    w.HBox([self.role, self.role_button]),
                    w.HTML(f"<span style='{NOTE_STYLE}'>{esc(ALIASES_HELP)}</span>"),
                    w.HBox([self.aliases, self.aliases_button]),
                    self.remove_button,
                    self.status,
                ]
            ),
            "wb-manage-panel",
        )
        show(self.panel, False)
        super().__init__([self.toggle, self.panel])
        self.toggle.observe(lambda _: self._opened(), "value")
        self.person.observe(lambda _: self._chosen(), "value")
        self.rename_button.on_click(lambda _: self.rename())
        self.role_button.on_click(lambda _: self.change_role())
        self.remove_button.on_click(lambda _: self.remove())
        self.aliases_button.on_click(lambda _: self.set_aliases())

    def _opened(self) -> None:
        show(self.panel, self.toggle.value)
        if self.toggle.value:
            self.refresh()

    def refresh(self, choose: str | None = None) -> None:
        register = self._people.list()
        current = choose or self.person.value
        self.person.options = [(f"{p.pseudonym} ({p.role})", p.pseudonym) for p in register]
        names = [p.pseudonym for p in register]
        self.person.value = current if current in names else (names[0] if names else None)
        self._chosen()

    def _chosen(self) -> None:
        none = self.person.value is None
        for button in (self.rename_button, self.role_button, self.aliases_button, self.remove_button):
            button.disabled = none
        if not none:
            self.role.value = self._people.get(self.person.value).role

    def _say(self, text: str, ok: bool) -> None:
        style = OK_STYLE if ok else ERROR_STYLE
        mark = "" if ok else "⚠ "
        self.status.value = f"<span style='{style}' role='status'>{mark}{esc(text)}</span>"

    def _run(self, action: Callable[[], str], old: str, new: Callable[[], str | None]) -> bool:
        try:
            message = action()
        except WorkbookError as exc:
            self._say(str(exc), ok=False)
            return False
        after = new()
        self.refresh(after)
        self._say(message, ok=True)
        if self._on_changed is not None:
            self._on_changed(old, after)
        return True

    def rename(self, name: str | None = None, new_name: str | None = None) -> bool:
        old = name or self.person.value
        new = (self.new_name.value if new_name is None else new_name).strip()
        if old is None:
            return False
        holder: dict[str, str] = {}

        def act() -> str:
            person = self._people.update(old, pseudonym=new)
            holder["new"] = person.pseudonym
            used = self._people.uses(person.pseudonym)
            self.new_name.value = ""
            return f"Renamed ‘{old}’ to ‘{person.pseudonym}’; {used} entr{'y' if used == 1 else 'ies'} follow."

        return self._run(act, old, lambda: holder.get("new"))

    def change_role(self, name: str | None = None, role: str | None = None) -> bool:
        who = name or self.person.value
        if who is None:
            return False
        role = role or self.role.value

        def act() -> str:
            person = self._people.update(who, role=role)
            return f"‘{person.pseudonym}’ is now recorded as {person.role}."

        return self._run(act, who, lambda: who)

    def set_aliases(self, name: str | None = None, aliases: list[str] | None = None) -> bool:
        """Replace someone's aliases (kept only as digests; the box is emptied, never echoed)."""
        who = name or self.person.value
        if who is None:
            return False
        names = aliases if aliases is not None else [a.strip() for a in self.aliases.value.split(",") if a.strip()]
        self.aliases.value = ""

        def act() -> str:
            person = self._people.update(who, aliases=names)
            return f"‘{person.pseudonym}’ now has {person.alias_count} alias(es), kept only as one-way digests."

        return self._run(act, who, lambda: who)

    def remove(self, name: str | None = None) -> bool:
        who = name or self.person.value
        if who is None:
            return False

        def act() -> str:
            person = self._people.remove(who)
            return f"Removed ‘{person.pseudonym}’ from your people register."

        return self._run(act, who, lambda: None)
