"""Ironic praise: constructions that make a sentence mean the opposite."""

from __future__ import annotations

import pytest

from stancekit.features.irony import ironic
from stancekit.features.target_polarity import FEATURE_NAMES, target_polarity_features


@pytest.mark.parametrize(
    "text",
    [
        '"Brilliant — close the bridge and call it road safety," one driver said.',
        "“Congratulations to the council — a car park nobody can reach,” she said.",
        '"How generous — another pay rise that ends up in the landlord\'s pocket," he said.',
        '"What a bargain: pay twice for the same broken parking meter," a trader said.',
        '"Oh, the poor shareholders, how they must suffer," the union leader said.',
        '"Oh yes, another consultation, that will fix the roads," she said.',
        '"Yes, and I suppose the broken street lights will fix themselves," she said.',
        '"Well done, council — another bridge to nowhere," one resident said.',
        "“Nothing builds trust like a meeting nobody was told about,” a resident said.",
        "“Heaven forbid the council should fail to waste our money,” the councillor said.",
        '"The new timetable is a triumph," the commuter quipped.',
        '"Another record year for the board," one shareholder said, rolling his eyes.',
    ],
)
def test_ironic_praise_is_recognised(text):
    assert ironic(text)


@pytest.mark.parametrize(
    "text",
    [
        '"Brilliant results for the pupils this year," the head teacher said.',
        '"Yes, we will appeal," the lawyer said.',
        '"Prices encourage waste — we have seen it before," the economist said.',
        "Good news: the bridge reopens on Monday",
        "The council congratulated the team on the new bridge.",
        "The minister praised the scheme as a great success.",
        # a quotation of plain relief or sorrow, a plural possessive, a
        # sincere answer, a report of a joke
        '"Good: the vote passed," the organiser said.',
        '"Oh no, the roof is gone," a neighbour said.',
        '"Such a shame — the old mill is gone," she said.',
        "It was the shops' best year — sales rose by a tenth.",
        '"Yes, because the bridge was unsafe, we closed it," the engineer said.',
        '"Nothing in the report looks like fraud," the auditor said.',
        '"I am not joking, this is serious," the mayor said.',
        "The comedian joked about his own age at the opening night.",
        "The minister didn’t laugh when the comedian joked about his age.",
        # praise, a congratulation or a mock assent the rest does not turn
        '"Brilliant — the best result this club has had in a decade," he said.',
        '"Well done to the team — they deserved this win," the coach said.',
        '"How wonderful — the whole street turned out to help," she said.',
        '"Oh yes, we will definitely be back next year," a visitor said.',
        '"Nothing brings a town together like a carnival," the mayor said.',
    ],
)
def test_sincere_praise_and_plain_dashes_are_not_irony(text):
    """The shapes of ironic praise count only when the quotation turns
    critical after them; sincere praise takes the same shapes."""
    assert not ironic(text)


def test_an_ironic_quote_sets_the_sarcasm_feature():
    target = "The council should close the Elm Street bridge."
    said = '"Brilliant — close the bridge and call it road safety," one driver said.'
    plain = '"Close the bridge and improve road safety," one driver said.'
    rows = target_polarity_features([target, target], [said, plain])
    column = FEATURE_NAMES.index("tp_sarcasm")
    assert rows[:, column].tolist() == [1.0, 0.0]
