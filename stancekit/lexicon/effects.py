"""Word lists for judging what a claim says about its subject across topics.

Written for stancekit from general knowledge of how policy arguments are
phrased, not drawn from any data set. An argument is good or bad news for
what it talks about through its effects: "reduces crime" and "prevents
disease" are good news although "crime" and "disease" are bad words, and
"increases unemployment" is bad news. :data:`DECREASE` verbs reverse the
value of what they act on; :data:`INCREASE` verbs pass it on. With no
valenced object after it, an effect verb acts on its subject instead
("unemployment was reduced", "crime is lower"), and so do the verbs of
change that take no object, :data:`FALL` and :data:`RISE` ("unemployment
fell" is good news, "complaints soared" bad). :data:`PROTECT` verbs keep
what follows "against" or "from" away ("protects against disease");
:data:`RARE` says that its subject is scarce ("famine is rare");
:data:`DEGREE_LOW` and :data:`DEGREE_HIGH` make less or more of the next
word only ("low crime", "high unemployment"); an effect reaches through
:data:`TRANSPARENT` nouns of amount or likelihood ("lowers the chances of
a recession").
:data:`GOOD_THINGS` and :data:`BAD_THINGS` add the valence of nouns a general
sentiment lexicon leaves neutral (growth, jobs, pollution, debt), and
:data:`EVALUATIVE_GOOD` / :data:`EVALUATIVE_BAD` the judgements arguments
make (effective, costly, unfair) that a lexicon of feelings misses.

:data:`MOTION_AGAINST` are the actions of a debate motion that argue against
their object ("ban X", "abolish X", "restrict X"): a claim that speaks well
of X then argues against the motion.

Each list is a set of single lower-case words, written as text and read
with :func:`~stancekit.lexicon.words`; effect verbs are listed in every
form they take.
"""

from __future__ import annotations

from stancekit.lexicon import words

__all__ = [
    "DECREASE",
    "INCREASE",
    "FALL",
    "RISE",
    "GOOD_THINGS",
    "BAD_THINGS",
    "EVALUATIVE_GOOD",
    "EVALUATIVE_BAD",
    "MOTION_AGAINST",
    "PROTECT",
    "RARE",
    "TRANSPARENT",
    "DEGREE_LOW",
    "DEGREE_HIGH",
]

# Verbs (and their forms) that make less of what follows them.
DECREASE = words("""
    reduce reduces reduced reducing reduction lower lowers lowered lowering
    decrease decreases decreased decreasing cut cuts cutting curb curbs curbed
    prevent prevents prevented preventing prevention avoid avoids avoided
    eliminate eliminates eliminated eliminating elimination eradicate
    eradicates eradicated end ends ended ending stop stops stopped stopping
    combat combats combating fight fights fighting fought tackle tackles
    tackled tackling alleviate alleviates alleviated alleviating ease eases
    eased mitigate mitigates mitigated limit limits limited limiting
    minimize minimizes minimized minimise minimises minimised deter deters
    deterred deterring counter counters countered remove removes removed
    removing relieve relieves relieved diminish diminishes diminished
    lessen lessens lessened shrink shrinks shrank slow slows slowed halt
    halts halted halting restrict restricts restricted restricting suppress
    suppresses suppressed discourage discourages discouraged decline declines
    declined fewer less lack lacks lacking loss losses lose loses lost
    undermine undermines undermined undermining erode erodes eroded eroding
    weaken weakens weakened weakening damage damages damaged damaging harm
    harms harmed harming hurt hurts hinder hinders hindered hindering impede
    impedes impeded destroy destroys destroyed destroying threaten threatens
    threatened threatening jeopardize jeopardizes jeopardise jeopardises
    violate violates violated violating deprive deprives deprived restrain
    restrains restrained stifle stifles stifled inhibit inhibits inhibited
    block blocks blocked blocking ban bans banned banning prohibit prohibits
    prohibited forbid forbids forbidding forbade abolish abolishes abolished
    without avoiding
""")

# Verbs that make more of what follows them, or bring it about.
INCREASE = words("""
    increase increases increased increasing raise raises raised raising
    boost boosts boosted boosting promote promotes promoted promoting
    encourage encourages encouraged encouraging improve improves improved
    improving enhance enhances enhanced enhancing strengthen strengthens
    strengthened strengthening create creates created creating generate
    generates generated generating cause causes caused causing produce
    produces produced producing lead leads led leading bring brings brought
    bringing foster fosters fostered fostering spur spurs spurred stimulate
    stimulates stimulated fuel fuels fueled fuelled expand expands expanded
    expanding grow grows grew growing spread spreads provide provides
    provided providing ensure ensures ensured ensuring protect protects
    protected protecting support supports supported supporting enable enables
    enabled enabling allow allows allowed allowing facilitate facilitates
    facilitated contribute contributes contributed contributing more greater
    higher rise rises rising rose result results resulted resulting
    exacerbate exacerbates exacerbated worsen worsens worsened aggravate
    aggravates aggravated deliver delivers delivered offer offers offered
    preserve preserves preserved maintain maintains maintained secure secures
    secured guarantee guarantees guaranteed advance advances advanced
""")

# Verbs of change that can take no object: less of their subject
# ("inflation fell", "crime declined by a fifth"), more of it ("complaints
# soared", "unemployment rose"). Those that are also effect verbs
# (decline, increase, rise, grow) act on a valenced word after them first;
# the rest act on their subject only, so "fell into poverty" is not read as
# less poverty. Verbs that usually take an object (halve, double, sink,
# plunge ... into, mount) are left out.
FALL = words("""
    fall falls fell fallen falling drop drops dropped dropping plummet
    plummets plummeted plummeting slump slumps slumped slumping tumble
    tumbles tumbled tumbling dwindle dwindles dwindled dwindling decline
    declines declined declining decrease decreases decreased decreasing
    shrink shrinks shrank shrunk shrinking
""")

RISE = words("""
    soar soars soared soaring climb climbs climbed climbing surge surges
    surged surging spike spikes spiked spiking rocket rockets rocketed
    rocketing rise rises rose risen rising increase increases increased
    increasing grow grows grew grown growing
""")

# Nouns and adjectives whose presence is good news.
GOOD_THINGS = words("""
    growth jobs employment prosperity wealth income wages savings investment
    innovation productivity efficiency competitiveness competition choice
    choices freedom freedoms liberty liberties rights right democracy
    stability security safety peace health wellbeing welfare education
    literacy opportunity opportunities equality fairness justice
    accountability transparency participation independence autonomy dignity
    tolerance diversity cooperation trust quality access development progress
    renewable clean sustainability sustainable recovery benefits benefit
    reform reforms accuracy reliability affordability resilience
    biodiversity conservation nutrition longevity survival expression
    creativity flexibility consent privacy
""")

# Nouns and adjectives whose presence is bad news.
BAD_THINGS = words("""
    crime crimes violence poverty unemployment inflation debt deficit deficits
    pollution emissions waste corruption fraud abuse abuses exploitation
    discrimination inequality injustice disease diseases illness obesity
    addiction death deaths mortality casualties injuries war wars conflict
    conflicts terrorism terrorist terrorists extremism instability insecurity
    risk risks danger dangers hazard hazards harm damage costs cost expense
    burden burdens recession crisis crises shortage shortages scarcity
    congestion overcrowding overpopulation flooding erosion deforestation
    displacement censorship oppression repression tyranny dictatorship
    propaganda bias monopoly monopolies inefficiency bureaucracy
    malinvestment bubble bubbles dependency dependence lawsuits litigation
    suffering stress anxiety depression suicide smoking homelessness famine
    hunger malnutrition contamination toxins radiation extinction
    unrest riots bloodshed genocide
""")

# Judgements an argument makes about a policy or a thing.
EVALUATIVE_GOOD = words("""
    effective efficient beneficial useful successful desirable necessary
    essential vital important valuable legitimate justified fair reasonable
    affordable cheaper safer healthier cleaner better superior optimal
    viable feasible practical sustainable reliable accurate accountable
    transparent responsible helpful positive constructive fruitful profitable
    productive innovative flexible appropriate proper legal lawful moral
    ethical democratic free voluntary protective worthwhile advantageous
    advantage advantages benefits benefit improvement improvements gains gain
    success stronger workable realistic afford affords
    fairer humane sensible overdue lifeline boon
""")
EVALUATIVE_BAD = words("""
    ineffective inefficient harmful detrimental useless unsuccessful
    undesirable unnecessary costly expensive unfair unjust unreasonable
    unaffordable dangerous risky unsafe unhealthy dirty worse inferior
    unviable unfeasible impractical unsustainable unreliable inaccurate
    irresponsible negative counterproductive wasteful unprofitable illegal
    unlawful immoral unethical undemocratic authoritarian coercive
    discriminatory arbitrary corrupt flawed misguided problematic controversial
    questionable dubious disadvantage disadvantages drawback drawbacks
    failure failures failed fails fail weaker adverse abusive exploitative
    manipulative deceptive misleading addictive toxic polluting destructive
    violent oppressive restrictive unworkable unrealistic reckless fantasy
    folly gimmick
    handout handouts giveaway giveaways boondoggle sham overreach intrusive
    invasive paternalistic elitist divisive pointless absurd bloated
    loophole loopholes stranded unenforceable unaccountable
""")

# Motion actions against their object: "ban X", "abolish X", "restrict X",
# "X should be banned".
MOTION_AGAINST = words("""
    ban bans banning abolish abolishing abolition prohibit prohibiting
    prohibition forbid forbidding outlaw outlawing criminalize criminalise
    criminalizing criminalising restrict restricting restriction limit
    limiting cap capping disband disbanding dissolve dissolving scrap
    scrapping end ending stop stopping oppose opposing reject
    rejecting boycott boycotting sanction sanctioning censor censoring
    close closing remove removing repeal repealing abandon abandoning
    eliminate eliminating reduce reducing lower lowering cut cutting tax taxing
    penalize
    penalise penalizing punish punishing harmful bad wrong dangerous
    offence offense crime illegal unjustified
    banned abolished prohibited forbidden outlawed criminalized criminalised
    restricted limited capped disbanded dissolved scrapped ended stopped
    closed removed repealed abandoned eliminated reduced lowered taxed penalized
    penalised punished censored boycotted rejected opposed
""")

# Verbs that keep what follows "against" or "from" away: "protects against
# disease", "shields tenants from eviction" are good news though "disease"
# and "eviction" are bad; without "against"/"from" they keep their object,
# as the INCREASE verbs do ("protects the wetlands").
PROTECT = words("""
    protect protects protected protecting guard guards guarded guarding
    shield shields shielded shielding safeguard safeguards safeguarded
    safeguarding insure insures insured insuring defend defends defended
    defending immunise immunises immunised immunize immunizes immunized
""")

# Predicates of scarcity: a bad thing that "is rare" or "is unlikely" is
# good news, a good one bad ("famine is rare in democracies").
RARE = words("""
    rare uncommon infrequent unlikely improbable
""")

# Nouns that stand for an amount or a likelihood of what follows "of": an
# effect acts through them ("lowers the chances of a recession", "cuts the
# number of burglaries"), and they carry no valence of their own there.
TRANSPARENT = words("""
    chance chances likelihood probability odds number numbers rate rates
    level levels incidence frequency amount amounts prevalence share
    proportion scale severity spread
""")

# Adjectives of degree: less or more of the next word only ("low crime",
# "low levels of pollution", "high unemployment"), or of their subject as a
# predicate ("crime is low", "wages are low").
DEGREE_LOW = words("low")
DEGREE_HIGH = words("high")
