"""The prose and calls of notebooks/02_emotional_dynamics.ipynb."""

from __future__ import annotations

from . import code, md, refs

STEM = "02_emotional_dynamics"
CELLS = [
    md(
        """
        # Emotional dynamics: the tag vocabulary

        Tags give you words for what went on in a conversation, the same words each time, so that you can
        look back across many conversations and see what recurs. They come in five groups. Each tag has a short
        definition and a reference to where the idea comes from; the browser at the bottom of the page lists
        them all, with a filter, and lets you add tags of your own.

        @HOW_TO_RUN@
        """
    ),
    md(
        """
        ## 1. My feelings

        What you felt before, during or after the conversation. The words are sorted into six families after
        Willcox's *Feeling Wheel* (1982): **mad, sad, scared, joyful, powerful** and **peaceful**; *mixed feelings*
        belongs to none of them. Feelings differ in strength as well as in kind, so, in the spirit of Plutchik
        (1980), a feeling tag can take an intensity from 1 (mild) to 3 (strong). Where the words themselves form a
        ladder (irritated, angry, furious: our ladder, not Plutchik's), choose the word that fits instead.

        Naming feelings precisely is part of the reflection, not a preliminary to it. Course assessors ask for
        feelings that are *analysed* rather than listed, and in relationship-based practice your feelings can be
        evidence about the relationship itself (see *countertransference* below).
        """
    ),
    md(
        """
        ## 2. What the other person showed

        What you saw and heard from the person or family: distress, anger or hostility, fear, shame, relief,
        hope, denial or minimising, apparent cooperation without change, withdrawal or silence, openness,
        ambivalence, confusion. These are **observations, not diagnoses**: tag what they said and did, not what
        you suppose they meant by it.
        """
    ),
    md(
        """
        ## 3. Relational dynamics

        What went on between you and the person, and around you in your team and organisation, including the
        less conscious currents. In relationship-based practice the relationship is the vehicle of the help:
        every encounter is unique, behaviour has conscious and unconscious sides, inner and outer worlds affect
        each other, and the practitioner uses themselves in the work (Ruch 2005; Ruch, Turney & Ward 2010).

        * **Containment** (Bion 1962): overwhelming feelings are taken in by another person, made thinkable, and
          handed back in a form that can be borne. Ruch (2007) extends the idea to supervision and organisations:
          practitioners need containing too. Tag separately whether you *gave* containment or *received* it.
        * **Transference**: the person responds to you with feelings that belong to earlier relationships.
        * **Countertransference**: your own emotional response to the person, which can be useful evidence about
          what is happening between you.
        * **Projection**: unwanted feelings are located in someone else.
        * **Splitting**: people or agencies are seen as all good or all bad.
        * **Denial**: a painful reality is not taken in.
        * **Social defence** (Menzies 1960): routines such as task lists, depersonalising people and pushing
          decisions upwards protect staff from anxiety, at the cost of real contact.
        * **Parallel process** (Searles 1955): the dynamics of a case are replayed in supervision.
        * **Rupture and repair** (Safran & Muran 2000): a strain in the working alliance (the agreed goals and
          tasks, and the bond between you; Bordin 1979) shows as withdrawal or confrontation, and is then
          acknowledged and worked through together.
        * **Power and authority**: statutory power, and the tension between care and control.
        * **Heroic or stoical stance** (Dartington 2010): fighting adversity at any cost, or accepting limits and
          shaping what remains. The form also records this as your stance, and whether you felt both pulls at
          once (notebook 01).
        """
    ),
    md(
        """
        ## 4. The conversation itself

        How the hard part was handled. The five outcomes of notebook 01 are here (**held**, **avoided**,
        **softened**, **deferred by decision**, and **the person chose not to know**), with the
        qualities that make a hard conversation go well or badly: **directness** (the concern was stated
        plainly), **compassion** (feelings and point of view were acknowledged), **consequences clear** (the
        person knows what happens next), **authorship** (their goals, trade-offs and choices were sought), and
        **confrontational / own agenda** (you argued, or pushed your own agenda).

        The last matters because it is common. When Forrester and colleagues asked 40 child and family social
        workers how they would respond to vignettes of parents, the responses were often confrontational, and
        workers often pursued their own agenda (2008b). In 24 simulated interviews, in which an actor played a
        parent, the more empathic workers met less resistance and heard more from the parent, and were no less
        clear about the concerns (2008a). Empathy and clarity go together; they are not a trade.
        """
    ),
    md(
        """
        ## 5. Context

        The kind of work the conversation belonged to: child protection, family assessment, court or FDAC, end
        of life or palliative care, adult safeguarding, mental health, supervision, or other. FDAC (Family Drug
        and Alcohol Court) is a problem-solving court for care cases in which parental substance misuse is a
        key issue, with a specialist team working alongside the judge. Its London pilot evaluation found more
        parents stopping misuse and more families reunited (Harwin et al. 2011); the phase-two report (Harwin et
        al. 2014) and a five-year follow-up (Harwin et al. 2016) found the better outcomes sustained. A wider
        evaluation was also positive but could not firmly attribute the effects to FDAC itself (Papaioannou et
        al. 2023).
        """
    ),
    md(
        """
        ## Tags of your own

        If no tag says what you mean, add your own at the bottom of the browser: a short name, the group it
        belongs to, a definition in a sentence or two, and where the idea comes from (optional). It is kept in
        your journal and offered by every form you open afterwards. Type in the filter box to search names,
        definitions and authors (try *containment*, *Forrester* or *scared*).
        """
    ),
    code(
        """
        import workbook as wb

        wb.vocabulary_browser()
        """
    ),
    refs(
        "Bion WR. 1962. *Learning from Experience*. Heinemann.",
        "Bordin ES. 1979. The generalizability of the psychoanalytic concept of the working alliance. *Psychotherapy: Theory, Research and Practice* 16:252–60.",
        "Dartington T. 2010. *Managing Vulnerability*. Karnac.",
        "Forrester D, Kershaw S, Moss H, Hughes L. 2008a. Communication skills in child protection: how do social workers talk to parents? *Child and Family Social Work* 13:41–51.",
        "Forrester D, McCambridge J, Waissbein C, Rollnick S. 2008b. How do child and family social workers talk to parents about child welfare concerns? *Child Abuse Review* 17:23–35.",
        "Harwin J, Ryan M, Tunnard J et al. 2011. *The Family Drug and Alcohol Court (FDAC) Evaluation Project: Final Report*. Brunel University.",
        "Harwin J, Alrouh B, Ryan M, Tunnard J. 2014. *Changing Lifestyles, Keeping Children Safe: an evaluation of the first Family Drug and Alcohol Court (FDAC) in care proceedings* (phase-two report). Brunel University London.",
        "Harwin J et al. 2016. *After FDAC: outcomes 5 years later*.",
        "Menzies IEP. 1960. A case-study in the functioning of social systems as a defence against anxiety. *Human Relations* 13:95–121.",
        "Papaioannou K et al. 2023. *Evaluation of Family Drug and Alcohol Courts*. Foundations.",
        "Plutchik R. 1980. *Emotion: A Psychoevolutionary Synthesis*. Harper & Row.",
        "Ruch G. 2005. Relationship-based practice and reflective practice: holistic approaches to contemporary "
        "child care social work. *Child and Family Social Work* 10:111–23.",
        "Ruch G. 2007. Reflective practice in contemporary child-care social work: the role of containment. *British Journal of Social Work* 37:659–80.",
        "Ruch G, Turney D, Ward A (eds). 2010. *Relationship-Based Social Work*. Jessica Kingsley.",
        "Safran J, Muran J. 2000. *Negotiating the Therapeutic Alliance*. Guilford.",
        "Searles H. 1955. The informational value of the supervisor's emotional experiences. *Psychiatry* 18:135–46.",
        "Willcox G. 1982. The Feeling Wheel: a tool for expanding awareness of emotions and increasing spontaneity and intimacy. *Transactional Analysis Journal* 12(4):274–6.",
    ),
]
