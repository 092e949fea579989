"""The prose and calls of notebooks/07_supervisor_view.ipynb."""

from __future__ import annotations

from . import code, md, refs

STEM = "07_supervisor_view"
CELLS = [
    md(
        """
        # Reading a supervision pack, and bringing the feedback back

        This page has two halves. The first is for the **supervisor** (or practice educator, tutor or peer) who has
        been sent a supervision pack: how to read it, write feedback in it and send it back. The second is for
        the **practitioner** who made the pack: how to bring that feedback into the journal, beside the entries
        it is about.

        You do not need to write or read any code: in JupyterLab choose **Run ▸ Run All Cells**, and a form
        appears under each half of the page.
        """
    ),
    md(
        """
        ## For the supervisor: what you have been sent

        A supervision pack is a small selection from a practitioner's reflective journal, made for one
        supervision session. The practitioner chose the entries and which parts of them to share; before the
        pack was written, every name, phone number, email address, postcode, date of birth, NHS number or
        National Insurance number the workbook found was shown to them, and they replaced it, took it out or
        kept it on purpose. Nothing else from the journal is in the
        pack: no other entries, no list of the people they work with, no way back to the journal itself.

        The pack holds an agenda, any questions they want to bring to supervision, their open action points,
        a few sentences and charts about the period, and then each chosen entry. Under each entry there is room
        for your feedback, and at the end there is room for feedback on the pack as a whole.

        It comes as a notebook file ending `.ipynb`. If it was sent by email or on a shared drive it may be
        encrypted, ending `.ipynb.age`: the practitioner will have told you the passphrase some other way, by
        phone or in person. There may also be a web page (`.html`) of the same pack, for reading only.
        """
    ),
    md(
        """
        ## Nothing needs to be run

        The pack is text and pictures only: it has no code in it, so nothing in it needs running. You can open
        it in JupyterLab and type straight into the cells that say *Supervisor: write your feedback…*, then save
        it and send it back.

        If the workbook is installed on your computer, the form below makes this easier:

        1. Put the pack in the same folder as this notebook, or type its full path into **Pack file**.
        2. Choose it in the list. For an encrypted file, type the passphrase.
        3. Press **Open**. The pack appears, and under each entry there is a box for your feedback.
        4. Write your feedback. If you like, choose the supervision function each comment served (see below).
        5. Press **Save for return**. Your feedback is saved beside the pack as a new file whose name ends
           `-feedback.ipynb` (or `-feedback.ipynb.age`, encrypted again with the same passphrase). The pack
           you were sent is left as it was, and the passphrase is not kept anywhere.

        You can open the `-feedback` file again later to carry on; saving it again replaces it. When you are
        done, send that file back the way you agreed with the practitioner.
        """
    ),
    md(
        """
        ## Writing feedback that helps

        Supervision does more than one job. Kadushin (1976) described three functions, carried out within a
        positive working relationship: **administrative** (the work meets the agency's standards and policies),
        **educational** (knowledge and skill grow) and **supportive** (the practitioner copes with the stress
        and feeling of the work). Morrison (2005) described four: **management**, **development**, **support**
        and **mediation** (between the practitioner and the organisation or other agencies), and asked
        supervisors to keep in mind everyone with a stake in the work: the people who use services, the staff,
        the organisation and partner agencies.

        Under each box you may name the function your comment served. It is optional. Over months it lets the
        practitioner see what kind of supervision they have been getting: a lot of case management and little
        support, say, is worth talking about.

        Feedback tends to help most when it:

        * responds to what the practitioner wrote, rather than to what you would have written;
        * names something specific they did well, and why it mattered;
        * asks one question that opens another point of view: the person's own, a child's, a colleague's, or
          what power and difference were doing in the room;
        * links how they felt to what they did, without judging the feeling;
        * answers the questions they brought, and suggests one concrete next step;
        * is short enough to talk through together in the session.

        If something you read worries you about safety or practice, do not leave it only as a written comment:
        raise it with the practitioner directly and through your usual routes. Write your feedback in the same
        careful way as the pack itself: no real names, addresses or other details that could identify anyone.
        """
    ),
    md(
        """
        ## Keep what you read confidential

        The pack is the practitioner's own reflective writing, shared with you for supervision. Nine UK health
        and care regulators, among them the NMC, the HCPC and the GMC, have said that reflections should be
        anonymised and centred on learning, and that registrants will not be asked for their personal reflective
        notes to investigate a concern about them (joint regulators' statement 2019). Social Work England is not
        among the signatories. Honest reflection depends on that trust.

        So: do not forward the pack or your reply to anyone else, and do not copy its text into other records.
        Keep the files on a computer or drive your organisation allows for this kind of work, and delete your
        copies once the session has happened and your feedback has been returned. De-identified is not the same
        as anonymous: someone who knows the case might still recognise it.
        """
    ),
    code(
        """
        import workbook as wb

        wb.supervisor_view()
        """
    ),
    md(
        """
        ## For the practitioner: bringing the feedback back

        When your supervisor sends the pack back, save the returned file (its name ends `-feedback.ipynb` or
        `-feedback.ipynb.age`) in the packs folder, where the workbook wrote the pack, or in the same folder as
        this notebook. Then, in the form below:

        1. Choose the file in the list, or type where it is. For an encrypted file, type the pack's passphrase.
        2. **From a** is who gave the feedback: it starts as the pack's (a supervisor, or a peer) and you can
           change it, to a practice educator or tutor for instance. **Given on** is the date of the feedback.
        3. Press **Check**. It says how many comments the file would add to how many entries, and changes
           nothing.
        4. Press **Add to my journal**. Each comment is added to the entry it was written under, with the
           supervision function if your supervisor named one. Feedback on the pack as a whole is added to every
           entry in the pack, starting "On the pack as a whole", so it stays with the entries it was about.

        Bringing the same file back twice adds nothing the second time. The workbook refuses a file that was
        not made from this journal, or whose list of entries was changed after it was made; it also refuses
        while an entry of the pack is in the trash (restore it first, in notebook 04) or after one was deleted
        for good. Nothing is added unless everything can be.

        You can then read the feedback with each entry in notebook 04 (Review and revise). Once it is in your
        journal, you may delete the returned file and the pack, here and wherever else you saved them.
        """
    ),
    code(
        """
        wb.bring_back_feedback()
        """
    ),
    refs(
        "Joint statement of the chief executives of statutory regulators of health and care professionals. 2019. *Benefits of becoming a reflective practitioner*.",
        "Kadushin A. 1976. *Supervision in Social Work*. Columbia University Press.",
        "Morrison T. 2005. *Staff Supervision in Social Care: Making a Real Difference for Staff and Service Users*. 3rd edn. Pavilion.",
    ),
]
