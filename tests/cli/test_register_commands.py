"""people, tags and templates: aliases are never shown unless asked; errors name the fix."""

from __future__ import annotations

from cli_helpers import assert_one_line_error

from workbook import Journal


def test_people_never_shows_aliases(run, ready):
    listed = run("people", "list")
    assert listed.exit_code == 0
    assert "Parent A" in listed.output and "Jo Example" not in listed.output
    shown = run("people", "list", "--show-aliases")  # kept for old scripts: it cannot show them
    assert shown.exit_code == 0 and "Jo Example" not in shown.output and "cannot be shown" in shown.output
    added = run("people", "add", "Carer D", "--role", "Carer", "--alias", "Dee Real")
    assert added.exit_code == 0 and "Dee Real" not in added.output and "1 alias" in added.output
    assert "one-way digest" in added.output


def test_people_add_help_says_an_alias_is_kept_only_as_a_digest(run):
    text = " ".join(run("people", "add", "--help").output.split())
    assert "one-way digest" in text and "never shown again" in text
    assert "A real name or nickname this pseudonym stands for" not in text


def test_people_list_says_when_aliases_cannot_be_recognised(run, ready):
    from workbook import paths
    from workbook.journal.alias_key import journal_uid

    with Journal(ready) as journal:
        key = paths.alias_key_path(journal_uid(journal.connection))
    key.unlink()
    listed = run("people", "list")
    assert listed.exit_code == 0 and "alias key for this journal is missing" in listed.output
    doctor = run("doctor")
    assert "1 aliases cannot be recognised: the alias key for this journal is missing" in " ".join(
        doctor.output.split()
    )


def test_people_errors(run, ready, tmp_path):
    assert_one_line_error(run("people", "add", "parent a", "--role", "parent"), "already in the register")
    assert_one_line_error(
        run("people", "add", "New", "--role", "parent", "--alias", "Patient C"), "--alias:", "pseudonym"
    )
    assert_one_line_error(run("people", "add", "New", "--role", "wizard"), "'wizard' is not one of", code=2)
    assert_one_line_error(run("people", "add", "New"), "Missing option '--role'", code=2)
    empty = tmp_path / "empty.db"
    run("init", journal=empty)
    assert "register is empty" in run("people", "list", journal=empty).output


def test_tags(run, ready):
    with Journal(ready) as journal:
        journal.add_tag("Stuck feeling", "feelings", "Nothing moves.")
    result = run("tags")
    assert result.exit_code == 0
    assert (
        "My feelings [feelings]" in result.output and "anxious" in result.output and "*stuck-feeling" in result.output
    )
    context = run("tags", "--group", "context")
    assert "child-protection" in context.output and "anxious" not in context.output
    assert "Source:" in run("tags", "--group", "context", "--long").output
    assert_one_line_error(run("tags", "--group", "moods"), "No tag group 'moods'", "feelings")


def test_tags_without_a_journal_shows_the_bundled_vocabulary(run, path):
    assert "child-protection" in run("tags").output
    assert not path.exists()


def test_templates(run, tmp_path):
    result = run("templates")
    assert result.exit_code == 0
    assert "gibbs" in result.output and "driscoll" in result.output
    one = run("templates", "gibbs")
    assert "description:" in one.output and "action_plan" in one.output
    assert_one_line_error(run("templates", "nope"), "No template 'nope'", "gibbs")
    folder = tmp_path / "extra"
    folder.mkdir()
    (folder / "broken.yaml").write_text("id: broken\nname: Broken\nstages: []\n")
    reported = run("templates", env={"WORKBOOK_TEMPLATES": str(folder)})
    assert reported.exit_code == 0
    assert "Problem:" in reported.stderr and "broken.yaml" in reported.stderr
