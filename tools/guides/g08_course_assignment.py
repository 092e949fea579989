"""The prose and calls of notebooks/08_course_assignment.ipynb."""

from __future__ import annotations

from . import code, md, refs

STEM = "08_course_assignment"
CELLS = [
    md(
        """
        # A reflective assignment for your course

        This page is for students on a social work or nursing course. It starts an **assignment notebook**: a
        notebook of its own, laid out as your tutor set the assignment, with a cell to write in under each
        question and, if you like, some of your journal entries copied in, de-identified, to draw on. When you
        have written it, the same page **checks** it against the assignment's requirements, shows which
        elements of reflection each section seems to hold, and can make the web page you hand in.

        @HOW_TO_RUN@
        """
    ),
    md(
        """
        ## What a reflective assignment asks of you

        Most reflective assignments on placement ask for much the same things, whatever the course calls them:

        * **A named model**, used as the shape of the piece: for instance Gibbs' reflective cycle (Gibbs 1988),
          which goes from what happened, through your feelings, an evaluation and an analysis, to a conclusion
          and an action plan; or Driscoll's three questions, *What? So what? Now what?* (Driscoll 2007).
        * **A critical incident**: one moment from practice that stayed with you, because it went wrong,
          surprised you or made you question what you were doing. It need not be dramatic; it needs to matter
          to your learning.
        * **Your own feelings**, named honestly, the uncomfortable ones too, and what each pushed you to do.
        * **Theory**: research, law, policy or guidance used to understand what happened, not to decorate it.
        * **Other perspectives**: how the person you worked with, their family or a colleague might see it.
        * **An action plan**: what you will do differently, learn or try next time.
        * **A mapping** to your profession's framework, when asked: for social work students in England, the
          domains of the Professional Capabilities Framework (British Association of Social Workers 2018); for
          nurses, the four themes of the NMC Code.
        * **Depth**: writing that moves beyond describing towards questioning itself and seeing the wider picture.
          The four levels used here, from descriptive writing to critical reflection, come from Hatton and Smith
          (1995); notebook 04 explains them.
        * **Confidentiality**: never a real name, of a person, a colleague, a service or a place. Use roles or
          pseudonyms and leave out anything that could let a reader work out who it was. UK health and care
          regulators ask the same of any reflective writing (joint regulators' statement 2019). Each assignment
          notebook ends with a confidentiality statement for you to keep.
        """
    ),
    md(
        """
        ## Step 1: start an assignment

        Choose the assignment your tutor set from the list. Under it you see what it asks in plain words: its
        sections, the length of each and of the whole, the framework to map your work to, how many of its items to
        tick, and the depth of reflection expected. If your course has set up a folder of its own assignments for
        the workbook, they are in the list too.

        Then, if you want to draw on your journal, pick the entries to copy in (their dates and titles are listed,
        newest first; Ctrl or ⌘ to choose more than one). They are **de-identified** as they are copied: names in
        your people register become their pseudonyms, and other possible names, phone numbers, addresses and the
        like become labels such as “[name 1]”. Your journal itself is not changed. Read the copied entries all the
        same: the workbook cannot catch everything.

        **Create my assignment notebook** writes the notebook into the assignments folder of your private
        workspace, readable only by you, and shows where it is. Open it from there (in JupyterLab, from the link
        or from the file browser on the left). Each question is in a locked cell; write your answer in the cell
        under it, in place of *Write your answer here.*, and save often.
        """
    ),
    md(
        """
        ## Step 2: check your assignment

        **Save the assignment notebook first** (Ctrl+S, or ⌘+S on a Mac): the check reads the file as it was last
        saved, not what is on your screen. Then choose it from the list here (the newest is at the top) and press
        **Check**.

        **The checklist** has one line per requirement, each marked ✓ met or ✗ not met, in words as well as colour:
        every section written and within its length, the whole within its length, the confidentiality statement
        kept, enough framework items ticked, the depth line filled in at the level expected or deeper, enough
        journal entries pulled in, and nothing that looks like a phone number, an address or a name from your
        people register. A problem is named by its kind and section, never by the words found.

        **The elements view** takes each section you have written and shows the sentences that seem to hold each
        element of reflection: description, your own feelings, analysis, other perspectives, evaluation, and what
        will change. Where the assignment expects an element in a section and none is found, it says so. The
        sentences are your own writing, shown here to you only.

        **What they cannot do.** Both are rules a computer follows, not marking. The elements view goes by phrases
        (“I felt”, “according to”, “next time I will”), so it misses a feeling put another way and it can mistake a
        sentence that only sounds reflective. A checklist full of ticks says your work has the right parts, not that
        it is good. Your tutor reads it and decides.
        """
    ),
    md(
        """
        ## Step 3: hand it in

        What you hand in is either the **assignment notebook** itself, the `.ipynb` file in your assignments folder
        (in JupyterLab, right-click it in the file browser and choose **Download**), or, if your course asks for
        a document to upload, a **web page** made from it. **Make the web page to hand in** writes that page beside
        the notebook, readable only by you: your answers section by section with their word counts, the framework
        items you ticked, the depth you chose, the confidentiality statement and the entries you pulled in, without
        the tutor's prompts. It opens in any web browser, with nothing in it that runs or fetches anything. Before
        it is written it is checked for names from your people register, phone numbers, addresses and the like; if
        any is found, nothing is written and the form says what kind of thing it is and in which section, so you
        can change it in the notebook, save, and try again.

        Send it the way your course asks, usually through the university's learning site. Before you do, check it
        once more and read the whole of it as your tutor will. Your tutor may check a whole group's notebooks
        against the same requirements; they still read each one.
        """
    ),
    md(
        """
        ## Your assignment

        The form is below (in JupyterLab, run the page first: **Run ▸ Run All Cells**).
        """
    ),
    code(
        """
        import workbook as wb

        wb.course_assignment()
        """
    ),
    refs(
        "British Association of Social Workers. 2018. *Professional Capabilities Framework for Social Work in England*.",
        "Driscoll J. 2007. *Practising Clinical Supervision*. 2nd edn. Baillière Tindall.",
        "Gibbs G. 1988. *Learning by Doing*. Further Education Unit.",
        "Hatton N, Smith D. 1995. Reflection in teacher education: towards definition and implementation. *Teaching and Teacher Education* 11(1):33–49.",
        "Joint statement of the chief executives of statutory regulators of health and care professionals. 2019. *Benefits of becoming a reflective practitioner*.",
    ),
]
