"""The prose and calls of notebooks/09_course_tutor.ipynb."""

from __future__ import annotations

from . import code, md, refs

STEM = "09_course_tutor"
CELLS = [
    md(
        """
        # Checking a cohort's reflective assignments

        This page is for **tutors and practice educators**. Your students wrote their reflective assignments in
        the notebooks the workbook made for them (notebook 08) and sent them to you. Put all the notebooks for
        one assignment in one folder, and this page checks every one of them at once against the assignment's
        requirements. It shows one table, a row for each file, two charts, and lets you keep the table as a
        spreadsheet file.

        @HOW_TO_RUN@
        """
    ),
    md(
        """
        ## How to use it

        1. Save the students' notebooks (the `.ipynb` files) in one folder on this computer, for example a
           folder called `reflective-assignment` inside a `Marking` folder in your home folder. Only the
           notebooks directly in that folder are checked, not those in folders inside it.
        2. Type the folder in the **Folder** box, for instance `~/Marking/reflective-assignment` (`~` stands for
           your home folder).
        3. Press **Check every submission**. A bar shows how far the check has gone; a large cohort takes a few
           seconds.
        4. Read the **summary line**: how many submissions there are, how many meet every requirement, and any
           file that is not a submission (a damaged file, a notebook that was not made for an assignment, or one
           for another assignment), each with the reason.
        5. Read the **table**: one row per file, with *yes* or *no* for each requirement and the words written.
           Open a student's own notebook to see the details of what was not met: in notebook 08 a single
           notebook is checked with every reason written out.
        6. To keep the table, press **Save as CSV**. It is saved in the same folder as `cohort-` followed by
           today's date, unless you type another name or place. A CSV file opens in any spreadsheet program, and
           only you can read it on this computer.

        If the folder does not exist, or has no notebooks in it, the page says so and checks nothing.
        """
    ),
    md(
        """
        ## What the check does, and what it does not

        The check applies the assignment's **rules** and **counts**: is every section written (not empty and not
        still the prompt); are the words of each section, and of the whole piece, within the limits set; is the
        confidentiality statement kept as given; are enough domains or themes ticked in the mapping; is there a
        phone number, email address, postcode, date of birth, NHS or National Insurance number, street address
        or the name of a service in the writing; is the depth of reflection the student chose at least the
        depth the assignment asks for (the four levels of Hatton and Smith 1995); and, where the assignment asks,
        are enough journal entries drawn on.

        It **never gives a mark**, and it cannot tell whether a reflection is any good. A piece can meet every
        requirement and say little; a piece that misses a word limit can be thoughtful and honest. Marking is
        your judgement, made by reading the work.

        The check also looks for the **elements of reflection** in each section: description, the writer's own
        feelings, analysis with theory, other people's perspectives, evaluation, and change. It finds them by
        phrases, such as "I felt" or "next time I will", so it misses some and finds some that are not really
        there. Treat what it finds as a **prompt for your feedback**, something to look for when you read, never
        as a judgement of the student's reflection. The models behind the assignments are the student's
        structure, not a checklist: Gibbs' cycle (Gibbs 1988) and Driscoll's three questions (Driscoll 2007) are
        ways into reflection, and a good piece can use them loosely.
        """
    ),
    md(
        """
        ## Privacy: the submissions are your students' work

        A reflective assignment is written about real practice, even when every name has been changed. Keep the
        submissions in a **private folder** on a computer your course allows for students' work, not in a
        shared or public folder, and delete them when your course's rules say so.

        The table and the charts hold **no student's text**: only file names, counts, and met or not met for
        each requirement. A file name is chosen by the student, so it may hold their name; the CSV file is
        private to you for that reason. Nothing on this page is sent anywhere: it all happens on this computer.
        """
    ),
    md(
        """
        ## If your course uses nbgrader

        If your course marks notebooks with nbgrader, the students' notebooks can be moved into it as they are:
        the answer cells are nbgrader manual-graded cells.
        """
    ),
    code(
        """
        import workbook as wb

        wb.course_tutor()
        """
    ),
    refs(
        "Driscoll J. 2007. *Practising Clinical Supervision*. 2nd edn. Baillière Tindall.",
        "Gibbs G. 1988. *Learning by Doing*. Further Education Unit.",
        "Hatton N, Smith D. 1995. Reflection in teacher education: towards definition and implementation. *Teaching and Teacher Education* 11(1):33–49.",
    ),
]
