"""The prose and calls of notebooks/11_bring_and_take_your_journal.ipynb."""

from __future__ import annotations

from . import code, md

STEM = "11_bring_and_take_your_journal"
CELLS = [
    md(
        """
        # Bring your journal in, take it out

        Your reflections are yours, wherever you wrote them. This page brings entries you kept somewhere else
        into the workbook, and takes the workbook's entries out again, in a form other programs can open.
        Nothing here sends anything anywhere: every file stays on this computer, where you put it.

        @HOW_TO_RUN@
        """
    ),
    md(
        """
        ## Why bring your history in

        Many practitioners have years of notes before they start here: in a journal app on their phone, in a
        mood tracker, in a spreadsheet kept for supervision, in a folder of notes, or in another copy of the
        workbook on an old computer. Bringing them in puts them beside your new entries, so the patterns in
        notebook 05 and your CPD records in notebook 10 can draw on all of it, not just what you wrote this year.

        The workbook can read:

        * **Day One**: the export it makes for you (a .zip holding a JSON file, or the JSON file itself);
        * **Daylio**: its spreadsheet export (a .csv file) or its backup file;
        * **a spreadsheet** of your own, saved as CSV, with a row for each entry: the form asks which column
          holds the date, which the text and which the tags;
        * **Markdown notes**: a folder of text files, one for each entry;
        * **another copy of the workbook**: the JSON file it writes (see *Taking it out* below).

        The list of formats in the form is always the up-to-date one. You give the file's place on your
        computer, such as `~/Downloads/daylio_export.csv`, rather than uploading it: an uploaded file would be
        copied, with all your writing in it, into this notebook's saved page.
        """
    ),
    md(
        """
        ## What happens to your tags and moods

        Other apps have tags, activities or moods of their own. Before anything is brought in, the form lists
        each one with how many entries carry it, and you choose where it goes:

        * a **tag of the workbook's vocabulary**, if it means the same (a tag named like one of ours is matched
          for you, and you can change it);
        * **a tag of your own**, kept under its old name among your own tags, so nothing you used is lost;
        * **left out**, for a tag that means nothing here.

        A mood can become the **feelings rating** after the conversation, from 0 to 10 (@FEELINGS_SCALE@), or be
        left out. Daylio's moods come with a suggested rating; change it to what the mood meant to you.
        """
    ),
    md(
        """
        ## Look before anything is written

        **Look at the file** reads the file and nothing more. **Preview (writes nothing)** then goes through
        every entry as the import would, and tells you what would happen, without changing your journal: how
        many entries would be added, how many are already in your journal, the dates of the first and the last,
        the tags of your own that would be made, and which rows could not be read, each by its number in the
        file and why. Change a choice and preview again as often as you like.

        **Importing twice adds nothing.** Each entry brought in is given the same identity every time, so if you
        import the same file again (or a newer export that includes the old entries) the entries you already
        have are recognised, counted and left as they are. Only the new ones are added.
        """
    ),
    md(
        """
        ## When some rows are bad

        A row may have no date, a date that cannot be read, or something else the workbook cannot use. You
        choose what happens then:

        * **import nothing until every one can be imported**, the cautious choice (and the one set at first):
          nothing is saved, and the form lists the rows to fix in the file;
        * **import the good ones and leave the bad ones out**: the good ones are saved, and the form lists
          the ones left out, so you can add them by hand if they matter.

        Either way an import is all in one go: it never stops half-way, leaving part of a file in your journal.
        """
    ),
    md(
        """
        ## Names and numbers in what you bring in

        Notes written elsewhere were not written with the workbook's care about names. As they come in, their
        titles and text are checked for anything that could identify a person: a name in your people register,
        words that might be a name, phone numbers, NHS and National Insurance numbers, postcodes, dates of birth,
        addresses. The words themselves are never shown in the form; after the import it lists each entry that
        may name someone, by its number in the file, its date and what kind of thing was found.

        Read those entries in **notebook 04** (Review and revise), find each by its date, and change or take out
        what identifies a person before you share anything made from them, such as a supervision pack.
        """
    ),
    md(
        """
        ## Bringing entries in

        1. Type the place of the file (or folder) in **File or folder**.
        2. Leave **Format** on *Recognise it from the file*, or choose it if the form guesses wrong.
        3. Press **Look at the file**, check where each tag and mood goes, and press **Preview (writes nothing)**.
        4. Choose what to do if some rows are bad, and press **Import**. The bar shows how far it has got.
        """
    ),
    code(
        """
        import workbook as wb

        wb.import_form()
        """
    ),
    md(
        """
        ## Taking it out

        Choose the format by what you want the file for:

        * **JSON** holds everything: every entry (the trash too), earlier versions, your people register and
          your own tags. Use it to move to another computer, or to keep a copy outside the workbook, and bring
          it back with the form above. (The names you recorded for each pseudonym stay on this computer; record
          them again after a move.)
        * **CSV** is a spreadsheet: one row for each entry, one column for each answer. It opens in Excel,
          LibreOffice or Google Sheets, and comes back in with the form above. **Tag uses** is a second
          spreadsheet, one row for each tag you gave, with the passage it marks, for counting and coding.
        * **Markdown folder** writes each entry as a plain text file in a folder, readable in any text editor
          or in note apps that read Markdown, such as Obsidian. Like JSON it holds everything, and it comes
          back in with nothing lost.
        * **Day One** writes a .zip that Day One can import, if you want your entries in that app.
        * **REFI-QDA** is the exchange standard of qualitative research software: **QualCoder**, **Taguette**,
          **NVivo**, **ATLAS.ti** and **MAXQDA** read it. A **codebook** (.qdc) holds only your tags, arranged
          by group with their definitions, as codes: no entry at all. A **project** (.qdpx) holds the entries
          as documents with your tags marked on them as coding, ready to analyse.

        """
    ),
    md(
        """
        ## Keep every export private

        Every export except the codebook holds your own words in full, as private as your journal itself. The
        workbook writes each file so that **only you can read it** on this computer, and the form says where
        it is. Keep it off shared drives and out of email; copy it onto a memory stick only to move it, and
        **delete it when you are done**. The trash, your people register and your earlier versions go only into
        JSON and the Markdown folder.

        **Never export a real person's journal for research without their consent and ethics approval.** A
        REFI-QDA project made from practitioners' journals is research data about them, and about the people
        they work with: it needs the writer's informed consent, the approval of a research ethics committee,
        and the de-identification that approval asks for, before anyone else opens it. To try the research
        software out, export the demo journal instead.
        """
    ),
    md(
        """
        ## Writing a file

        Choose the **Format**, check **Write to** (it starts in your home folder, named with today's date), and
        press **Export**. Tick **Replace if it exists** only if you mean to overwrite an earlier file.
        """
    ),
    code(
        """
        wb.export_form()
        """
    ),
]
