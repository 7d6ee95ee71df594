"""Tests for stancekit.text.quotes: which sentences are quotations, who said them.

The articles here are written for these tests in several house styles (wire
copy, magazine features, tabloid). Sentence spans are built by hand so that
the tests do not depend on the sentence splitter.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import stancekit.text
from stancekit.errors import InputError
from stancekit.text import quotes
from stancekit.text.names import (
    _ABBREVIATIONS,
    CONNECTORS,
    QUOTE,
    TOKEN_RE,
    Memory,
    Mention,
    find_mentions,
    find_runs,
    is_name_token,
    names_nobody,
    opens_on_unnamed_person,
    tokens_of,
)
from stancekit.text.page_rules import words_of
from stancekit.text.quotes import _QUOTE_CHAR_RE, _find_regions, attribute_quotes
from stancekit.text.speech import ATTRIBUTING_WORDS, Attributor, may_attribute


def article(*paragraphs):
    """(in_quote, speaker) per sentence of an article whose paragraphs
    (lists of sentences) are joined by blank lines.

    A paragraph may be a ``(kind, [sentences])`` pair to give its block kind.
    """
    text = ""
    spans, index, kind_of = [], [], []
    for number, paragraph in enumerate(paragraphs):
        kind, sentences = (
            paragraph if isinstance(paragraph, tuple) else ("body", paragraph)
        )
        if text:
            text += "\n\n"
        for k, sentence in enumerate(sentences):
            if k:
                text += " "
            spans.append((len(text), len(text) + len(sentence)))
            text += sentence
            index.append(number)
            kind_of.append(kind)
    return attribute_quotes(text, spans, index, kind_of)


def spans_of(text, sentences):
    """Offsets of the given sentences, found in order in ``text``."""
    spans, position = [], 0
    for sentence in sentences:
        start = text.index(sentence, position)
        spans.append((start, start + len(sentence)))
        position = start + len(sentence)
    return spans


def one(sentence, kind="body"):
    """(in_quote, speaker) of a one-sentence article."""
    return article((kind, [sentence]))[0]


# ---------------------------------------------------------------------------
# in_quote


@pytest.mark.parametrize(
    "sentence",
    [
        "“We will not back down,” he said.",
        '"We will not back down," he said.',
        "‘We don’t want a war with anyone,’ she said.",  # British single quotes
        "'We don't want a war with anyone,' she said.",
        "’We don’t want a war with anyone,’ she said.",  # ’ typed for both marks
        "‘The workers’ rights are not for sale,’ the union leader said.",
        "«Nous ne reculerons pas», a-t-il dit.",
        "He told the rally: “We will win this fight.”",
        "She said, “Nobody asked us.”",
        "“No,” he said.",
        "He described the plan as “a dangerous step towards war with our neighbours”.",
        "“Shocking!” fumed the furious mum-of-three.",
        "„Wir geben nicht auf“, sagte Berg.",
        "“He told me ‘never again’, and I believed him,” she said.",
        "''I love it,'' he said.",  # two apostrophes for each double mark
        "''We expect an answer,'' said Mr. Lane. ",
        'The governor attacked his rival for her plan, saying, "She is reckless."',
    ],
)
def test_direct_quotations_are_in_quote(sentence):
    assert one(sentence)[0] is True


@pytest.mark.parametrize(
    "sentence",
    [
        "Critics dismissed the so-called “peace plan” as a delay tactic.",
        'The "reform" has been delayed again, officials said.',
        "The army launched “Operation Iron Shield” on Monday morning.",
        "She is reading “The Lord of the Rings” to her class.",
        "Putin’s aides don’t expect a deal before the summer’s end.",
        'The stadium has a 27" screen in every box and 40 rows of seats.',
        "The ’90s were a different time for the club's fans.",
        "Prices rose by 3% in May.",
        "The agency's rules and the senator's views on the port's future differ.",
        '<tweet tweet-id="75885564" author="@someone"><tweet/>.',  # markup
    ],
)
def test_scare_quotes_titles_and_apostrophes_are_not_in_quote(sentence):
    assert one(sentence)[0] is False


def test_a_quotation_covering_most_of_a_sentence_is_in_quote():
    # Two words only, but the sentence is little else.
    assert one("Her verdict was “utterly pointless”.")[0] is True


def test_a_multi_sentence_quotation_gives_its_speaker_to_every_sentence():
    result = article(
        [
            "“We will not back down.",
            "This is our land.",
            "Nobody will take it from us,” Defence Minister Olga Petrenko said.",
        ]
    )
    assert result == [(True, "Olga Petrenko")] * 3


def test_the_splitter_convention_closing_mark_with_attribution():
    text = "“We will not back down. This is our land,” he said."
    sentences = ["“We will not back down.", "This is our land,” he said."]
    spans = spans_of(text, sentences)
    assert [q for q, _ in attribute_quotes(text, spans, [0, 0])] == [True, True]


def test_text_after_a_closed_quotation_is_not_in_quote():
    result = article(
        [
            "“We are ready,” Mayor Jonas Berg said.",
            "The council meets again in March.",
        ]
    )
    assert result[1] == (False, None)


def test_a_quotation_continued_into_the_next_paragraph():
    # Newswire: the first paragraph ends without a closing mark, the next
    # one opens with a quote mark; the attribution comes at the very end.
    result = article(
        ["Union leader Rosa Klein addressed the crowd."],
        ["“Someone who works full time should not have to choose.", "It is wrong."],
        ["“Fifteen euros is not a luxury,” she told the rally."],
    )
    assert [q for q, _ in result] == [False, True, True, True]
    assert {s for _, s in result[1:]} == {"Rosa Klein"}


def test_a_forgotten_closing_mark_ends_where_the_next_quotation_opens():
    result = article(
        [
            "“We will fight on, she said.",
            "Officials said the talks were over.",
            "“We are ready,” Mayor Jonas Berg said.",
        ]
    )
    # The second sentence is still inside the unclosed quotation.
    assert [q for q, _ in result] == [True, True, True]
    assert result[2] == (True, "Jonas Berg")


def test_a_continued_quotation_attributed_at_its_start():
    result = article(
        ["Defence Minister Olga Petrenko said: “We will fight."],
        ["“We will win.”"],
    )
    assert result == [(True, "Olga Petrenko")] * 2


def test_an_attribution_between_two_parts_of_one_quotation():
    assert one("“We will fight,” Mayor Jonas Berg said, “and we will win.”") == (
        True,
        "Jonas Berg",
    )


def test_an_unclosed_quotation_ends_with_its_paragraph():
    result = article(
        ["“We will fight on.", "We will never surrender."],
        ["The ministry published its figures on Monday."],
    )
    assert [q for q, _ in result] == [True, True, False]


# ---------------------------------------------------------------------------
# Speakers of single sentences


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        # wire copy
        (
            "“The talks failed,” says terrorism expert Alexei Kondaurov.",
            "Alexei Kondaurov",
        ),
        (
            "Alexei Kondaurov, deputy head of the FSB analytics unit, said the threat "
            "was growing.",
            "Alexei Kondaurov",
        ),
        ("The threat is growing, according to Dr. Anna Weber.", "Anna Weber"),
        (
            "Russian President Vladimir Putin told journalists that Russia would not "
            "retreat.",
            "Vladimir Putin",
        ),
        ("Prices will rise, Finance Minister Lena Horvath said.", "Lena Horvath"),
        ("Putin said on Tuesday that he was ready to talk.", "Putin"),
        ("Putin on Tuesday said he was ready to talk.", "Putin"),
        ("Meanwhile Putin also said the West was to blame.", "Putin"),
        ("Putin, speaking to reporters, said the talks were over.", "Putin"),
        ("Putin, asked about the talks, said they were over.", "Putin"),
        ("In an interview with the BBC, Putin said the West was lying.", "Putin"),
        ("In Moscow, prices rose sharply, said Putin.", "Putin"),
        (
            "The finance ministry, which owns 12% of the bank, said it would "
            "support the deal.",
            "finance ministry",
        ),
        (
            "Secretary of State Antony Blinken said the talks had been useful.",
            "Antony Blinken",
        ),
        (
            "White House Press Secretary Karine Jean-Pierre told reporters the plan "
            "was final.",
            "Karine Jean-Pierre",
        ),
        (
            "European Commission President Ursula von der Leyen said Europe was ready.",
            "Ursula von der Leyen",
        ),
        (
            "Dmitry Peskov, the Kremlin spokesman, said no decision had been made.",
            "Dmitry Peskov",
        ),
        ("“This is a system,” Catherine Vale KC told the jury.", "Catherine Vale"),
        (
            "“This is not over,” said Alexei Kondaurov of the Moscow Institute.",
            "Alexei Kondaurov",
        ),
        # magazine
        ("“It will be fine,” said VoltMetrics analyst Laura Brix.", "Laura Brix"),
        (
            "“We are asking for fairness,” said the association's chair, Berit Lunde.",
            "Berit Lunde",
        ),
        (
            "“Election day is the tip of the iceberg,” said the head of the mission, "
            "Dag Eriksen.",
            "Dag Eriksen",
        ),
        (
            "Lifelong fan Derek Moss, 71, said he had been going to the ground since "
            "1961.",
            "Derek Moss",
        ),
        (
            "“Press releases are not data,” says Prof. Henrik Solberg, an "
            "electrochemist who has studied batteries for decades.",
            "Henrik Solberg",
        ),
        (
            "“Election day is the tip of the iceberg.” — Dag Eriksen, head of the "
            "mission",
            "Dag Eriksen",
        ),
        (
            "“If you can work, you can vote,” said 17-year-old Sami Korhonen.",
            "Sami Korhonen",
        ),
        (
            "“The dam is not the problem,” said one of the authors, Prof. Karim Osman.",
            "Karim Osman",
        ),
        (
            "“They are spending ten times more on prisons,” said the Social "
            "Alliance's justice spokesman, Jonas Berg.",
            "Jonas Berg",
        ),
        # tabloid
        ("‘It’s a total disgrace!’ fumed Gary Mills, 52.", "Gary Mills"),
        ("‘We’re over the moon,’ gushed proud dad Tom Reid.", "Tom Reid"),
        # organisations
        ("The Kremlin said the talks were over.", "Kremlin"),
        ("According to the health ministry, 40 people died.", "health ministry"),
        (
            "Russia’s Foreign Ministry said the claim was absurd.",
            "Russia’s Foreign Ministry",
        ),
        ("In a statement, NATO said it was monitoring the situation.", "NATO"),
        ("Moscow denied the report.", "Moscow"),
        ("Former prime minister John Major said the plan was reckless.", "John Major"),
        (
            "The pension freeze would hit 1.4 million people, according to the "
            "National Pensioners' Union.",
            "National Pensioners' Union",
        ),
        (
            "The election monitoring mission of the Organisation for Security and "
            "Co-operation in Europe said the vote was orderly.",
            "election monitoring mission",
        ),
        # attributed, but to nobody by name
        ("Officials said the road would reopen on Friday.", None),
        ("“We are scared,” residents said.", None),
        ("“Nothing has been decided,” a spokesman said.", None),
        # no attribution at all
        ("Neither claim could be independently verified.", None),
        ("The cut reduced the aid budget by a third.", None),
        ("Nordbank has agreed to buy its smaller rival.", None),
        ("In one US state that introduced the law, deaths fell.", None),
        ("Fighting continued overnight in the east.", None),
        ("Research suggests that libraries help poorer families most.", None),
        ("The talks continued on Monday.", None),
        ("The company predicted strong growth.", "company"),
        ("Putin asked the court to release the journalist.", None),
        ("Fighting continued, the army said.", "army"),
        # a forecast about the subject, not speech by it
        ("Snow is expected to continue until Wednesday.", None),
        ("Storms are expected to continue until Friday.", None),
        ("Heavy rain is also likely to continue into the night.", None),
        ("Castlebridge scored twice and added a third from a penalty.", None),
        # ... but a speech verb after the forecast keeps its speaker
        ("The police are expected to say more about the fire on Friday.", "police"),
        (
            "Ana Kovač is expected to tell journalists that the vote is off.",
            "Ana Kovač",
        ),
        ("“Why now?” asked Putin.", "Putin"),
        ("“We will grow,” Anna Berg added.", "Anna Berg"),
        (
            "“The arithmetic is unavoidable,” said the commission's chair, former "
            "central bank governor Erik Tangen.",
            "Erik Tangen",
        ),
        (
            "“Nobody will work until they drop,” said the party's spokesman on "
            "social affairs, Tor Eriksen.",
            "Tor Eriksen",
        ),
        (
            "“This is about compassion,” said Liberal member Karin Moe, who "
            "introduced the bill.",
            "Karin Moe",
        ),
        (
            "“Jobs matter,” said the regional chamber of commerce in a statement.",
            "regional chamber of commerce",
        ),
        # archive copy with two apostrophes for a double mark
        ("''There is a lot of new complexity,'' said Mr. Lane.", "Lane"),
        ("''It will pass,'' said Ms. Park of the budget office.", "Park"),
        # signed quotations
        ("“We will vote this week.”― Ana Reyes", "Ana Reyes"),
        ('Tom Hale, Channel 9 News: "We will vote this week."', "Tom Hale"),
        # party tags and titles
        (
            'Senate Majority Leader John Marsh, R-Ky., said, "We will vote."',
            "John Marsh",
        ),
        ('Ed Cole (R-Utah) said, "We will vote on Friday."', "Ed Cole"),
        (
            'Senator Paul T. Brand, Republican of Iowa, said, "We will vote."',
            "Paul T. Brand",
        ),
        (
            '"We will vote," said Senator Paul T. Brand, Republican of Iowa.',
            "Paul T. Brand",
        ),
        ('"We will vote," said Del. Mary Vance.', "Mary Vance"),
        ('"We will vote," said Channel 9 host Lee Park.', "Lee Park"),
        ('"We will vote," said St. Louis Mayor Ann Cole.', "Ann Cole"),
        # the speech verbs of news, and verbs known only by their place
        ('"Sit down!" Vance demanded.', "Vance"),
        ('Hale, red in the face, shouted, "Sit down!"', "Hale"),
        ('"Sit down now," Marsh interjected.', "Marsh"),
        ('"This is fantastic!" beamed Donald Hartley of Madison.', "Donald Hartley"),
        ('"We are not done," Lena Ross assured the crowd.', "Lena Ross"),
        ('Ruth Nolan fired back at once: "They will lose in court."', "Ruth Nolan"),
        ('"We will win," Sanders said.', "Sanders"),  # a surname in -ers
        ("''That is 60 votes,'' Mr. King said.", "King"),  # a title word as name
        ('Additionally, Ann Cole said: "It was a mistake."', "Ann Cole"),
        ("“He had a lot of supporters,” Blunt, after a long pause, said.", "Blunt"),
        ("“France will always be France,” an angry Hollande retaliated.", "Hollande"),
        (
            "Asked whether Mr. Hale would stay, Mrs. Cole shook her head and said, "
            "''No.''",
            "Cole",
        ),
        (
            "The debate was so calm that Mr. Hale was moved to say, ''I am amazed.''",
            "Hale",
        ),
        (
            'After Vance said that it might work, Marsh said: "I do not like it."',
            "Marsh",
        ),
        (
            'Voters were quick to react, with Ann Cole tweeting, "How can this be?"',
            "Ann Cole",
        ),
        (
            "''Big tax cuts do not work,'' Jon Dale of the Northgate Institute "
            "wrote recently.",
            "Jon Dale",
        ),
        ("“David is a friend of mine,” said Cole ally James Marsh.", "James Marsh"),
        ('Maddow asked, "Do you have to choose?"', "Maddow"),
        ('"We will go," his nephew Amir el Soheil added.', "Amir el Soheil"),
        (
            "Republican candidate Ann Cole took to Twitter, writing: "
            '"Another attack, this time in Nice."',
            "Ann Cole",
        ),
        (
            'When Hale suggested that Cuba would sue, Rubio fired back: "They will '
            'lose."',
            "Rubio",
        ),
        (
            'Ryan and Hale will meet, Spicer said, adding, "They need to talk."',
            "Spicer",
        ),
        (
            "''I would have been sitting in prison,'' Mr. Dale, now 81 and retired "
            "in Cambridge, Mass., said by telephone.",
            "Dale",
        ),
        (
            "Just last week, J.J. Hale, editor at large of The Forward, an "
            "influential paper, wrote, ''We should think of it as a war.''",
            "J.J. Hale",
        ),
        ("Ann Cole of The Nation wrote, “You have to act on it.”", "Ann Cole"),
        ("Pollsters agree - Carl Dale: “One lesson was a simple one.”", "Carl Dale"),
        ("More from Ann Cole and Jon Dale: “The data were in play.”", "Ann Cole"),
        (
            "Cole, who called Hale shortly after the winner was declared, told her "
            'supporters, "I still love this state."',
            "Cole",
        ),
        ('Said Dora Poyn, who grew up with him: "He was a good boy."', "Dora Poyn"),
        (
            "''Twitter sells books,'' James B. Comey Jr., the director of the "
            "bureau, said at a news conference.",
            "James B. Comey",
        ),
        ('"Our ideas are different," agrees Ann Stevens, 30, of Tampa.', "Ann Stevens"),
        ('"Look at the statement," Conway notes.', "Conway"),
        ("Cole’s response was: “Is he from Ohio or Iowa?”", "Cole"),
        ('From Hale\'s Facebook post: "We must move on."', "Hale"),
        ('As The Post’s Dana Milbank puts it, "Senators are unmoved."', "Dana Milbank"),
        (
            "Hale then appears in a clip from a speech, saying, “I am calling for "
            "a shutdown.”",
            "Hale",
        ),
        (
            "“Cole needs a strategy for these voters,” Nate Silver, the polling "
            "guru who founded the site, tweeted on Wednesday.",
            "Nate Silver",
        ),
        ("''We're anxious,'' said another Twitter user, Joan Bayer.", "Joan Bayer"),
        (
            "''It was his first attempt,'' said his best friend at Lehigh, Bruce "
            "Turry, who was there.",
            "Bruce Turry",
        ),
        (
            "On Friday, Gingrich — named by Newsmax as the leading choice — told "
            "Bill Reilly that “you have to look at it very seriously.”",
            "Gingrich",
        ),
        (
            "Hale joked that Brooklyn was his answer, but went on to say, “There "
            "are places here that are dangerous.”",
            "Hale",
        ),
        (
            "Gov. Bob Jindal on Monday signed an order, while Mike Hale, the former "
            'Arkansas governor, proposed we "wake up and smell the coffee" and said '
            "Ryan should resign.",
            "Mike Hale",
        ),
        ('Cole has since apologized for it: "Yes, I should have used two."', "Cole"),
        (
            "As RealClearPolitics’ David Byler pointed out in December, “In the "
            "week before the convention, delegates will change it.”",
            "David Byler",
        ),
        (
            "As the columnist Lou Parsons had written a few years earlier, ''We "
            "could not have an industry without him.''",
            "Lou Parsons",
        ),
        ("On its website, the FBI lists “corruption as its top priority.”", "FBI"),
        # a direct quotation owned by the subject of its clause
        ("Moore thanked him for “stepping up when Congress won’t.”", "Moore"),
        # a participle hands the quotation to the subject of its clause
        (
            "On Friday, Mr. Carson endorsed Mr. Hale at a rally, calling him "
            '"a very clever man."',
            "Carson",
        ),
        (
            'Jon Dale compared himself to his rival, saying, "I take no fees."',
            "Jon Dale",
        ),
    ],
)
def test_speaker_of_a_single_sentence(sentence, speaker):
    assert one(sentence)[1] == speaker


def test_a_quotation_after_an_introducing_sentence_takes_its_speaker():
    got = article(
        ["Former state senator Ann Cole called for a new vote on Monday."],
        ["Dr. Cole stated:"],
        ['"The law is not about justice anymore."'],
    )
    assert got[2] == (True, "Ann Cole")


def test_an_inverted_introducing_sentence_lends_its_speaker():
    got = article(
        ["Roger Stone stated this week that the vote is rigged."],
        ["Stated Stone:"],
        ['"I think that the stakes are so high."'],
    )
    assert got[1:] == [(False, "Roger Stone"), (True, "Roger Stone")]


def test_plural_groups_opening_a_sentence_are_nobody_in_particular():
    assert one('Organisers said: "We are done."') == (True, None)


def test_a_participle_after_another_verb_gives_the_clause_subject():
    got = article(
        ["Governor Ann Cole spoke on Monday."],
        ['The governor attacked her rival for his plan, saying, "He is reckless."'],
    )
    assert got[1] == (True, "Ann Cole")


@pytest.mark.parametrize(
    "sentence",
    [
        # no attribution at all
        '"We will vote this week," the banner read.',
        # a headline naming a topic, not a signature, before the colon
        "Cole on Releasing Her Speech Transcripts: ‘I Think She Will.’",
        # a colon after a clause without a named or pronoun subject
        'The rules are clear: "No vote before noon."',
    ],
)
def test_a_quotation_without_a_named_speaker_gets_none(sentence):
    assert one(sentence) == (True, None)


def test_a_headline_with_a_colon_attribution():
    assert one("Putin: ‘We Will Not Back Down’", kind="headline") == (True, "Putin")


def test_a_quotation_without_attribution_has_no_speaker():
    assert one("“We will not back down.”") == (True, None)


# ---------------------------------------------------------------------------
# Pronouns and repeated names


def test_pronoun_resolves_to_the_most_recently_named_person():
    result = article(
        [
            "Russian President Vladimir Putin told journalists on Tuesday that "
            "Russia would not retreat."
        ],
        ["The remarks came after a week of heavy fighting in the east."],
        ["“We will not back down,” he said."],
    )
    assert result[2] == (True, "Vladimir Putin")


def test_spans_given_as_a_tuple_give_what_a_list_gives():
    text = (
        "Russian President Vladimir Putin spoke. “We will not back down,” he "
        "said.\n\nHe left. “We are ready,” Putin said."
    )
    spans = spans_of(
        text,
        [
            "Russian President Vladimir Putin spoke.",
            "“We will not back down,” he said.",
            "He left.",
            "“We are ready,” Putin said.",
        ],
    )
    expected = [
        (False, None),
        (True, "Vladimir Putin"),
        (False, None),
        (True, "Vladimir Putin"),
    ]
    assert attribute_quotes(text, spans, [0, 0, 1, 1]) == expected
    assert attribute_quotes(text, tuple(spans), (0, 0, 1, 1)) == expected


def test_a_surname_alone_maps_back_to_the_full_name():
    result = article(
        ["Chancellor Olaf Brenner arrived in Paris on Monday."],
        ["“Europe must stand together,” Brenner said."],
    )
    assert result[1] == (True, "Olaf Brenner")


def test_a_headline_teaches_the_pronoun_memory():
    result = article(
        ("headline", ["Putin vows to fight on"]),
        ["“We will win,” he said."],
    )
    assert result == [(False, "Putin"), (True, "Putin")]


def test_a_headline_surname_becomes_the_full_name_given_in_the_body():
    result = article(
        ("headline", ["Brenner says Europe must stand together"]),
        ["German Chancellor Olaf Brenner arrived in Paris on Monday."],
    )
    assert result[0][1] == "Olaf Brenner"


def test_a_title_alone_refers_to_the_person_who_held_it():
    result = article(
        ["Russian President Vladimir Putin met Chinese officials in Beijing."],
        ["The trade talks lasted four hours.", "“It was useful,” the president said."],
    )
    assert result[2] == (True, "Vladimir Putin")


def test_an_age_description_refers_to_the_most_recent_person():
    result = article(
        ["Sprinter Nadia Kori has been banned for four years, the panel said."],
        ["The 26-year-old said she would appeal."],
    )
    assert result[1] == (False, "Nadia Kori")


def test_a_name_earlier_in_the_same_sentence_resolves_the_pronoun():
    result = article(
        [
            "Prime Minister Anna Lind arrived in Minsk on Monday, where she told "
            "journalists that the border would stay open."
        ]
    )
    assert result[0] == (False, "Anna Lind")


def test_he_and_she_do_not_cross_once_the_pronoun_is_known():
    result = article(
        [
            "Farmer Gunnar Holt said the wolves had killed 40 sheep.",
            "“It is bad,” he said.",
        ],
        ["His neighbour, Lisa Moe, said she liked the wolves."],
        ["“They were here first,” she said.", "“We need compensation,” he said."],
    )
    assert [s for _, s in result] == [
        "Gunnar Holt",
        "Gunnar Holt",
        "Lisa Moe",
        "Lisa Moe",
        "Gunnar Holt",
    ]


def test_an_unnamed_person_stops_a_pronoun_reaching_back():
    result = article(
        ["Surgeon Olusegun Bello said the merger had worked."],
        [
            "A senior nurse at Northgate, who asked not to be named, said the "
            "hospital was calmer.",
            "“We used to cancel operations every day,” she said.",
        ],
    )
    assert result[2] == (True, None)


def test_a_name_opening_a_sentence_is_remembered():
    result = article(
        ["Hilde Tangen has been measuring the glacier since 1994."],
        ["“I have stood on ice here that is now air,” she said."],
    )
    assert result[1] == (True, "Hilde Tangen")


@pytest.mark.parametrize(
    ("introduction", "pronoun", "speaker"),
    [
        (
            "When Marta Kowalczyk opened her bakery, the street was empty.",
            "she",
            "Marta Kowalczyk",
        ),
        ("Ahmed, 27, has delivered for the app for three years.", "he", "Ahmed"),
        ("Another rider, Mira Holm, works 45 hours a week.", "she", "Mira Holm"),
        ("Her son Piotr runs the kitchen these days.", "he", "Piotr"),
        ("Association chairman Jan Visser was not impressed.", "he", "Jan Visser"),
        (
            "Lukas Berger of the Institute for Economic Research takes a different "
            "view.",
            "he",
            "Lukas Berger",
        ),
        (
            "Emma Holm, holding a fruit pouch, turned it over to read the label.",
            "she",
            "Emma Holm",
        ),
        (
            "For Jonas, a 23-year-old nursing student, the issue is personal.",
            "he",
            "Jonas",
        ),
    ],
)
def test_people_introduced_without_a_speech_verb_are_remembered(
    introduction, pronoun, speaker
):
    result = article([introduction, f"“It is hard,” {pronoun} said."])
    assert result[1] == (True, speaker)


def test_a_plural_group_is_not_a_person():
    result = article(
        ["The Social Democrats have promised a vote.", "“Never,” he said."]
    )
    assert result == [(False, "Social Democrats"), (True, None)]


def test_an_unnamed_person_opening_a_sentence_owns_the_next_pronoun():
    result = article(
        [
            "Deputy mayor Josip Kovač said the tax was fair.",
            "A backpacker from abroad was less keen.",
            "“For people like me, it adds up,” he said.",
        ]
    )
    assert result[2] == (True, None)


def test_it_refers_to_the_most_recent_organisation():
    result = article(
        [
            "The Institute for Fiscal Studies said the target was achievable.",
            "But it also noted that the plan assumed strong growth.",
        ]
    )
    assert result[1] == (False, "Institute for Fiscal Studies")


def test_names_inside_quotations_are_not_remembered():
    result = article(
        ["Coach Maria Eklund was asked about the final."],
        ["“I told Anders Berg we would win,” she said.", "“And we did,” she added."],
    )
    assert [s for _, s in result[1:]] == ["Maria Eklund", "Maria Eklund"]


@pytest.mark.parametrize("kind", ["caption", "credit", "boilerplate", "callout"])
def test_only_body_and_headline_teach_the_pronoun_memory(kind):
    result = article(
        ["Russian President Vladimir Putin spoke in Moscow on Tuesday."],
        (kind, ["U.S. President Joe Biden in Geneva, June 2021."]),
        ["“We are ready for talks,” he said."],
    )
    assert result[2] == (True, "Vladimir Putin")


def test_a_caption_gets_its_own_attribution_but_lends_nothing():
    result = article(
        ["Mayor Jonas Berg opened the new bridge on Friday."],
        ("caption", ["“A great day,” said engineer Lea Novak."]),
        ["“It took ten years,” he said."],
    )
    assert result[1] == (True, "Lea Novak")
    assert result[2] == (True, "Jonas Berg")


def test_kinds_none_means_all_body():
    text = "Mayor Jonas Berg opened the bridge. “It took ten years,” he said."
    spans = spans_of(
        text, ["Mayor Jonas Berg opened the bridge.", "“It took ten years,” he said."]
    )
    assert attribute_quotes(text, spans, [0, 0]) == attribute_quotes(
        text, spans, [0, 0], ["body", "body"]
    )


# ---------------------------------------------------------------------------
# Attribution placed after or around the quotation


def test_a_quotation_borrows_the_speaker_of_the_previous_sentence():
    result = article(
        [
            "“The money does not cover the nights I spend awake,” said farmer Gunnar Holt.",
            "“Nobody listens to us.”",
        ]
    )
    assert result[1] == (True, "Gunnar Holt")


def test_a_quotation_borrows_past_unattributed_sentences_of_its_paragraph():
    result = article(
        [
            "“I have never doubted him,” said his mother, Else Sørlie.",
            "She is 74.",
            "“I just want to see him come home.”",
        ]
    )
    assert result[2] == (True, "Else Sørlie")


def test_a_standalone_quotation_paragraph_continues_the_previous_speaker():
    result = article(
        ["“We are turning away business every month,” said port director Anneke Vos."],
        ["“Without new berths, we will become a feeder port.”"],
    )
    assert result[1] == (True, "Anneke Vos")


def test_a_quotation_attributed_in_the_next_paragraph():
    result = article(
        ["Opposition leader Daniel Orsak has rejected the budget."],
        ["The vote is due in November."],
        ["“This budget punishes pensioners.”"],
        ["“It rewards the banks,” he told journalists."],
    )
    assert result[2] == (True, "Daniel Orsak")


def test_a_quotation_attributed_by_reported_speech_in_the_next_paragraph():
    result = article(
        ["Health Minister Sara Blom visited the lake on Monday."],
        ["The algae have returned for a fifth summer."],
        ["“Families don't come to a lake where they can't swim.”"],
        ["The government would act before June, she told journalists."],
    )
    assert result[2] == (True, "Sara Blom")


@pytest.mark.parametrize(
    "attribution",
    [
        "Ana Kovač told journalists after the vote.",
        "she told journalists after the vote.",
        "Kovač, who chairs the council, told journalists after the vote.",
    ],
)
@pytest.mark.parametrize(
    "quotation",
    [
        "“We have waited long enough for the car industry to solve this for us,”",
        "“We have waited long enough for the car industry to solve this for us”,",
        "“We have waited long enough. The industry will not solve this for us,”",
    ],
)
def test_a_quotation_left_open_takes_its_speaker_from_the_next_paragraph(
    quotation, attribution
):
    # A scraper's paragraph break at the closing ",”" of "“...,” X said".
    result = article(
        ["Council chair Ana Kovač called a vote on Monday."],
        quotation.replace(". ", ".|").split("|"),
        [attribution],
    )
    assert result[1:] == [(True, "Ana Kovač")] * (len(result) - 2) + [
        (False, "Ana Kovač")
    ]


def test_an_unnamed_speaker_opening_the_next_paragraph_takes_a_quotation_left_open():
    result = article(
        ["“We are ready,” said council chair Ana Kovač."],
        ["“The drivers have waited long enough,”"],
        ["union officials told journalists after the vote."],
    )
    assert result[1] == (True, None)


def test_a_new_speaker_introduced_before_the_quote_is_not_borrowed_backwards():
    result = article(
        ["“We want a fair deal,” said union chair Piotr Valenta."],
        ["“We will not stop.”"],
        ["Finance Minister Lena Horvath said: “There is no money.”"],
    )
    assert [s for _, s in result] == ["Piotr Valenta", "Piotr Valenta", "Lena Horvath"]


def test_reported_speech_in_another_paragraph_lends_nothing_to_a_quotation():
    result = article(
        ["The union has announced two more strikes, its leader Tomas Berg said."],
        ["On the picket line, a sign read “Clapping doesn't pay the rent”."],
    )
    assert result[1] == (True, None)


def test_different_speakers_in_different_paragraphs_stay_apart():
    result = article(
        ["“The deal is good,” said Ana Ruiz, an analyst at Harbour Capital."],
        ["“The deal is bad,” said Tom Holt, who runs a rival bank."],
    )
    assert [s for _, s in result] == ["Ana Ruiz", "Tom Holt"]


def test_a_forecast_about_a_common_noun_has_no_speaker():
    result = article(
        ("headline", ["Storm batters the coast"]),
        ["Heavy snow fell across the region on Monday, closing roads and schools."],
        ["Snow is expected to continue until Wednesday."],
    )
    assert result[2] == (False, None)


def test_a_forecast_with_a_weak_verb_gives_no_speaker_even_to_a_known_person():
    result = article(
        ["Finance Minister Lena Horvath arrived in Brussels on Monday."],
        ["The minister is expected to continue the talks on Tuesday."],
        ["Horvath is unlikely to add new demands."],
    )
    assert result[1:] == [(False, None), (False, None)]


def test_a_group_expected_to_speak_is_an_unnamed_attribution():
    sentence = "Police are expected to say more on Friday."
    tokens = tokens_of(sentence, 0, len(sentence))
    found = Attributor(Memory()).find(tokens, find_runs(tokens), headline=False)
    assert found is not None and found.ref == "unnamed"


def test_reported_speech_without_quotation_marks():
    result = article(
        [
            "Opposition leader Daniel Orsak said his party would vote against the bill.",
            "He said pensioners were paying for the deficit.",
            "The bill goes to committee next week.",
        ]
    )
    assert result == [
        (False, "Daniel Orsak"),
        (False, "Daniel Orsak"),
        (False, None),
    ]


def test_a_sentence_after_a_question_quote_is_reported_speech_not_the_quote():
    # The splitter cuts '“Is this fair?” He said ...' in two (see
    # test_segment); the second sentence then reports speech on its own.
    rows = article(
        [
            "Health minister Ada Lind spoke in Marn on Monday.",
            "“Is this fair?”",
            "She said adults should decide for themselves.",
        ]
    )
    assert rows[0] == (False, None)
    assert rows[1][0] is True
    assert rows[2] == (False, "Ada Lind")


def test_headline_rows_of_a_subhead_attribute_nothing():
    rows = article(
        ["Council leader Tom Reed defended the plan on Monday."],
        ("headline", ["## What happens next"]),
        ["“It will work,” he said."],
    )
    assert rows == [(False, None), (False, None), (True, "Tom Reed")]


def test_a_wire_story_end_to_end():
    result = article(
        ("headline", ["Ceasefire ‘exists on paper only’, says Valdoria"]),
        [
            "Valdoria's Foreign Minister Teodor Kaval accused Mesk of breaking the "
            "truce on Sunday.",
            "His Mesk counterpart, Leyla Aminova, said the truce was “largely holding”.",
        ],
        ["“The ceasefire exists on paper, and on paper only,” Kaval told reporters."],
        ["“We are ready to accept observers tomorrow,” Aminova said.", "“Are they?”"],
        ("caption", ["Teodor Kaval arrives for talks. Photo: Jan Berg/AP"]),
        ["“Observers would call an injustice peace,” he said."],
    )
    assert [s for _, s in result] == [
        "Valdoria",
        "Teodor Kaval",
        "Leyla Aminova",
        "Teodor Kaval",
        "Leyla Aminova",
        "Leyla Aminova",
        None,
        "Teodor Kaval",
    ]
    assert [q for q, _ in result] == [True, False, False, True, True, True, False, True]


# ---------------------------------------------------------------------------
# Input checks and invariants


def test_no_sentences_gives_no_rows():
    assert attribute_quotes("", [], []) == []


@pytest.mark.parametrize(
    ("spans", "paragraphs", "kinds", "match"),
    [
        (
            [(0, 5)],
            [0, 0],
            None,
            r"paragraph_index must have one entry per span \(1\); got 2",
        ),
        (
            [(0, 5)],
            [0],
            ["body", "body"],
            r"kinds must have one entry per span \(1\); got 2",
        ),
        (
            [(0, 50)],
            [0],
            None,
            r"spans must be ordered.*\(length 11\); got \(0, 50\) at index 0",
        ),
        (
            [(4, 8), (0, 3)],
            [0, 0],
            None,
            r"spans must be ordered.*got \(0, 3\) at index 1",
        ),
        ([(5, 2)], [0], None, r"spans must be ordered.*got \(5, 2\)"),
    ],
)
def test_bad_inputs_are_refused(spans, paragraphs, kinds, match):
    with pytest.raises(InputError, match=match):
        attribute_quotes("Hello there", spans, paragraphs, kinds)


_PIECES = st.sampled_from(
    ["“", "”", '"', "‘", "’", "'", "«", "»", "„", " ", "  ", ",", ".", ":", "—", "\n"]
    + ["he said", "Putin", "Dr.", "the", "Anna Weber", "s", "’s", "7", "according to"]
)


def _cut(text, cuts, per_paragraph):
    """Sentence spans of ``text`` cut at ``cuts`` (taken modulo its length),
    ``per_paragraph`` sentences to a paragraph."""
    bounds = sorted({0, len(text), *(c % (len(text) + 1) for c in cuts)})
    spans = list(zip(bounds, bounds[1:], strict=False))
    return spans, [k // per_paragraph for k in range(len(spans))]


@settings(max_examples=200, deadline=None)
@given(st.lists(_PIECES, max_size=60), st.lists(st.integers(0, 400), max_size=8))
def test_any_text_gives_one_answer_per_sentence(pieces, cuts):
    text = "".join(pieces)
    spans, paragraphs = _cut(text, cuts, 2)
    result = attribute_quotes(text, spans, paragraphs)
    assert len(result) == len(spans)
    for in_quote, speaker in result:
        assert isinstance(in_quote, bool)
        assert speaker is None or (isinstance(speaker, str) and speaker.strip())


@settings(max_examples=100, deadline=None)
@given(
    st.text(alphabet=st.characters(blacklist_characters="\"“”„«»‘’'‚"), max_size=200)
)
def test_text_without_quote_marks_has_no_quotations(text):
    assert attribute_quotes(text, [(0, len(text))], [0])[0][0] is False


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["SAID", "Said", "said\u0345", "İsaid", "noted", "Adding", "—", "-", "_"]
            + ["Weber", "City Hall", "ß", "The mayor"]
        )
        | _PIECES,
        max_size=60,
    ),
    st.lists(st.integers(0, 400), max_size=8),
    st.lists(st.sampled_from(["body", "headline", "caption", "boilerplate"])),
)
def test_words_given_by_the_caller_change_nothing(pieces, cuts, kinds):
    text = "".join(pieces)
    spans, paragraphs = _cut(text, cuts, 2)
    kinds = [kinds[k % len(kinds)] if kinds else "caption" for k in range(len(spans))]
    words = [words_of(text[start:end]) for start, end in spans]
    assert attribute_quotes(text, spans, paragraphs, kinds, words) == (
        attribute_quotes(text, spans, paragraphs, kinds)
    )


def test_words_must_have_one_entry_per_sentence():
    with pytest.raises(
        InputError, match=r"words must have one entry per span \(1\); got 2"
    ):
        attribute_quotes("Hello there", [(0, 11)], [0], None, [["hello"], ["there"]])


_READABLE_TOKEN_RE = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W_][\w’'\-]*|[^\w\s]")


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(["U.S.", "a.b", "O'Brien", "Putin’s", "co-op", "7th", "_"])
        | st.sampled_from([" ", "\n", ".", "-", "’", "'", "²", "Ä", "i", "3", "x.y."])
        | st.text(max_size=3),
        max_size=30,
    ).map("".join)
)
def test_frame_tokens_are_those_of_the_readable_pattern(text):
    assert TOKEN_RE.findall(text) == _READABLE_TOKEN_RE.findall(text)


def _walked_runs(tokens):
    """Name runs found token by token: the readable form of find_runs."""
    runs, n, after = {}, len(tokens), 0
    for i, token in enumerate(tokens):
        if i < after or not is_name_token(token):
            continue
        last = j = i
        while j + 1 < n:
            j += 1
            t = tokens[j]
            if is_name_token(t):
                last = j
            elif t == "." and (
                len(tokens[j - 1]) == 1 or tokens[j - 1].lower() in _ABBREVIATIONS
            ):
                pass
            elif not (
                (t in CONNECTORS or (t[0].isupper() and t[-1] in "'’"))
                and j + 1 < n
                and (
                    is_name_token(tokens[j + 1])
                    or (
                        j + 2 < n
                        and tokens[j + 1] in CONNECTORS
                        and is_name_token(tokens[j + 2])
                    )
                )
            ):
                break
        runs[last] = i
        after = last + 1
    return runs


_RUN_TOKENS = st.sampled_from(
    ["Dr", "Del", "St", "J", ".", "Anna", "Weber", "of", "von", "der", "del", "y"]
    + ["Pensioners'", "Workers’", "Union", "al-Jolani", "the", "said", ",", "I"]
    + ["Putin’s", "Additionally", "May", "Monday", QUOTE, "x", "U.S.", "9"]
)


@settings(max_examples=500, deadline=None)
@given(st.lists(_RUN_TOKENS, max_size=16))
def test_name_runs_are_those_found_token_by_token(tokens):
    assert find_runs(tokens) == _walked_runs(tokens)


@pytest.mark.parametrize(
    ("tokens", "runs"),
    [
        (["Dr", ".", "Anna", "Weber", "said"], {3: 0}),
        (["Ursula", "von", "der", "Leyen", "."], {3: 0}),
        (["the", "Pensioners'", "Union", "of", "Oslo"], {4: 2}),
        (["Alexei", "of", "the", "Institute"], {0: 0, 3: 3}),
        (["J", ".", ".", "Hale", "and", "Ann", "Cole"], {3: 0, 6: 5}),
    ],
)
def test_name_runs_take_connectors_and_periods_only_inside_a_name(tokens, runs):
    assert find_runs(tokens) == runs


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet="ab AZ09_.-'’,:\n\t\x7f\x00é", max_size=30),
    st.integers(0, 30),
    st.integers(0, 30),
)
def test_tokens_of_a_stretch_are_those_of_the_token_pattern(text, start, end):
    start, end = sorted((min(start, len(text)), min(end, len(text))))
    assert tokens_of(text, start, end) == TOKEN_RE.findall(text, start, end)


_READABLE_QUOTE_CHAR_RE = re.compile("''|[\"“”„«»‘’‚']")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="'\"“”„«»‘’‚ ax", max_size=40), st.integers(0, 40))
def test_quote_marks_are_those_of_the_readable_pattern(text, start):
    start = min(start, len(text))
    found = [m.span() for m in _QUOTE_CHAR_RE.finditer(text, start)]
    assert found == [m.span() for m in _READABLE_QUOTE_CHAR_RE.finditer(text, start)]


_READABLE_OPENING_MARK_RE = re.compile("[\"“”„«»‘‚]|(?<![^\\W_])['’]|''")


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet="'\"“”„«»‘’‚ ax2_é", max_size=40),
    st.lists(st.integers(0, 40), max_size=8),
)
@example("a''b", [0, 2, 4])
def test_paragraphs_with_marks_that_may_open_a_quotation_are_those_of_the_pattern(
    text, cuts
):
    bounds = sorted({min(c, len(text)) for c in cuts})
    starts, ends = bounds[0::2], bounds[1::2]
    starts = starts[: len(ends)]
    readable = []
    for p, (start, end) in enumerate(zip(starts, ends, strict=True)):
        mark = _READABLE_OPENING_MARK_RE.search(text, start)
        if (mark is not None and mark.start() < end) or (
            start < end and text.startswith(("'", "’"), start)
        ):
            readable.append(p)
    assert quotes._paragraphs_with_marks(text, starts, ends) == readable


def test_apostrophes_inside_words_open_no_quotation_but_one_opening_a_paragraph_does():
    # The second paragraph starts right after a letter: its first mark still
    # opens a quotation, though every mark of it follows a letter.
    text = "Putin’s’We won’t back down’, he said."
    spans = [(0, 7), (7, len(text))]
    assert [q for q, _ in attribute_quotes(text, spans, [0, 1])] == [False, True]
    assert [q for q, _ in attribute_quotes(text, spans, [0, 0])] == [False, False]


# Compiled callers call these functions directly: patching the module's or
# class's attribute would change nothing, and the test could not fail. They
# run here on the sources, and tests/test_native.py runs them so too.
_PATCHES_INTERNALS = pytest.mark.skipif(
    stancekit.text.COMPILED,
    reason="patches internals; run on the sources by test_native",
)


@_PATCHES_INTERNALS
@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.text(alphabet="'’\"“”‘ aX2.\n", min_size=1, max_size=12), max_size=8),
    st.lists(st.booleans(), min_size=8, max_size=8),
)
def test_paragraphs_skipped_before_matching_marks_hold_no_quotation(pieces, breaks):
    text = "".join(pieces)
    spans, paragraph_index, start, paragraph = [], [], 0, 0
    for piece, new_paragraph in zip(pieces, breaks, strict=False):
        paragraph += new_paragraph
        spans.append((start, start + len(piece)))
        paragraph_index.append(paragraph)
        start += len(piece)
    if not spans:
        return
    kinds = ["body"] * len(spans)
    found = _find_regions(text, spans, paragraph_index, kinds)
    with pytest.MonkeyPatch.context() as patch:
        # Every paragraph's marks matched, none skipped.
        patch.setattr(
            quotes,
            "_paragraphs_with_marks",
            lambda text, starts, ends: range(len(starts)),
        )
        assert found == _find_regions(text, spans, paragraph_index, kinds)


_SENTENCE_PIECES = st.sampled_from(
    ["Cole", "cole", "a", "A", "One", "nurse", "said", "co-op", "al-Jolani", "-"]
    + ["Ann", "of", "Dr.", "J.", ",", "_", " ", "  ", "1990", "the", "É", "é", "x"]
)


@settings(max_examples=500, deadline=None)
@given(st.lists(_SENTENCE_PIECES, max_size=12).map(" ".join), st.booleans())
def test_sentences_said_to_name_nobody_have_no_mention_and_no_unnamed_person(
    sentence, known
):
    memory = Memory()
    if known:
        memory.remember(Mention("Ann Cole"))
    if not names_nobody(sentence, (0, len(sentence)), memory):
        return
    tokens = TOKEN_RE.findall(sentence)
    assert find_mentions(tokens, find_runs(tokens), memory) == []
    assert not opens_on_unnamed_person(tokens)


@pytest.mark.parametrize(
    ("sentence", "nobody"),
    [
        ("The talks went on late into the night.", True),
        ("The talks went on until Ann Cole left.", False),
        ("Cole, 54, went home.", False),
        ("A nurse went home.", False),
        ("Prices at the co-op rose.", False),
    ],
)
def test_sentences_with_no_capital_after_the_first_word_name_nobody(sentence, nobody):
    assert names_nobody(sentence, (0, len(sentence)), Memory()) == nobody


_FRAME_TOKENS = st.sampled_from(
    [QUOTE, ":", ",", ".", "—", "-", "said", "Said", "SAID", "told", "saying", "the"]
    + ["according", "to", "put", "it", "pointed", "out", "he", "she", "Anna", "Weber"]
    + ["Mr", "Dr.", "Putin", "Channel", "9", "News", "officials", "mayor", "beamed"]
)


@settings(max_examples=500, deadline=None)
@given(st.lists(_FRAME_TOKENS, max_size=14), st.booleans(), st.booleans())
def test_frames_that_may_not_attribute_find_no_speaker(tokens, headline, quoted):
    if may_attribute(tokens, headline):
        return
    found = Attributor(Memory()).find(tokens, find_runs(tokens), headline, quoted)
    assert found is None


_READABLE_INTRO_RE = re.compile(r"(?::|(\w+)\s*,?)\s*$")


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.sampled_from(["said", "Said", "SAID", "told", "x", "İ", "é", "_", "9"])
        | st.sampled_from([" ", "  ", "\n", ":", ",", ", ", ".", "“", "-"]),
        max_size=12,
    ).map("".join),
    st.integers(0, 40),
)
def test_a_colon_or_speech_verb_before_a_quotation_is_read_as_the_readable_pattern(
    text, start
):
    start = min(start, len(text))
    intro = _READABLE_INTRO_RE.search(text, start, len(text))
    readable = intro is not None and (
        intro.group(1) is None or intro.group(1).lower() in quotes._INTRO_WORDS
    )
    assert quotes._introduced(text, start, len(text)) == readable


def _readable_title_like(text, q0, q1):
    inner = text[q0:q1]
    words = [w for w in re.findall(r"\w+", inner) if len(w) > 3]
    if not words or not all(w[0].isupper() for w in words):
        return False
    return not re.search(r"[,.!?…:;]\W*$", inner[:-1])


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.sampled_from(["Iron", "Shield", "the", "The", "Lord", "rings", "İstanbul"])
        | st.sampled_from([" ", "\n", ",", ".", "!", "“", "”", "of", "ÉTAT", "_ab"]),
        max_size=10,
    ).map("".join),
    st.integers(0, 60),
    st.integers(0, 60),
)
def test_quotations_read_as_titles_are_those_of_the_readable_test(text, q0, q1):
    q0, q1 = sorted((min(q0, len(text)), min(q1, len(text))))
    if q0 == q1:
        return
    assert quotes._is_title_like(text, q0, q1) == _readable_title_like(text, q0, q1)


_NAMING_PIECES = st.sampled_from(
    ["Anna Weber said", "Weber said", "Weber", "She said", "he said", "It said"]
    + ["the minister said", "Minister Jon Dale", "Dale", "Dale told", "Mr. Dale"]
    + ["Ministry of Health", "I’ve", "J. R. Hale", "Hale", "Hale.", "Ann Cole,"]
    + [", 54,", "A nurse", "officials said", "Putin says", "“We won,”", ". ", "\n"]
    + ["Anna Weber arrived.", "Jon Dale left."]
)


@_PATCHES_INTERNALS
@settings(max_examples=300, deadline=None)
@example(["Anna Weber arrived.", "Weber said"], [20], [])
@example(["Anna _ Weber arrived.", "Weber said"], [22], [])
@example(["Jon R. Hale left.", "Hale said"], [18], [])
@example(["Putin says", ". ", "Jon Dale left.", "Hale", "Jon Putin"], [11, 27], [])
@given(
    st.lists(_NAMING_PIECES | _PIECES, max_size=40),
    st.lists(st.integers(0, 400), max_size=10),
    st.lists(st.sampled_from(["body", "headline", "caption", "boilerplate"])),
)
def test_the_memory_taught_only_when_read_answers_as_one_taught_at_once(
    pieces, cuts, kinds
):
    text = " ".join(pieces)
    spans, paragraphs = _cut(text, cuts, 3)
    kinds = [kinds[k % len(kinds)] if kinds else "body" for k in range(len(spans))]
    words = [words_of(text[start:end]) for start, end in spans]
    lazy = attribute_quotes(text, spans, paragraphs, kinds, words)

    def taught_at_once(self, i, tokens, runs, found=None, name=None, mentions=None):
        self._queue.append((i, tokens, runs, found, name, mentions))
        self.memory()

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(quotes._Learning, "defer", taught_at_once)
        assert attribute_quotes(text, spans, paragraphs, kinds, words) == lazy


_MENTION_TOKENS = st.sampled_from(
    ["Anna", "Weber", "Cole", "said", "the", "in", "mayor", "nurse", ",", ".", "27"]
    + ["a", "Dr", "of", "Ministry", "Putin", "When", "and", "x", QUOTE]
)


@settings(max_examples=500, deadline=None)
@given(st.lists(_MENTION_TOKENS, max_size=14), st.booleans())
def test_a_one_word_mention_has_a_title_an_age_or_a_known_surname(tokens, known):
    memory = Memory()
    if known:
        memory.remember(Mention("Ann Cole"))
    runs = find_runs(tokens)
    for start, mention in find_mentions(tokens, runs, memory):
        if runs.get(start) == start:  # a run of one token
            aged = tokens[start + 1 : start + 2] == [","]
            assert mention.titles or aged or mention.name in memory.by_surname


@pytest.mark.parametrize("token", ["said", "Said", "SAID", "—", "according", "Anna"])
def test_verb_tokens_are_read_lower_cased_and_remembered(token):
    from stancekit.text.speech import _IS_VERB_TOKEN, _VERB_TOKENS

    assert _IS_VERB_TOKEN[token] == (token.lower() in _VERB_TOKENS)
    assert _IS_VERB_TOKEN[token] == (token.lower() in _VERB_TOKENS)  # cached


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.sampled_from(["said", "SAID", "Said", "puts", "saying", "according", "to"])
        | st.sampled_from([":", "—", "-", "co-op", "said-so", "_said", "5said", "x"])
        | st.sampled_from(["Anna", "\u212aelvin", "as\u212aed", " ", "  ", ",", "."])
        | st.sampled_from(["_", "\n", ": ", ":_", "5:44"]),
        max_size=12,
    ).map("".join),
    st.booleans(),
)
def test_a_sentence_said_to_hold_no_cue_has_no_frame_that_may_attribute(
    sentence, headline
):
    tokens = TOKEN_RE.findall(sentence)
    if not quotes._may_hold_cue(sentence, (0, len(sentence)), headline):
        assert not may_attribute(tokens, headline)
    # The same test from the words: no attributing word among them.
    if ATTRIBUTING_WORDS.isdisjoint(words_of(sentence)) and not (
        quotes._COLON_END_RE.search(sentence) or (headline and ":" in sentence)
    ):
        assert not may_attribute(tokens, headline)
