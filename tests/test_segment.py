"""Tests for stancekit.text.segment: the conventions, one case each, and the
offset invariants as hypothesis properties."""

from __future__ import annotations

import pickle
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stancekit import Sentence, split_sentences
from stancekit.text import boundaries


def texts(source: str) -> list[str]:
    return [s.text for s in split_sentences(source)]


# (input, expected sentences), grouped by the convention they pin down.
ABBREVIATIONS = [
    (
        "Mr. Putin met Dr. Smith. Gen. Gerasimov and Sen. Jones stayed.",
        ["Mr. Putin met Dr. Smith.", "Gen. Gerasimov and Sen. Jones stayed."],
    ),
    ("He flew to St. Petersburg on Friday.", ["He flew to St. Petersburg on Friday."]),
    (
        "U.S. officials met U.N. envoys. They spoke.",
        ["U.S. officials met U.N. envoys.", "They spoke."],
    ),
    ("Talks resume Jan. 5 at No. 10 Downing Street.", None),
    ("Acme Inc. said sales rose.", None),
    ("Acme Inc. Chief Executive Jane Roe resigned.", None),
    ("J. R. R. Tolkien wrote it.", None),
    ("Q. Who wrote it? A. Nobody knows.", ["Q. Who wrote it?", "A. Nobody knows."]),
    ("President George W. Bush spoke.", None),
    ("It was signed by Prof. Ada Lee of Palo Alto, Calif. on Monday.", None),
]
ABBREVIATION_ENDS = [
    (
        "He moved to the U.S. The next day he left.",
        ["He moved to the U.S.", "The next day he left."],
    ),
    (
        "The deal went to Acme Inc. It closed on Friday.",
        ["The deal went to Acme Inc.", "It closed on Friday."],
    ),
    (
        "We make a good team, you and I. Did you see him?",
        ["We make a good team, you and I.", "Did you see him?"],
    ),
    (
        "Polls closed at 10 p.m. Mr. Smith conceded an hour later.",
        ["Polls closed at 10 p.m.", "Mr. Smith conceded an hour later."],
    ),
]
NUMBERS_URLS_ELLIPSES = [
    (
        "Growth was 3.5 percent and the deficit hit $1.2bn. Markets fell.",
        ["Growth was 3.5 percent and the deficit hit $1.2bn.", "Markets fell."],
    ),
    (
        "Read https://example.org/news/a.b.html?id=3.5 first. Then reply.",
        ["Read https://example.org/news/a.b.html?id=3.5 first.", "Then reply."],
    ),
    (
        "Write to press.office@example.co.uk. Nobody answered.",
        ["Write to press.office@example.co.uk.", "Nobody answered."],
    ),
    ("He paused ... and then said no.", None),
    ("He paused... and then said no.", None),
    ("He paused\u2026 and then said no.", None),
    ("He said the talks were . . . complicated.", None),
    ("Prices rose to 5. The index fell.", ["Prices rose to 5.", "The index fell."]),
    ("Prices rose.... Nobody knew why.", ["Prices rose....", "Nobody knew why."]),
]
LINES = [
    # A headline, then the body on the next line.
    (
        "Putin warns West over sanctions\n"
        "MOSCOW (Reuters) - Russian President Vladimir Putin on Tuesday warned "
        "Western governments against new sanctions.",
        [
            "Putin warns West over sanctions",
            "MOSCOW (Reuters) - Russian President Vladimir Putin on Tuesday warned "
            "Western governments against new sanctions.",
        ],
    ),
    # Hard-wrapped lines are not boundaries, even before a capital.
    (
        "Russian President Vladimir Putin on Tuesday warned Western\n"
        "governments against new sanctions, saying they would hurt Europe\n"
        "More than Russia, and he said the measures were illegal.",
        None,
    ),
    (
        "Key points:\n- Prices rose sharply\n- Wages fell\n1. First item\n2. Next",
        ["Key points:", "- Prices rose sharply", "- Wages fell", "1. First item"]
        + ["2. Next"],
    ),
    (
        "A headline without a full stop\n\nBody text follows here.",
        ["A headline without a full stop", "Body text follows here."],
    ),
    ("the first block\n \t\nthe second block", ["the first block", "the second block"]),
    # A short line ending in a bracket is a line of its own.
    (
        "Prize list\n(Trophy - Picture Coming Soon)\nThe judges decide.",
        ["Prize list", "(Trophy - Picture Coming Soon)", "The judges decide."],
    ),
    # A blank line ends a sentence even after an abbreviation.
    (
        "Figures came from the U.N.\n\nJ. R. Walsh spoke.",
        ["Figures came from the U.N."] + ["J. R. Walsh spoke."],
    ),
    # A block that does not end like running text is a stack of lines.
    (
        "Acme Inc. shares slide as the long-running pipeline talks stall again\n"
        "By Jane Roe",
        ["Acme Inc. shares slide as the long-running pipeline talks stall again"]
        + ["By Jane Roe"],
    ),
]
QUOTES = [
    (
        "\u201cWe will not back down. This is our land,\u201d he said.",
        ["\u201cWe will not back down.", "This is our land,\u201d he said."],
    ),
    (
        '"We will not back down. This is our land," he said.',
        ['"We will not back down.', 'This is our land," he said.'],
    ),
    ("\u201cWhy now?\u201d she asked.", None),
    (
        "\u201cStop!\u201d he shouted. 'Why?' she asked.",
        ["\u201cStop!\u201d he shouted."] + ["'Why?' she asked."],
    ),
    ("\u201cWhy now?\u201d Putin asked.", None),
    # After '?"' or '!"', a capitalised word opens a new sentence unless it is
    # a name (up to four words) followed by a speech verb.
    (
        "\u201cIs this fair?\u201d He said adults should decide.",
        ["\u201cIs this fair?\u201d", "He said adults should decide."],
    ),
    (
        "\u201cCan we win?\u201d They said no one knew.",
        ["\u201cCan we win?\u201d", "They said no one knew."],
    ),
    ('"Enough!" The crowd shouted back.', ['"Enough!"', "The crowd shouted back."]),
    ("\u201cWhy now?\u201d Mr. Holt asked.", None),
    ("\u201cWhy now?\u201d Prime Minister Ida Vos asked reporters.", None),
    ("\u201cStop!\u201d Marta shouted at the driver.", None),
    ("\u201cIs this fair?\u201d he said, adding that adults should decide.", None),
    (
        "He said: \u2018It is over.\u2019 Then he left.",
        ["He said: \u2018It is over.\u2019", "Then he left."],
    ),
    (
        "The plan (which failed.) was dropped. (It was revived.) Then it died.",
        ["The plan (which failed.) was dropped.", "(It was revived.)"]
        + ["Then it died."],
    ),
    ("She works at Yahoo! in the newsroom.", None),
    # Markdown emphasis before a title does not hide the abbreviation.
    (
        "*Dr. Hale teaches at Marn. The views are hers.*",
        ["*Dr. Hale teaches at Marn.", "The views are hers.*"],
    ),
    ("_Prof. Ines Hale is away._", None),
]
RULES = [
    # A horizontal rule is a line of its own, even without a blank line.
    ("---\n*Write to our desk.*", ["---", "*Write to our desk.*"]),
    ("* * *\nThe next day it rained.", ["* * *", "The next day it rained."]),
    ("Prices rose -\nthen fell.", None),
]
INLINE_LISTS = [
    ("1) Wages 2) Prices 3) Rents", ["1) Wages", "2) Prices", "3) Rents"]),
    ("a. Wages b. Prices", ["a. Wages", "b. Prices"]),
    ("\u2022 Wages \u2022 Prices", ["\u2022 Wages", "\u2022 Prices"]),
    ("See (1) and (2) below.", None),
]
# French typography sets guillemets off with a space: the closing one stays
# with its sentence, an opening one starts a sentence after a full stop.
GUILLEMETS = [
    (
        "Il a 64 ans. \u00ab Nous partons. \u00bb",
        ["Il a 64 ans."] + ["\u00ab Nous partons. \u00bb"],
    ),
    (
        "\u00ab Nous partons. \u00bb, a dit la maire. Elle est partie.",
        ["\u00ab Nous partons. \u00bb, a dit la maire.", "Elle est partie."],
    ),
    ("\u00ab Vraiment ? \u00bb Oui.", ["\u00ab Vraiment ? \u00bb", "Oui."]),
    ("\u00ab Pourquoi ? \u00bb demanda-t-il.", None),
    ("Il a dit. \u00ab nous partons \u00bb", None),
    (
        "She moved to the U.S. \u00ab The food is good \u00bb, she wrote.",
        ["She moved to the U.S.", "\u00ab The food is good \u00bb, she wrote."],
    ),
    # "»" before a word opens a German quotation; at a line start, a link.
    ("Er ging. \u00bbWir kommen.", ["Er ging.", "\u00bbWir kommen."]),
    (
        "It won a Grammy.\n\u00bb More news from the show",
        ["It won a Grammy.", "\u00bb More news from the show"],
    ),
]


@pytest.mark.parametrize(
    ("source", "expected"),
    ABBREVIATIONS
    + ABBREVIATION_ENDS
    + NUMBERS_URLS_ELLIPSES
    + LINES
    + QUOTES
    + RULES
    + INLINE_LISTS
    + GUILLEMETS,
)
def test_conventions(source, expected):
    # None means "one sentence, the whole input".
    assert texts(source) == (expected if expected is not None else [source.strip()])


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_all_line_endings(newline):
    source = newline.join(
        ["Short headline here", "Body starts with a full line of", "wrapped text."]
        + ["", "Second paragraph", ""]
    )
    got = split_sentences(source)
    assert [s.text.splitlines() for s in got] == [
        ["Short headline here"],
        ["Body starts with a full line of", "wrapped text."],
        ["Second paragraph"],
    ]
    assert all(source[s.start : s.end] == s.text for s in got)


def test_offsets_point_into_the_input():
    source = "  Mr. Smith left.\n\n\u201cNo,\u201d he said.  "
    got = split_sentences(source)
    assert got == [
        Sentence("Mr. Smith left.", 2, 17),
        Sentence("\u201cNo,\u201d he said.", 19, 33),
    ]


@pytest.mark.parametrize("source", ["", "   ", "\n\r\n\t"])
def test_blank_input_has_no_sentences(source):
    assert split_sentences(source) == []


def test_sentence_is_frozen():
    sentence = split_sentences("Hi.")[0]
    with pytest.raises(AttributeError):
        sentence.text = "changed"  # type: ignore[misc]


def test_sentence_is_a_named_tuple_of_text_and_offsets():
    sentence = split_sentences("  Hi there.")[0]
    assert sentence == Sentence(text="Hi there.", start=2, end=11)
    text, start, end = sentence
    assert (text, start, end) == ("Hi there.", 2, 11)
    assert sentence._replace(start=0) == Sentence("Hi there.", 0, 11)
    assert sentence._asdict() == {"text": "Hi there.", "start": 2, "end": 11}
    assert Sentence._fields == ("text", "start", "end")
    assert repr(sentence) == "Sentence(text='Hi there.', start=2, end=11)"


def test_sentences_survive_pickling():
    sentences = split_sentences("One. Two.")
    assert pickle.loads(pickle.dumps(sentences)) == sentences
    assert type(pickle.loads(pickle.dumps(sentences[0]))) is Sentence


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("Is it over? Yes, it is.", ["Is it over?", "Yes, it is."]),
        ("Is it over? no one knows.", None),
        ("Stop! 2 cars collided.", ["Stop!", "2 cars collided."]),
        (
            "Why? \u201cBecause I said so.\u201d",
            ["Why?", "\u201cBecause I said so.\u201d"],
        ),
        ("Why? \u201c because \u201d he said.", None),
        ("Who? Where? When!", ["Who?", "Where?", "When!"]),
        ("Really?! Yes.", ["Really?!", "Yes."]),
    ],
)
def test_a_question_or_exclamation_mark_ends_a_sentence_before_a_possible_opener(
    source, expected
):
    assert texts(source) == (expected if expected is not None else [source])


def test_a_short_line_ending_in_a_letter_or_digit_breaks_only_before_an_opener():
    source = "Home\nWorld news\nSport 2024\nWeather, maps\nand more\nTV,\nRadio"
    assert texts(source) == [
        "Home",
        "World news",
        "Sport 2024",
        "Weather, maps\nand more",
        "TV,\nRadio",
    ]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("It was a long war. Then it ended.", ["It was a long war.", "Then it ended."]),
        ("We met in Aug. Peace came.", None),
        ("They flew to ST. Louis and MT. Hood.", None),
        ("GEN. Smith arrived. He left.", ["GEN. Smith arrived.", "He left."]),
    ],
)
def test_a_period_after_a_short_word_ends_a_sentence_unless_the_word_is_special(
    source, expected
):
    # Special words count in any case ("ST." is "St.").
    assert texts(source) == (expected if expected is not None else [source])


def test_a_sentence_after_spaces_starts_at_its_first_word():
    got = split_sentences("It rained.   Then it stopped.\tAfter that? Sun.")
    assert [tuple(s) for s in got] == [
        ("It rained.", 0, 10),
        ("Then it stopped.", 13, 29),
        ("After that?", 30, 41),
        ("Sun.", 42, 46),
    ]


def test_menu_lines_opening_with_a_plus_or_ending_in_a_bracket_are_sentences():
    source = "Menu\n+ Home\n+ World\nSport (live)\nNews"
    assert texts(source) == ["Menu", "+ Home", "+ World", "Sport (live)", "News"]


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_a_paragraph_is_measured_up_to_its_blank_line_with_any_line_ending(newline):
    # The first line is as wide as the paragraph, so its break is wrapping;
    # the third line has room for the next word in a paragraph whose widest
    # line comes after it, so its break was made on purpose.
    wrapped = [
        "The minister told reporters on Tuesday that talks would go on in",
        "Geneva after a pause of several months.",
    ]
    stacked = [
        "Officials in the capital spoke of a long and difficult winter",
        "Trade with its neighbours fell by a third over the year, the bank said.",
    ]
    source = newline.join([*wrapped, "", *stacked, ""])
    assert [s.text.splitlines() for s in split_sentences(source)] == [
        wrapped,
        stacked[:1],
        stacked[1:],
    ]


def test_a_blank_line_may_mix_line_endings_and_spaces():
    source = "One line\r\n \t\r\n\u2028  Two lines\x0c\x0cThree\r\nfour"
    assert [tuple(s) for s in split_sentences(source)] == [
        ("One line", 0, 8),
        ("Two lines", 17, 26),
        ("Three\r\nfour", 28, 39),
    ]


def test_rejects_non_string():
    with pytest.raises(TypeError, match="text must be a str; got bytes"):
        split_sentences(b"Hello.")  # type: ignore[arg-type]


# Characters that exercise every rule: terminal punctuation, quotes, brackets,
# line breaks of all kinds, digits, list markers, bullets, abbreviations.
_ALPHABET = st.sampled_from(
    list("aAbIJ .?!\u2026\"'\u201c\u201d\u2019()[]\n\r\t15$@/-,:\u2022")
    + ["Mr.", "U.S.", " The ", "Inc.", "\r\n", ". . .", "2)", "a.m.", "\u00a0"]
    + ["\u00ab ", " \u00bb", "\u00bb", "\u202f"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=60).map("".join))
def test_sentences_cover_every_character_once(source):
    got = split_sentences(source)
    covered = []
    previous_end = 0
    for s in got:
        assert source[s.start : s.end] == s.text
        assert s.text and s.text == s.text.strip()
        assert previous_end <= s.start < s.end
        previous_end = s.end
        covered.append(s.text)
    # Every non-whitespace character, in order, exactly once.
    assert "".join("".join(covered).split()) == "".join(source.split())


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=12).map("".join))
def test_a_text_with_nowhere_to_end_but_its_end_is_split_as_the_splitter_would(
    source,
):
    # Short texts: most have no place a sentence could end, or only at their
    # very end, and take the shortcut past the splitter.
    assert split_sentences(source) == boundaries._Splitter(source).run()


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("  Home  ", [("Home", 2, 6)]),
        ("World news", [("World news", 0, 10)]),
        ("Prices rose.”", [("Prices rose.”", 0, 13)]),
        ("Prices rose.\n", [("Prices rose.", 0, 12)]),
        (
            "Prices rose.\n\nThen fell.",
            [("Prices rose.", 0, 12), ("Then fell.", 14, 24)],
        ),
        (" \n ", []),
    ],
)
def test_one_line_texts_are_one_sentence_with_its_offsets(source, expected):
    assert [tuple(s) for s in split_sentences(source)] == expected


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_each_list_item_line_is_a_sentence_with_any_line_ending(newline):
    source = newline.join(
        ["Sections", "* Home", "* World news", "2. Sport", "b) Weather"]
    )
    got = split_sentences(source)
    assert [s.text for s in got] == [
        "Sections",
        "* Home",
        "* World news",
        "2. Sport",
        "b) Weather",
    ]
    assert all(source[s.start : s.end] == s.text for s in got)


def test_a_bracket_closing_a_year_is_no_list_marker():
    assert texts("1) Wages rose in (2012) 2) Prices fell") == [
        "1) Wages rose in (2012)",
        "2) Prices fell",
    ]


def test_sentences_leave_tabs_and_odd_spaces_outside():
    source = "\tFirst one.\u00a0\t\n\n\u2003Second one\u3000"
    assert split_sentences(source) == [
        Sentence("First one.", 1, 11),
        Sentence("Second one", 16, 26),
    ]


def test_importing_the_splitter_compiles_no_pattern_until_first_use():
    # Commands that import the text package but never split pay nothing.
    code = (
        "import stancekit.text.segment as s, stancekit.text.boundaries as b\n"
        "print(b._candidates.cache_info().currsize)\n"
        "s.split_sentences('One. Two.')\n"
        "print(b._candidates.cache_info().currsize)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert done.stdout.split() == ["0", "1"]


@pytest.mark.parametrize(
    "text",
    [
        "We met Messrs. Smith and Jones on Monday. They agreed.",
        "We met MESSRS. Smith and Jones on Monday. They agreed.",
    ],
)
def test_a_long_capitalised_title_keeps_its_name(text):
    assert [s.text for s in split_sentences(text)] == [
        text.split(" They")[0],
        "They agreed.",
    ]


@pytest.mark.parametrize("space", [" ", "\u00a0", "\u202f"])
def test_a_closing_guillemet_after_a_space_stays_with_its_sentence(space):
    quote = f"\u00ab{space}Nous avons attendu trop longtemps.{space}\u00bb"
    source = (
        "La ville interdit les voitures diesel\n\n"
        f"Le conseil a vot\u00e9 lundi. {quote} La maire a salu\u00e9 le vote.\n"
    )
    got = split_sentences(source)
    assert [s.text for s in got] == [
        "La ville interdit les voitures diesel",
        "Le conseil a vot\u00e9 lundi.",
        quote,
        "La maire a salu\u00e9 le vote.",
    ]
    assert all(source[s.start : s.end] == s.text for s in got)


ZERO_WIDTH = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"]


@pytest.mark.parametrize("mark", ZERO_WIDTH)
def test_a_zero_width_character_after_a_full_stop_is_invisible(mark):
    source = (
        f"The fire spread, officials said.{mark} The governor declared an emergency."
    )
    assert [tuple(s) for s in split_sentences(source)] == [
        ("The fire spread, officials said.", 0, 32),
        ("The governor declared an emergency.", 34, 69),
    ]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        # A byte-order mark at either end is left out, like whitespace.
        (
            "\ufeffPrices rose. Wages fell.\ufeff",
            [("Prices rose.", 1, 13), ("Wages fell.", 14, 25)],
        ),
        # Inside a sentence they stay, and its offsets count them.
        (
            "Mr.\u200b Smith\u2060 left. He\u200d went home.",
            [("Mr.\u200b Smith\u2060 left.", 0, 17), ("He\u200d went home.", 18, 32)],
        ),
        # With no space as well, a full stop is read as "Prices rose.Wages".
        ("Prices rose.\u200bWages fell.", [("Prices rose.\u200bWages fell.", 0, 24)]),
        ("\u200b \ufeff\n", []),
    ],
)
def test_zero_width_characters_are_kept_inside_sentences_and_left_out_at_edges(
    source, expected
):
    assert [tuple(s) for s in split_sentences(source)] == expected


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(_ALPHABET, st.lists(st.sampled_from(ZERO_WIDTH), max_size=2)),
        max_size=40,
    )
)
def test_zero_width_characters_change_no_sentence(pieces):
    # The same text with and without them gives the same sentences.
    plain = "".join(piece for piece, _ in pieces)
    marked = "".join(piece + "".join(marks) for piece, marks in pieces)
    got = split_sentences(marked)
    for s in got:
        assert marked[s.start : s.end] == s.text
        assert s.text == s.text.strip().strip("".join(ZERO_WIDTH))
    invisible = str.maketrans(dict.fromkeys(ZERO_WIDTH))
    assert [s.text.translate(invisible) for s in got] == texts(plain)
