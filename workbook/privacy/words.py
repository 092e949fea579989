"""Capitalised words that are not people: months, services, models, places, and common names

The finder of possible names (``capitals.py``) flags capitalised words it does not know, so
what it knows decides its precision. The lists are plain sets of case-folded words, kept
here as data rather than scattered through the rules; add to them rather than to the code.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    """The words of ``text``, case-folded; a possessive is matched without its 's."""
    words = text.casefold().replace("’", "'").split()
    return frozenset(words) | {w[:-2] for w in words if w.endswith("'s")}


# Titles that start a name: "Mr Jones", "Dr Patel", "Mrs B".
TITLES = _words("mr mrs ms miss mx dr prof professor rev revd cllr sir dame lady lord")

# Connectors that may sit inside a service or institution name ("Family Drug and Alcohol Court").
CONNECTORS = _words("of and for the & at in on upon")

# Lowercase particles inside surnames ("van der Berg", "da Silva").
PARTICLES = _words("van von der den de da di du le la al el bin ter ten")

# Words that end an institution's name; with a distinctive word in front it is identifying
# ("Riverside Academy"), with only generic words it is not ("the Children's Centre").
INSTITUTION_SUFFIXES: dict[str, str] = {
    **dict.fromkeys(_words("school academy college primary nursery preschool pre-school university"), "[school]"),
    **dict.fromkeys(_words("surgery practice clinic"), "[GP surgery]"),
    **dict.fromkeys(_words("hospital infirmary"), "[hospital]"),
    **dict.fromkeys(_words("hospice"), "[hospice]"),
    **dict.fromkeys(_words("home homes lodge house"), "[care home]"),
    **dict.fromkeys(_words("centre center ward unit"), "[service]"),
    **dict.fromkeys(_words("church mosque temple gurdwara synagogue chapel"), "[place of worship]"),
    **dict.fromkeys(_words("prison library"), "[institution]"),
    **dict.fromkeys(
        _words(
            "team teams service services trust council board authority department partnership foundation "
            "charity project society association court hub"
        ),
        "[organisation]",
    ),
}

# The words of services, teams, plans, laws and roles: capitalised in notes, never a person.
GENERIC = _words(
    """
    family families drug drugs alcohol children's childrens children child adult adults social care
    services service mental health community district nursing palliative specialist emergency
    intensive youth offending early help protection safeguarding local city county borough
    metropolitan royal general university primary secondary junior infant infants high grammar sixth
    form comprehensive special academy nursery day residential respite supported housing medical
    dental centre hospital hospice clinic surgery practice home homes unit ward court crown
    magistrates magistrates' appeal team duty assessment fostering foster adoption leaving virtual
    school schools education educational needs disability disabilities learning autism
    neurodevelopmental paediatric pediatric maternity neonatal acute admissions admission discharge
    liaison psychiatric psychiatry crisis treatment recovery substance misuse domestic abuse violence
    sexual referral referrals multi-agency front door contact hub out hours urgent rapid response night
    national regional integrated partnership trust foundation council authority department board
    panel conference conferences meeting meetings group core strategy review reviews initial need
    looked after independent reviewing officer officers guardian probation police prison young people
    people's women's men's parents parent parenting carers carer bereavement chaplaincy spiritual
    plan plans order orders act section part framework pathway standards gold just case cases
    continuing healthcare best interests interest capacity deprivation liberty lasting power
    attorney advance decision respect dnacpr do not attempt resuscitation cardiopulmonary
    national insurance universal credit benefits allowance personal independence payment council tax carer's
    signs safety around public law outline pre-proceedings proceedings letter before action
    care-proceedings placement placements kinship connected special guardianship supervision
    contact centre centres visit visits visiting home-visit assessment assessments single
    child-in-need in need protection conference transfer core-group looked-after pathway
    plan ehcp send senco designated safeguarding lead lado head teacher headteacher deputy
    class form tutor year reception nursery key stage gcse gcses a-level a-levels btec
    exams exam sats term half-term holidays holiday christmas easter ramadan eid diwali
    hanukkah passover new year's years bank easter christmas boxing valentine's halloween
    mother's father's day mothers fathers
    department ward room bay side theatre theatres recovery outpatients outpatient inpatient
    inpatients discharge lounge reception office offices desk line helpline hotline
    doctor doctors nurse nurses midwife midwives consultant consultants registrar registrars
    junior senior sister matron charge staff manager managers lead leads worker workers
    practitioner practitioners therapist therapists occupational physiotherapist physio speech
    language dietitian pharmacist chaplain imam priest vicar rabbi counsellor psychologist
    psychiatrist paediatrician gp gps health visitor visitors district social-worker
    advocate advocacy interpreter interpreters translator support supports key keyworker
    named principal student students trainee newly qualified asye nqsw apprentice
    supervisor supervisors supervision tutor tutors assessor practice educator placement
    """
)

# Capitalised words that are not people but may name an institution: calendars, reflective
# models, charities, brands, languages and faiths, family words ("Brookfield Primary School").
NOT_PEOPLE = _words(
    """
    macmillan marie curie sue ryder barnardo's nspcc samaritans mind cruse shelter citizens
    advice women's aid refuge action kids age uk hospiceuk hospice-uk
    english british welsh scottish irish northern european african caribbean asian black white
    mixed other polish romanian lithuanian somali eritrean syrian afghan kurdish pakistani indian
    bangladeshi nigerian ghanaian chinese arabic urdu punjabi bengali gujarati tamil portuguese
    spanish italian french german muslim christian catholic protestant jewish sikh hindu
    buddhist roma gypsy traveller travellers
    monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec
    spring summer autumn winter morning afternoon evening
    god lord allah jesus christ
    internet google whatsapp facebook instagram tiktok snapchat youtube zoom teams microsoft
    outlook word excel powerpoint iphone android xbox playstation fortnite roblox minecraft netflix
    tesco asda lidl aldi sainsbury's morrisons greggs mcdonald's primark argos boots amazon
    covid covid-19 coronavirus flu co-op bible quran koran torah ofsted cqc hmrc dwp nice
    birthday self
    gibbs kolb kolb's johns rolfe schön schon driscoll brookfield borton atkins murphy
    forrester gawande dartington buckman spikes sage thorne egan rogers bion winnicott
    gibbs's johns's rolfe's schön's driscoll's brookfield's mezirow freire heron's
    what so now what? so-what
    mum mum's mummy mom dad dad's daddy nan nan's nana nanny gran grandma grandad grandpa granny
    auntie aunty aunt uncle cousin brother sister stepdad stepmum
    ok okay yes no hello hi thanks thank please sorry dear
    note notes entry entries journal reflection reflections reflective debrief debriefs
    learning point points action actions next steps step outcome outcomes feelings feeling
    analysis conclusion description evaluation experience observation concept concepts
    conceptualisation experimentation abstract concrete active
    """
)

# Places that are not people but do locate an institution ("Bristol Royal Infirmary").
PLACES = _words(
    """
    uk england scotland wales britain london bristol bath leeds manchester liverpool birmingham
    sheffield newcastle nottingham leicester coventry bradford hull york cardiff swansea newport
    edinburgh glasgow aberdeen dundee belfast derry plymouth exeter southampton portsmouth brighton
    oxford cambridge norwich ipswich reading luton milton keynes northampton peterborough
    gloucester cheltenham swindon stoke wolverhampton sunderland middlesbrough durham carlisle
    lancaster preston blackpool bolton wigan stockport salford oldham rochdale huddersfield
    wakefield doncaster rotherham barnsley derby lincoln worcester hereford shrewsbury chester
    truro taunton yeovil weston-super-mare kent essex surrey sussex devon cornwall somerset
    dorset wiltshire hampshire berkshire yorkshire lancashire cheshire cumbria norfolk suffolk
    midlands north south east west
    """
)

# Words that commonly open a sentence of a note: at the start they say nothing about a name.
SENTENCE_STARTERS = _words(
    """
    a an the this that these those there here it its i i'm i've i'd i'll we we're we've our us
    me my mine myself
    you your he he's his him she she's her hers they they're their them who whom whose which what
    when where why how if then so but and or nor yet because although though while whilst after
    before since until unless as at by for from in into of on onto out over under with without
    about above across against along among around behind below beneath beside between beyond
    during except inside near off outside past through throughout toward towards upon within
    all any both each either every few many more most much neither no none not nothing some such
    someone somebody something everyone everybody everything anyone anybody anything nobody
    one two three four five six seven eight nine ten first second third last next later earlier
    today tonight yesterday tomorrow now soon often always never sometimes usually also again
    still just only even already perhaps maybe really very quite rather too well
    mum dad nan gran grandma grandad auntie uncle baby staff school family home work
    visited visit spoke speak met meet called call phoned phone rang ring told tell asked ask
    saw see discussed discuss explained explain reminded remind arranged arrange supported
    support took take gave give sent send emailed email texted text left leave went go drove
    drive reviewed review completed complete agreed agree attended attend joined join helped help
    made make had has have was were is are be been being do did does done will would could
    should shall may might must can cannot can't won't don't didn't doesn't isn't wasn't weren't
    felt feel thought think wondered wonder noticed notice found find wrote write read
    checked check planned plan started start finished finish tried try wanted want needed need
    felt seemed looked came come got get kept keep let put said say says stayed stay
    brought bring opened open closed close shared share raised raise escalated escalate
    handed hand followed follow update updated note noted present presented returned return
    received receive referred refer offered offer suggested suggest advised advise listened
    listen waited wait sat sit stood stand walked walk
    good bad hard difficult easy sad angry upset happy quiet tired worried anxious calm
    overall afterwards meanwhile however therefore instead otherwise anyway besides
    yes no ok okay thanks thank please sorry hello hi dear
    plan action actions reflection reflections description feelings evaluation analysis
    conclusion learning next outcome outcomes context background summary notes note update
    concerns concern risk risks strengths strength worries worry
    """
)

# Given names common in the UK (a starter, not a census): a capitalised word at the start of a
# sentence is flagged when it is one of these, since there it might be any word.
GIVEN_NAMES = _words(
    """
    aaliyah aaron abdul abdullah abigail adam adrian agnieszka ahmed aidan aisha alan albert alex
    alexander alexandra alfie ali alice alicia alison amanda amber amelia amina amir amy andrea
    andrew andy angela ann anna anne annie anthony archie arthur asha ashley ava barbara barry bella
    ben benjamin beth bethany bilal billy bob bobby brandon brenda brian bridget caitlin callum
    cameron carl carla carol caroline carys catherine charlie charlotte chelsea chloe chris
    christine christopher claire clare colin connor craig dan daniel danielle darren david dawn
    dean debbie deborah declan demi denise derek diane dominic donna dorota dylan ed eddie edward
    eileen elaine eleanor elizabeth ella ellie emily emma eric erin ethan eve evelyn evie faith
    fatima finley finn fiona frances frank fred freddie freya gail gareth gary gemma george
    georgia gillian glen gordon grace graham hamza hannah harley harper harriet harrison harry
    hassan hayley heather helen henry holly hugo ian ibrahim imogen isaac isabel isabella isabelle
    isla ivy jack jackie jacob jade jake james jamie jan jane janet jason jasmine jay jayden jean
    jennifer jenny jess jessica jill jim jimmy jo joan joanne joe joel john jon jonathan jordan
    joseph josh joshua joy joyce jude julia julie justin kacper kai karen kate katie kayla keisha
    keith kelly kerry kevin khadija kieran kim kirsty kyle lacey laura lauren layla leah lee leo
    leon lewis liam lily linda lisa logan lola lorraine louie louis louise lucas lucy luke lynn
    maddison maisie malik mandy marcus margaret maria marie mark marta martin mary mason matilda
    matt matthew maureen max maya megan mia michael michelle mike millie mohammed mohammad
    muhammad molly nadia naomi natalie nathan neil nicola nicole nina noah oliver olivia omar
    oscar owen paige pam pamela pat patricia patrick paul paula pauline peter phil philip phoebe
    piotr poppy priya rachel ravi rebecca reece rhys richard rita rob robert robyn rohan rory
    rosa rose rosie ross ruby ruth ryan sadie sally sam samantha samuel sandra sara sarah scarlett
    scott sean shannon sharon shaun sheila shirley simon sophia sophie stacey stella stephen
    steve steven stuart summer susan suzanne tariq teresa terry theo theodore thomas tim tina toby
    tom tommy tony tracey tracy tyler valerie vanessa victoria vince wayne wendy william yasmin
    yusuf zac zach zain zara zoe zoë
    """
)

# Words after which a capitalised word at the start of a sentence is most likely a person
# ("Dorota said", "Keisha was").
NAME_VERBS = _words(
    """
    said says told asked was is has had seemed looked came went cried shouted explained became felt
    wanted wants agreed refused disclosed mentioned arrived left called rang phoned texted emailed
    replied answered admitted denied reported needs can could would will did does and who
    """
)
