"""The prose and calls of notebooks/06_preparing_for_supervision.ipynb."""

from __future__ import annotations

from . import code, md, refs

STEM = "06_preparing_for_supervision"
CELLS = [
    md(
        """
        # Preparing for supervision

        This page makes a **supervision pack**: the entries you choose, de-identified, with your own questions
        for supervision, your open action points and, if you like, a summary of your patterns over the same
        weeks. Your supervisor reads it before you meet and writes feedback under each entry. Nothing leaves
        this computer until you send the file yourself.

        It takes three steps, all on the form at the bottom of the page: **choose** what to share, **check**
        everything that could identify someone, and **write** the pack.

        @HOW_TO_RUN@
        """
    ),
    md(
        """
        ## What supervision is for

        Kadushin (1976) described three functions of supervision in social work: **administrative** (the work
        itself: priorities, procedures, accountability), **educational** (learning from the work, and the
        knowledge and skills behind it) and **supportive** (the feelings the work stirs up, so that you can
        keep doing it well). He saw them carried out within a positive working relationship. Morrison (2005)
        added a fourth, **mediation**, between you and your organisation, and named the four management,
        development, support and mediation.

        A pack helps supervision serve all of these. Choosing entries beforehand means you arrive with the
        conversations that stayed with you rather than the ones that happen to be on your mind that morning,
        and writing your questions down makes it more likely that the hour is spent on what you need.
        Your supervisor may start a piece of feedback by naming the function it served, such as
        *Function: supportive*; when the feedback comes back into your journal, that is kept with it.
        """
    ),
    md(
        """
        ## What must never be shared

        Whatever you write for supervision should be about **your learning**, and it should not identify the
        people you work with. In 2019 nine UK health and care regulators, the NMC, HCPC and GMC among them, said
        that reflections should be anonymised and focus on learning (joint regulators' statement 2019); your
        university or employer will ask the same. Leave out, or replace:

        * **names** of the people you work with, their family, friends and neighbours: use pseudonyms or roles
          (“Parent Willow”, “the grandmother”);
        * **colleagues and agencies** by name: say “the duty manager”, “the hospice team”, “the school”;
        * **addresses, postcodes, phone numbers, email addresses, dates of birth**, and **NHS, National
        Insurance, case or court numbers**;
        * **places** that narrow things down: “a small town”, not the town's name;
        * **details that together point to one person**: a rare condition, an unusual job, a story that was in
          the local news.

        A pseudonym lowers the risk but does not remove it. Pseudonymised notes are still personal data under
        UK data protection law, and only information that can no longer be linked to anyone falls outside it
        (ICO 2025). Health details are special category data, which the law protects most. So share the least
        that serves the discussion, and follow your organisation's policy on what may be shared and how. (This
        is a summary of guidance, not legal advice.)
        """
    ),
    md(
        """
        ## Step 1: choose what to share

        **Which entries.** By default, the entries you flagged “bring to supervision” when you wrote or revised
        them. You can choose instead every entry between two dates, the entries carrying certain tags, the
        entries of one context, or pick entries by hand from a list of their dates and titles.

        **Which parts.** Tick the parts of each entry that go: the title, your answers to the model's stages, the
        narrative, the tags, your feelings before and after, the outcome, and the action points. Leaving a part
        out is often the simplest way to share less. Each entry's context always goes with it, so your
        supervisor knows what kind of work it was.

        **Your questions.** Write the questions you want to bring, one to a line. They go at the top of the
        pack, and they are checked like everything else.

        **Who it is for.** Your supervisor, or a peer (a colleague in peer supervision or a reflective group):
        the pack's title and wording change to suit.

        **Patterns.** Tick this to add a few sentences and charts about the weeks the entries cover: how many
        conversations, how they went, feelings before and after. They hold counts and categories, never the
        words of your entries.

        Then press **Find what could identify someone**.
        """
    ),
    md(
        """
        ## Step 2: check what could identify someone

        The workbook reads everything that would go into the pack and lists each thing that could identify
        someone: a name in your **people register** (a real name you told it to look for, wherever and however it
        is spelt), words that **might be a name** (a guess: two capitalised words, say), and **phone numbers,
        email addresses, postcodes, NHS and National Insurance numbers, dates of birth and addresses**. One person
        is one row, however many places they appear in.

        Each row shows where it was found, with the words replaced by the **suggestion**: the person's
        pseudonym for a registered name, “[name 1]”, “[name 2]”… for possible names, “[phone]” for a phone
        number. So a real name is not shown on the screen unless you press **Show the words as written** for
        that row (press it again to hide them). Answer every row:

        * **Accept** — use the suggestion, in every place;
        * **Change to** — use your own words instead, such as “Parent B” or “a neighbour”;
        * **Dismiss** — keep the words as written, because they identify nobody (a month, a place in general,
          a word that happened to start a sentence).

        The count above the rows says how many you have answered; the pack cannot be written until every row
        has an answer. **Accept every suggestion still unanswered** answers the rest at once, if you have read
        them. The same person has the same pseudonym throughout the pack.

        The check is a help, not a guarantee. It cannot know that “the only interpreter for that language in
        the county” points to one person. Press **Preview what the supervisor will see** and read the pack as
        your supervisor will before you write it.
        """
    ),
    md(
        """
        ## Step 3: write the pack

        **Write the pack** makes a notebook (an `.ipynb` file) and, if you leave the box ticked, a web page copy
        of it to read in any browser. The notebook holds only text, nothing to run:

        * a title, the dates the entries cover, and a note for the supervisor on how to give feedback;
        * an agenda (the entries, by date and title), your questions and your open action points;
        * the patterns summary and charts, if you chose them;
        * each entry with only the parts you chose, de-identified, and under each a cell for the supervisor's
          feedback; and one more cell at the end for feedback on the pack as a whole.

        The pack is sealed, so that when it comes back the workbook can tell it is the pack you made, and which
        entries each piece of feedback belongs to.

        Before anything is written the pack is checked once more, as the supervisor would receive it: for names
        in your register, numbers and addresses, words from entries you did not choose, the folder your journal
        is in, and anything a web page could run. If something is found, **nothing is written**; the form lists
        each problem by kind and by place in the file (never the words themselves) and says how to put it right,
        usually by answering a row differently or rewording an entry in notebook 04.

        The files are written into the private packs folder of your workspace, readable only by you, and the
        form shows where.
        """
    ),
    md(
        """
        ## Sending it

        **Encrypt it.** Tick **Encrypt the files with a passphrase** and type a passphrase twice: a few
        unrelated words are easy to say and hard to guess. The files are then written encrypted only (their
        names end in `.age`), never in plain. Tell your supervisor the passphrase **another way**, in person or
        by phone, never in the same email as the files. The form forgets the passphrase as soon as the pack is
        written; it is not kept anywhere, so nobody can recover it for you.

        **Use an approved route.** Send the file the way your organisation approves for confidential material:
        secure email, or a shared folder that only the two of you can open. Do not post it on a messaging app
        or a public cloud folder.

        **Afterwards.** Your supervisor opens the pack, writes feedback in the cells under the entries, saves it
        and sends it back; notebook 07 brings that feedback into your journal, beside each entry. Once it is
        back, delete the copies you no longer need, in your packs folder and in your sent email.
        """
    ),
    md(
        """
        ## Your pack

        The form is below (in JupyterLab, run the page first: **Run ▸ Run All Cells**).
        """
    ),
    code(
        """
        import workbook as wb

        wb.prepare_supervision()
        """
    ),
    refs(
        "ICO. 2025. *Anonymisation and pseudonymisation* (guidance).",
        "Joint statement of the chief executives of statutory regulators of health and care professionals. 2019. *Benefits of becoming a reflective practitioner*.",
        "Kadushin A. 1976. *Supervision in Social Work*. Columbia University Press.",
        "Morrison T. 2005. *Staff Supervision in Social Care: Making a Real Difference for Staff and Service Users*. 3rd edn. Pavilion.",
    ),
]
