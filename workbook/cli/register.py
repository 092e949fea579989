"""The registers a journal keeps beside its entries: ``people``, ``tags`` and ``templates``.

Aliases (the real names behind a pseudonym) are kept only as one-way digests, so they are
counted and never shown (``people list --show-aliases`` is kept for old scripts and says so).
``tags`` works without a journal (the bundled vocabulary), so a person can look before
creating one.
"""

from __future__ import annotations

import click

from ..models import PERSON_ROLES
from ._journal import journal_path, opened
from .terminal import echo, table


@click.group()
def people() -> None:
    """Pseudonyms for the people in your conversations.

    Entries name people only by pseudonym. For each you can record aliases (the real
    names and nicknames you might write by mistake) so the workbook can recognise them in
    text you share. An alias is kept only as a one-way digest under a key kept apart from
    the journal: it is never stored readable and can never be shown again.
    """


@people.command("add")
@click.argument("pseudonym")
@click.option(
    "--role", required=True, type=click.Choice(PERSON_ROLES, case_sensitive=False), help="Their role in your work."
)
@click.option(
    "--alias",
    "aliases",
    multiple=True,
    metavar="NAME",
    help=(
        "A name or nickname to recognise in text. Kept only as a one-way digest (never "
        "stored readable, never shown again). Repeat for more."
    ),
)
def people_add(pseudonym: str, role: str, aliases: tuple[str, ...]) -> None:
    """Add someone to the register under a pseudonym.

    Record an alias only if the workbook should recognise that name in what you write:
    it is kept as a one-way digest (up to four words), never readable in the journal, a
    backup or an export, and never shown again.

    \b
    Example:
      workbook people add "Parent A" --role parent --alias "Jo Bloggs" --alias Jo

    Then name them in entries by pseudonym: workbook add ... --person "Parent A".
    """
    with opened() as journal:
        person = journal.people.add(pseudonym, role.lower(), aliases)
    kept = " (kept as one-way digests)" if person.alias_count else ""
    echo(f"Added {person.pseudonym} ({person.role}) with {person.alias_count} alias(es){kept}.")


@people.command("list")
@click.option("--show-aliases", is_flag=True, hidden=True)
def people_list(show_aliases: bool) -> None:
    """List the pseudonyms in the register.

    Aliases (real names) are counted: they are kept only as one-way digests and cannot be shown.
    """
    with opened() as journal:
        register = journal.people.list()
        recognised = journal.people.can_recognise_aliases()
    if show_aliases:
        echo("Aliases are kept only as one-way digests and cannot be shown; their count is listed.", err=True)
    if not register:
        echo("The people register is empty; add someone with `workbook people add`.")
        return
    rows = [(p.pseudonym, p.role, str(p.alias_count)) for p in register]
    for line in table(("PSEUDONYM", "ROLE", "ALIASES (count)"), rows, caps=(30, 14, None)):
        echo(line)
    if not recognised:
        echo("These aliases cannot be recognised: the alias key for this journal is missing (see `workbook doctor`).")


@people.command("rename")
@click.argument("pseudonym")
@click.argument("new_pseudonym", metavar="NEW")
def people_rename(pseudonym: str, new_pseudonym: str) -> None:
    """Give someone a new pseudonym.

    Their entries (and earlier versions) follow, as they point at the person, not the name;
    their aliases still find them. The new pseudonym must not be in the register already.
    """
    with opened() as journal:
        old = journal.people.get(pseudonym).pseudonym
        person = journal.people.update(pseudonym, pseudonym=new_pseudonym)
        used = journal.people.uses(person.pseudonym)
    echo(f"Renamed {old} to {person.pseudonym} ({person.role}); {used} entr{'y' if used == 1 else 'ies'} follow.")


@people.command("role")
@click.argument("pseudonym")
@click.argument("role", type=click.Choice(PERSON_ROLES, case_sensitive=False))
def people_role(pseudonym: str, role: str) -> None:
    """Give someone a new role (one of the roles `people add --role` takes)."""
    with opened() as journal:
        person = journal.people.update(pseudonym, role=role.lower())
    echo(f"{person.pseudonym} is now recorded as {person.role}.")


@people.command("remove")
@click.argument("pseudonym")
def people_remove(pseudonym: str) -> None:
    """Take someone out of the register, with their aliases.

    Refused while any entry (trash included) names them: the error says how many. Rename
    them instead, or take them off those entries first.
    """
    with opened() as journal:
        person = journal.people.remove(pseudonym)
    echo(f"Removed {person.pseudonym} ({person.role}) from the people register.")


@click.command()
@click.option("--group", "group_id", metavar="GROUP", help="Only this group, e.g. feelings or context.")
@click.option("--long", "-l", "long_", is_flag=True, help="Also show each tag's definition and reference.")
def tags(group_id: str | None, long_: bool) -> None:
    """List the tags you can give an entry.

    The vocabulary has words for what you felt, what the other person showed, what went
    on between you, how the conversation went, and its context. Give a tag's id (or its label) to `workbook add --tag`. Tags marked * are your own.
    """
    from ..content.vocab import load_vocabulary
    from ..journal.store import Journal

    path = journal_path()
    if path.exists():
        with Journal(path) as journal:
            vocabulary = journal.vocabulary()
    else:
        vocabulary = load_vocabulary()
    groups = vocabulary.groups
    if group_id is not None:
        groups = tuple(g for g in groups if g.id == group_id.strip().lower())
        if not groups:
            raise click.ClickException(
                f"No tag group {group_id!r}; the groups are {', '.join(g.id for g in vocabulary.groups)}."
            )
    for n, group in enumerate(groups):
        if n:
            echo("")
        extra = " (intensity 1-3, e.g. anxious:2)" if group.intensity else ""
        echo(f"{group.label} [{group.id}]{extra}")
        members = vocabulary.in_group(group.id)
        id_width = max((len(t.id) for t in members), default=0) + 2
        for tag in members:
            mark = "*" if tag.custom else " "
            echo(f" {mark}{tag.id:<{id_width}}{tag.label}")
            if long_:
                echo(f"     {tag.definition}")
                echo(f"     Source: {tag.reference}")


@click.command()
@click.argument("template_id", metavar="[TEMPLATE]", required=False)
def templates(template_id: str | None) -> None:
    """List the reflective models (templates) you can write with.

    Gibbs, Driscoll, Johns and others, plus conversation debriefs. With a TEMPLATE id, shows its stages and prompts; give your answers to `workbook add`
    with --template ID --response STAGE=TEXT. Templates from WORKBOOK_TEMPLATES folders
    are included; broken template files are reported with the file and line.
    """
    from ..content.reflective_models import load_templates

    library = load_templates(warn=False)
    for problem in library.problems:
        echo(f"Problem: {problem}", err=True)
    if template_id is not None:
        if template_id not in library:
            raise click.ClickException(f"No template {template_id!r}; the templates are {', '.join(library)}.")
        template = library[template_id]
        echo(f"{template.name} [{template.id}] - {template.kind}")
        echo(template.summary)
        echo(f"Source: {template.reference}")
        for stage in template.stages:
            words = f" (at least {stage.min_words} words)" if stage.min_words else ""
            echo("")
            echo(f"{stage.id}: {stage.title}{words}")
            echo(f"  {stage.prompt}")
        return
    rows = [(t.id, t.kind, str(len(t.stages)), t.name) for t in library.values()]
    for line in table(("ID", "KIND", "STAGES", "NAME"), rows, caps=(26, 20, 6, None)):
        echo(line)


COMMANDS = (people, tags, templates)
