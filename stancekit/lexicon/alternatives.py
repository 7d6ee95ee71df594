"""Pairs of rival options: what a claim may speak of instead of its topic.

Written for stancekit from general knowledge of how policy debates are
framed, not drawn from any data set. A debate motion names one option
("public schools", "a ban", "nuclear power"); many arguments speak of its
rival instead ("private schools are better run", "allowing it ...",
"renewables are cheaper"), and praising the rival argues against the
motion (Bar-Haim et al., 2017, call this the claim target's *contrast*
relation to the topic target).

:data:`RIVALS` is one line per group of options that stand against each
other: each side is a set of word forms separated by ``/``, sides are
separated by ``|``. Words are lower case and matched on the forms written
(no stemming beyond what is listed).
"""

from __future__ import annotations

__all__ = ["RIVALS", "rival_sides"]

RIVALS = """
    ban/bans/banned/banning/prohibit/prohibited/prohibition/outlaw/outlawed/illegal/forbid/forbidden/criminalize/criminalise/criminalizing/criminalising | allow/allowed/allowing/permit/permitted/legal/legalize/legalise/legalized/legalised/legalizing/legalising/legalisation/legalization/decriminalize/decriminalise/decriminalization/decriminalisation
    public/state/nationalised/nationalized/nationalisation/nationalization | private/privately/privatised/privatized/privatisation/privatization
    centralised/centralized/centralisation/centralization/central/planned/planning | decentralised/decentralized/decentralisation/decentralization/local/market/markets
    government/regulation/regulated/regulate/intervention | market/markets/deregulation/deregulated/laissez
    socialism/socialist/communism/communist | capitalism/capitalist
    democracy/democratic/democracies/elected/elections | dictatorship/dictator/dictators/authoritarian/autocracy/autocratic/monarchy/monarch/appointed/unelected
    monarchy/monarch/monarchs/royal/royals | republic/republican/president/elected
    compulsory/mandatory/obligatory/required/conscription/enforced | voluntary/optional/choice/elective
    religious/religion/faith/church/theocracy | secular/secularism/atheism/atheist
    renewable/renewables/solar/wind | fossil/coal/oil/gas
    nuclear | renewable/renewables/solar/wind
    organic | conventional/pesticides/intensive
    natural | artificial/synthetic/manufactured
    traditional/tradition/conventional | modern/alternative/alternatives/innovative
    single/segregated | coeducational/coeducation/mixed
    protectionism/protectionist/tariffs/tariff | globalisation/globalization/liberalisation/liberalization
    national/domestic/nationalism | international/global/globalisation/globalization/foreign
    military/war/force/intervention/sanctions | diplomacy/diplomatic/negotiation/negotiations/dialogue/peace
    punishment/punitive/prison/prisons/incarceration/imprisonment | rehabilitation/reform/community
    cars/car/driving/motorists | transit/buses/trains/cycling/bicycles/walking
    meat/livestock | vegetarian/vegetarians/vegan/vegans
    online/digital/internet/virtual | printed/print/paper/offline
    direct | representative/parliament/parliamentary
    unilateral | multilateral
    individual/individuals/individualism | collective/community/society
    rural | urban/cities
    homeschooling | schools/school/schooling
"""


def rival_sides() -> list[tuple[frozenset[str], frozenset[str]]]:
    """Every pair of rival sides of :data:`RIVALS`, as two word sets.

    Examples
    --------
    >>> sides = rival_sides()
    >>> any("private" in a and "public" in b or "public" in a and "private" in b
    ...     for a, b in sides)
    True
    """
    pairs = []
    for line in RIVALS.strip().splitlines():
        sides = [frozenset(s.split("/")) for s in line.replace(" ", "").split("|")]
        for i, a in enumerate(sides):
            for b in sides[i + 1 :]:
                pairs.append((a, b))
    return pairs
