"""The prose and calls of notebooks/10_cpd_and_revalidation.ipynb."""

from __future__ import annotations

from . import code, md, refs

STEM = "10_cpd_and_revalidation"
CELLS = [
    md(
        """
        # CPD and revalidation

        Your journal already holds the raw material your regulator asks for: conversations that taught you
        something, and what you did differently afterwards. This page turns chosen entries into the records
        **Social Work England** asks of social workers every registration year, and the records the **NMC** asks
        of nurses, midwives and nursing associates every three years. It also keeps count, so you can see at a
        glance how far you have got.

        The workbook helps you **write** the records. It does not send them anywhere: you copy or upload them
        on your regulator's own website yourself, and you stay responsible for what they say.

        @HOW_TO_RUN@
        """
    ),
    md(
        """
        ## What Social Work England asks

        Every social worker registered in England records their continuing professional development (CPD)
        during each **registration year, which runs from 1 December to 30 November**. By 30 November you need
        **at least two CPD records**, and **at least one of them must include peer reflection**: what you
        learned from talking the learning over with a colleague.

        Each record asks the same things: what type of CPD it was, a short description and why it is relevant
        to your practice, when it happened, what you learned, and the difference it has made to your practice
        and to the people you work with. You can link a record to the parts of standard 4 of Social Work
        England's professional standards, the standard about keeping your learning up to date; the form offers
        those parts as boxes to tick, each with a short label in our own words.

        A record of peer reflection names the colleague's **role**, never the colleague: “a social work
        colleague”, “my practice educator”.
        """
    ),
    md(
        """
        ## What the NMC asks

        Every three years, to revalidate, a nurse, midwife or nursing associate needs **five written reflective
        accounts**, on the NMC's own form (How to revalidate). Each account is about something from your
        practice: a piece of CPD, some feedback you received, or an event or experience at work. The form asks
        four things: what it was, what you learned from it, how you changed or improved your practice as a
        result, and how it is relevant to the Code. You also tick which of the Code's four themes it relates
        to: **prioritise people, practise effectively, preserve safety, promote professionalism and trust**.

        You then discuss your accounts with **another NMC registrant** in a **reflective discussion**, and
        record it on a second form, which the other registrant signs. That form asks for their name, NMC PIN
        and contact details. The workbook never keeps those: when you write a reflective discussion out, it
        leaves labelled blanks for them, and for both signatures, to fill in by hand.

        Give your revalidation date in the box at the top of the form and the workbook counts the accounts made
        in the three years before it, and says whether a reflective discussion is recorded.
        """
    ),
    md(
        """
        ## Records never name anyone

        Both regulators ask that reflective records identify nobody: not the people you work with, not their
        families, not your colleagues. Nine UK health and care regulators, the NMC among them, said the same in
        2019: reflections should be anonymised and focus on learning (joint regulators' statement 2019).

        So a record is checked like a supervision pack. When you press **Check for identifiers**, the workbook
        reads everything you wrote and lists each thing that could identify someone: a name in your people
        register, words that might be a name, phone numbers, postcodes, dates of birth and the like. Each row
        shows the words replaced by a **suggestion** (a pseudonym, or “[name 1]”); press **Show the words as
        written** to see them. Answer each row **Accept**, **Change to** or **Dismiss**, as in notebook 06.
        **Save record** only works once every row has an answer, and the record is checked once more before it
        is kept. Each written copy is checked again before it is written.
        """
    ),
    md(
        """
        ## Using the form

        1. **Where you are.** The first lines say how many Social Work England records you have this
           registration year, how many with peer reflection, whether you have met the minimum and how many days
           are left; and, with your revalidation date, how many of the five NMC accounts you have.
        2. **A new record.** Choose its kind, then the entries it comes from (by date and title; a record can
           also come from none, such as a course you went on). Write each part in your own words: the line
           under each box says what it is for. Press **Check for identifiers**, answer every row, and press
           **Save record**.
        3. **My records.** Choose a record, choose **Markdown**, **Web page** or **Word**, and press **Write
           it**. The form says where the file was written; only you can read it. Open it, check it, and copy it
           into your regulator's site or form. **Delete** removes a record from your journal after asking you
           to confirm; files already written stay where they are, so delete them yourself when you no longer
           need them.
        """
    ),
    md(
        """
        ## Evidence for the PCF domains

        If you are a social worker, the last part of the form gathers your evidence for the nine domains of the
        Professional Capabilities Framework (British Association of Social Workers 2018). Choose the dates (at
        first, this registration year) and press **Show**: under each domain, with a line on what it covers, are
        the entries and action points you have given it, by date and title, and at the end the domains with no
        evidence yet. It is a list for your own portfolio, to read and choose from, never a score: the framework
        is judged from your evidence as a whole. You give an entry its domains in the entry form (notebook 01,
        **PCF domains (social work)**), or with `workbook edit ID --pcf DOMAIN` on the command line.
        """
    ),
    md(
        """
        ## Your records

        The form is below (in JupyterLab, run the page first: **Run ▸ Run All Cells**).
        """
    ),
    code(
        """
        import workbook as wb

        wb.cpd_records()
        """
    ),
    refs(
        "British Association of Social Workers. 2018. *Professional Capabilities Framework for Social Work in England*.",
        "Joint statement of the chief executives of statutory regulators of health and care professionals. 2019. *Benefits of becoming a reflective practitioner*.",
        "NMC. *How to revalidate*.",
    ),
]
