"""Target-polarity features: how a sentence treats its target, across targets."""

from __future__ import annotations

import numpy as np
import pytest

from stancekit.features.pairs import PairFeaturizer
from stancekit.features.target_polarity import (
    FEATURE_NAMES,
    _answered,
    _frames,
    claim_sentiment,
    motion_polarity,
    target_direction,
    target_polarity_features,
    tokenize,
)
from stancekit.lexicon.polarity import vader_lexicon

BAN = "The council should ban lorries from the old town."
KEEP = "The council should not ban lorries from the old town."


def feature(target: str, text: str, name: str) -> float:
    return float(
        target_polarity_features([target], [text])[0, FEATURE_NAMES.index(name)]
    )


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("Shopkeepers welcomed the lorry ban in the old town.", 1),
        ("Shopkeepers rejected the lorry ban in the old town.", -1),
        ("The council must press ahead and ban lorries, the mayor said.", 1),
        ("The ban on lorries will hurt every shop in the old town.", -1),
        ("The lorry ban did not hurt trade in the old town.", 1),
    ],
)
def test_backing_refuting_effects_and_negation_give_the_sign(text, sign):
    assert np.sign(feature(BAN, text, "tp_signed_total")) == sign


def test_a_target_phrased_with_should_not_flips_the_sign():
    text = "Shopkeepers welcomed the lorry ban in the old town."
    assert feature(BAN, text, "tp_signed_total") > 0
    assert feature(KEEP, text, "tp_signed_total") < 0
    assert feature(KEEP, text, "tp_target_negative") == 1.0


def test_praising_what_a_target_would_ban_counts_against_the_ban():
    text = "Lorries bring fresh food and wonderful jobs to the old town."
    assert feature(BAN, text, "tp_signed_sentiment") > 0
    assert feature(BAN, text, "tp_signed_sentiment_object") < 0


@pytest.mark.parametrize(
    ("target", "text"),
    [
        (
            "We should introduce a four-day week.",
            "Introducing a four-day week would be a disaster.",
        ),
        ("We should legalise gambling.", "Gambling is a disaster for families."),
        ("We should introduce a four-day week.", "A four-day week is appalling."),
        (
            "We should introduce a four-day week.",
            "A four-day week is a deeply flawed idea.",
        ),
        (
            "We should introduce a four-day week.",
            "A four-day week would be more harmful than helpful.",
        ),
        (
            "We should introduce a four-day week.",
            "A four-day week is hurting small firms.",
        ),
    ],
)
def test_the_motion_its_own_action_or_its_object_condemned_is_contested(target, text):
    assert feature(target, text, "tp_contested_mention") > 0.3
    assert feature(target, text, "tp_plain_restatement") == 0.0


def test_a_view_reported_and_rebutted_takes_the_rebuttals_side():
    """ "Supporters say X, but Y" argues against what they support, "critics
    claim X, but Y" for it; without the rebuttal the view is only reported."""
    target = "The town should introduce a tourist tax."
    pro = "Supporters say the tax will fund the buses, but it will mostly fund consultants."
    con = "Critics claim the tax will empty the hotels, but bookings rose in every town that tried it."
    reported = "Supporters of the tax say it will fund the buses."
    assert feature(target, pro, "tp_refuting") == 1.0
    assert feature(target, pro, "tp_signed_verbs") < 0
    assert feature(target, con, "tp_endorsing") == 1.0
    assert feature(target, con, "tp_signed_verbs") > 0
    assert feature(target, reported, "tp_signed_verbs") == 0.0


def test_a_clause_answered_by_but_counts_for_the_other_side():
    """What comes before ", but" is conceded or reported to be answered,
    whoever says it: the sentence argues the answer's side."""
    reported = "Shopkeepers say the lorry ban will kill trade."
    answered = reported[:-1] + ", but footfall rose in every town that tried one."
    assert feature(BAN, reported, "tp_signed_total") < 0
    assert feature(BAN, answered, "tp_signed_total") > 0
    conceded = "The tram plan is popular, the mayor said, but it costs far too much."
    granted = (
        "The tram plan costs a lot, the mayor said, but it is popular and reliable."
    )
    assert feature("The tram plan", conceded, "tp_signed_total") < 0
    assert feature("The tram plan", granted, "tp_signed_total") > 0
    # no answer after it ("but also", a bare "but") turns nothing
    both = "The council should ban lorries, but also vans and buses."
    assert feature(BAN, both, "tp_signed_total") > 0


@pytest.mark.parametrize(
    ("target", "text", "name", "sign"),
    [
        # a fact and a caveat, in the writer's own voice, are no concession
        (
            "Crime fell in the city.",
            "Crime fell in the city, but burglaries rose in the suburbs last year.",
            "tp_plain_restatement",
            1,
        ),
        (
            "The city should ban diesel cars.",
            "The city should ban diesel cars, but it must invest in buses first.",
            "tp_plain_restatement",
            1,
        ),
        (
            "The city should ban diesel cars.",
            "The mayor backed the ban on diesel cars, but warned that it would take time.",
            "tp_signed_total",
            1,
        ),
        (
            "The city should ban cars from the centre.",
            "The city should ban cars from the centre, but not from the whole city.",
            "tp_signed_total",
            1,
        ),
        (
            "The tram plan",
            "The tram plan is not a disaster, but a modest success for the town.",
            "tp_signed_claim",
            1,
        ),
        # the answered view is the sentence's own, not the one before it
        (
            "The city should ban diesel cars.",
            "The ban on diesel cars has cleaned the air. Shopkeepers say it has hurt "
            "trade, but footfall rose last year.",
            "tp_signed_total",
            1,
        ),
        # a target's own ", but" is no answered view
        (
            "Crime fell in the city, but burglaries rose in the suburbs.",
            "Crime fell in the city last year.",
            "tp_plain_restatement",
            1,
        ),
    ],
)
def test_only_a_view_conceded_or_reported_is_answered(target, text, name, sign):
    assert np.sign(feature(target, text, name)) == sign
    if name == "tp_plain_restatement":
        assert feature(target, text, "tp_contested_mention") == 0.0


DIESEL = "The city should ban diesel cars."


@pytest.mark.parametrize(
    "text",
    [
        # a saying or hedging word in the answer, or in the next sentence
        "The diesel ban has been a great success, but residents say it has hurt trade.",
        "The diesel ban has been a great success, but it may take years to win over drivers.",
        "The diesel ban has been a great success, but buses are still late. "
        "Residents say the air is cleaner.",
        # the same voice goes on with a caveat
        "Ministers said the ban on diesel cars had worked well, but added that it "
        "would be reviewed next year.",
        # words of the list in another sense
        "The council agreed the diesel ban in March, but the vote was very close.",
        "The diesel ban has been a true success, but the buses are still very late.",
        # answers that are no clause
        "The mayor said she strongly supports the ban on diesel cars, but only if "
        "buses improve first.",
        "The mayor said she backs the diesel ban, but with exemptions for delivery vans.",
    ],
)
def test_a_caveat_is_no_answered_view(text):
    assert _answered(tokenize(text)) == []
    assert feature(DIESEL, text, "tp_signed_total") > 0


@pytest.mark.parametrize(
    "text",
    [
        # one voice: a report opening on "X said" that goes on in its tense
        "The mayor said the diesel ban had been a great success, but there was more to do.",
        "The mayor said the diesel ban had been a great success, but that more buses "
        "were needed.",
        # the writer's own belief, a warning, a negated saying verb
        "We believe the diesel ban is a great success, but there is more to do.",
        "Critics warned the diesel ban would hurt trade, but the council pressed ahead.",
        "Nobody claims the diesel ban is perfect, but it has cut pollution sharply.",
        # "however" as "no matter how"
        "Critics say the diesel ban will work well, however it is enforced.",
    ],
)
def test_a_report_in_one_voice_is_no_answered_view(text):
    assert _answered(tokenize(text)) == []


def test_every_sentence_has_its_own_answered_view():
    """An earlier sentence's answered view is read though a later one has
    a ", however," or a caveat of its own; a quote mark may close the view;
    the target's action word keeps its sign."""
    first = "Shopkeepers say the diesel ban will kill trade, but footfall rose in every town."
    later = first + " The council, however, has not decided yet."
    assert feature(DIESEL, later, "tp_signed_total") > 0
    quoted = 'Shopkeepers say the diesel ban will "kill trade," but footfall rose in every town.'
    assert _answered(tokenize(quoted)) != []
    assert feature(DIESEL, quoted, "tp_signed_total") > 0
    unpopular = "The diesel ban may be unpopular, but it has saved many lives."
    assert feature(DIESEL, unpopular, "tp_signed_claim") > 0


def test_an_answered_view_is_said_or_conceded_before_it_or_argued_after():
    for text in (
        "The costs are steep, but the returns justify them, the review concluded.",
        "Some schemes work well, Holm allowed, but most are a waste of money.",
        "Of course the scheme costs money, but it pays for itself within a decade.",
        "Achterberg said the ban had cut pollution, but argued that it cost too many jobs.",
    ):
        assert _answered(tokenize(text)) != [], text
    report = (
        "Crime fell in the city, but burglaries rose in the suburbs, the report said."
    )
    assert _answered(tokenize(report)) == []
    month = "Crime fell in the city in May, but burglaries rose in the suburbs."
    assert _answered(tokenize(month)) == []


def test_a_named_object_gives_its_target_no_tone():
    """ "The smoking ban" is what a target would scrap, not a judgement."""
    scrap = "The smoking ban should be scrapped."
    assert target_direction(scrap) == 1.0
    text = "Scrapping the smoking ban would be a terrible mistake."
    assert feature(scrap, text, "tp_signed_total") < 0
    assert target_direction("We should end the spending cuts.") == 1.0
    # an imperative's verb and "in half" after its object
    assert (
        feature(
            "Scrap the fuel tax.",
            "The fuel tax is a disaster for hauliers and farmers.",
            "tp_signed_claim",
        )
        > 0
    )
    halve = "We should cut the fuel tax in half."
    assert (
        feature(halve, "The fuel tax would ruin hauliers.", "tp_contested_mention")
        == 0.0
    )


def test_an_action_word_after_with_or_in_a_second_proposal_is_still_an_action():
    sugar = "A sugar tax would be a disaster for families."
    both = "The government should introduce a sugar tax and ban junk food adverts."
    assert feature(both, sugar, "tp_signed_claim") < 0
    obesity = "Ministers should cut childhood obesity with a sugar tax."
    assert (
        feature(obesity, "A sugar tax would cut childhood obesity.", "tp_signed_claim")
        > 0
    )
    knives = "We should reduce crime by banning knives."
    assert (
        feature(knives, "Banning knives would cut crime sharply.", "tp_signed_claim")
        > 0
    )


def test_any_verb_of_doing_away_names_the_action_of_a_motion_to_abolish():
    """ "Removing the fuel tax" is what "abolish the fuel tax" does: helping
    families by it argues for the motion, as "Abolishing ..." does."""
    target = "We should abolish the fuel tax."
    own = feature(
        target, "Abolishing the fuel tax would help families.", "tp_signed_claim"
    )
    assert own > 0
    for verb in ("Removing", "Scrapping", "Axing"):
        text = f"{verb} the fuel tax would help families."
        assert feature(target, text, "tp_signed_claim") == pytest.approx(own)
        hurt = f"{verb} the fuel tax would hurt families."
        assert feature(target, hurt, "tp_signed_claim") < 0


def test_lowering_is_a_motion_against_its_object_as_reducing_is():
    """ "lower the voting age" and "reduce the voting age" propose the same."""
    for verb in ("lower", "reduce"):
        assert motion_polarity(f"We should {verb} the voting age.") == -1.0
    text = "Sixteen-year-olds are mature enough to vote."
    rows = target_polarity_features(
        ["We should lower the voting age.", "We should reduce the voting age."],
        [text, text],
    )
    np.testing.assert_array_equal(rows[0], rows[1])
    assert motion_polarity("The voting age should be lowered to 16.") == -1.0
    assert (
        motion_polarity("We should not lower the age of criminal responsibility.")
        == 1.0
    )


def test_praising_what_a_motion_would_remove_contests_it():
    """Toward "abolish X", a claim whose subject is X and whose predicate
    praises it argues against the motion: it is no restatement; condemning
    X, or praising the removal itself, is not contested."""
    for target in (
        "We should abolish the fuel tax.",
        "The fuel tax should be abolished.",
    ):
        praised = "The fuel tax keeps our roads in good repair."
        assert feature(target, praised, "tp_contested_mention") > 0
        assert feature(target, praised, "tp_plain_restatement") == 0.0
        condemned = "The fuel tax would ruin hauliers."
        assert feature(target, condemned, "tp_contested_mention") == 0.0
        for removal in (
            "Abolishing the fuel tax would help hauliers.",
            "Removing the fuel tax would help hauliers.",
            "Axing the fuel tax would help hauliers.",
        ):
            assert feature(target, removal, "tp_contested_mention") == 0.0
    # a motion that removes nothing is not contested by praise ("flood" is
    # only a negative word in it)
    victims = "The government should compensate flood victims."
    help_them = "Flood victims deserve generous help."
    assert feature(victims, help_them, "tp_contested_mention") == 0.0
    # toward a motion for its object, praise of the object is no contest
    adopt = "The country should adopt a four-day working week."
    praise = "A four-day working week would give tired parents more time."
    assert feature(adopt, praise, "tp_contested_mention") == 0.0


def test_an_action_word_naming_the_object_is_the_object():
    """Toward "abolish the fuel tax", "tax" is what is abolished: condemning
    the tax argues for the motion, condemning its abolition against it."""
    for target in (
        "We should abolish the fuel tax.",
        "The fuel tax should be abolished.",
    ):
        condemned = "The fuel tax would ruin hauliers."
        assert feature(target, condemned, "tp_contested_mention") == 0.0
        assert feature(target, condemned, "tp_signed_claim") > 0
        abolition = "Abolishing the fuel tax would ruin the public finances."
        assert feature(target, abolition, "tp_contested_mention") == 1.0
        assert feature(target, abolition, "tp_signed_claim") < 0
    # an action named as a noun that acts on what follows is still the action
    assert motion_polarity("There should be a tax on sugar.") == -1.0
    assert (
        feature(
            "There should be a tax on sugar.",
            "Sugar causes obesity and tooth decay.",
            "tp_signed_claim",
        )
        > 0
    )


def test_double_negation_cancels_and_not_only_negates_nothing():
    target = "The tram plan"
    once = "The scheme is without merit, the survey found."
    twice = "The scheme is not without merit, the survey found."
    assert feature(target, once, "tp_sentiment") < 0
    assert feature(target, twice, "tp_sentiment") > 0
    both = "The council should not only ban lorries but also vans."
    assert feature(BAN, both, "tp_contested_mention") == 0.0
    assert feature(BAN, both, "tp_signed_modal") > 0
    # "not just", "not simply" do negate
    assert (
        feature(
            BAN, "You can't just ban lorries from the old town.", "tp_contested_mention"
        )
        > 0.3
    )
    assert (
        feature(BAN, "The council should not simply ban lorries.", "tp_signed_modal")
        < 0
    )
    assert motion_polarity("The council should not only ban lorries but vans.") == -1.0


def test_a_negated_auxiliary_without_its_verb_negates_nothing():
    target = "The town should ban cars from the high street."
    text = "The ones who can't will go somewhere else, and so will my business."
    assert feature(target, text, "tp_bad_effect") == 1.0
    assert feature(target, text, "tp_signed_effects") < 0


def test_the_target_itself_is_a_full_restatement():
    assert feature(BAN, BAN, "tp_same_text") == 1.0
    assert feature(BAN, BAN, "tp_restatement") == 1.0
    other = "Rain is expected over the weekend."
    assert feature(BAN, other, "tp_restatement") == 0.0
    assert feature(BAN, other, "tp_mention") == 0.0


def test_questions_opponents_and_sarcasm_are_flagged():
    assert feature(BAN, "Will the ban on lorries work?", "tp_question") == 1.0
    said = "Critics say the lorry ban will empty the shops."
    assert feature(BAN, said, "tp_opponents") == 1.0
    joke = '"A lorry ban, what could possibly go wrong," a trader said.'
    assert feature(BAN, joke, "tp_sarcasm") == 1.0


def test_features_are_computed_once_per_distinct_pair_and_keep_the_order():
    texts = ["Traders backed the ban.", "Traders opposed the ban."]
    once = target_polarity_features([BAN, BAN], texts)
    many = target_polarity_features([BAN] * 4, texts * 2)
    assert np.array_equal(many, np.vstack([once, once]))
    assert target_polarity_features([], []).shape == (0, len(FEATURE_NAMES))


def test_targets_and_texts_of_different_lengths_are_refused():
    with pytest.raises(ValueError, match="targets and texts must have the same length"):
        target_polarity_features([BAN], [])


def test_tokenize_straightens_quotes_and_keeps_clause_punctuation():
    assert tokenize("“Don’t,” she said.") == [
        '"',
        "don't",
        ",",
        '"',
        "she",
        "said",
        ".",
    ]


def test_the_vendored_vader_lexicon_loads_with_its_valences():
    lexicon = vader_lexicon()
    assert len(lexicon) > 7000
    assert lexicon["good"] > 0 > lexicon["hurt"]


def test_pair_featurizer_appends_the_polarity_block_only_when_asked():
    pairs = [(BAN, "Traders backed the ban."), (BAN, "Traders opposed the ban.")]
    plain = PairFeaturizer().fit(pairs)
    with_polarity = PairFeaturizer(target_polarity=True).fit(pairs)
    extra = with_polarity.transform(pairs).shape[1] - plain.transform(pairs).shape[1]
    assert extra == len(FEATURE_NAMES)
    assert set(FEATURE_NAMES) <= set(with_polarity.get_feature_names_out())


def test_pair_featurizer_without_ngrams_keeps_the_dense_block_only():
    pairs = [(BAN, "Traders backed the ban."), (BAN, "Traders opposed the ban.")]
    feat = PairFeaturizer(target_polarity=True, ngrams=False).fit(pairs)
    assert feat.transform(pairs).shape[1] == feat.n_dense_
    assert len(feat.get_feature_names_out()) == feat.n_dense_


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("Speed cameras reduce accidents on rural roads.", 1),
        ("Speed cameras prevent injuries near schools.", 1),
        ("Speed cameras increase congestion in town centres.", -1),
        ("Speed cameras do not reduce accidents at all.", -1),
        ("Speed cameras cause resentment and waste money.", -1),
        ("Speed cameras are effective and cheap to run.", 1),
    ],
)
def test_claim_sentiment_composes_effects_with_what_they_act_on(text, sign):
    assert np.sign(claim_sentiment(text)) == sign


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("Under the new mayor, unemployment fell from 11% to 6%.", 1),
        ("Complaints about the buses dropped by a third last year.", 1),
        ("Crime in the old town was reduced by half.", 1),
        ("Unemployment did not fall during her four years in office.", -1),
        ("Complaints about the buses soared after the timetable change.", -1),
        ("Wages fell for the third year running.", -1),
        ("Thousands of families fell into poverty.", -1),
        ("Lorries kill cyclists and harm the old town.", -1),
        ("The scandal sank his career.", -1),
        ("Street crime has not soared since the cameras went up.", 1),
        ("Crime decreased by a fifth last year.", 1),
        ("Unemployment did not rise.", 1),
        ("Never did unemployment fall under the old council.", -1),
        # the whole subject changes, and only the subject
        ("Violent crime fell.", 1),
        ("Crime and unemployment fell.", 1),
        ("Cancer deaths fell by a tenth.", 1),
        ("Traders were happy when prices fell.", 1),
    ],
)
def test_a_change_without_an_object_acts_on_its_subject(text, sign):
    """ "X fell" and "X was reduced" are less of X; a verb with an object
    ("harm the old town") never reaches back to an earlier word."""
    assert np.sign(claim_sentiment(text)) == sign


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        # a verb of protection keeps away what follows "against" / "from"
        ("The vaccine protects children against serious illness.", 1),
        ("The new levee protects the valley against flooding.", 1),
        ("The law protects tenants from eviction.", 1),
        ("The fund protects jobs from cuts.", 1),
        # "guards" the noun, "insured" the adjective, "from" of origin or
        # cause: nothing kept away
        ("Security guards from the firm assaulted protesters.", -1),
        ("Insured patients die from cancer.", -1),
        ("Many insured patients die from cancer.", -1),
        ("Their insured patients die from cancer.", -1),
        ("Two protected rivers suffer from pollution.", -1),
        ("The new law protected tenants from eviction.", 1),
        # what is kept away ends at the copula
        ("Tenants protected from eviction are happier.", 1),
        # a protection stopped keeps nothing away
        ("The council stopped protecting tenants from eviction.", -1),
        # ... and keeps its object otherwise
        ("The reserve protects the wetlands and their wildlife.", 1),
        # a noun of amount or likelihood passes the effect on to what follows
        ("The reform lowers the chances of a recession.", 1),
        ("The scheme cut the number of road deaths.", 1),
        ("The levy reduces the level of investment in the region.", -1),
        # "less likely to ..." reaches past "likely to go to"
        ("Towns with youth clubs are less likely to see violence.", 1),
        ("The treaty makes war less likely.", 1),
        ("Smokers are more likely to suffer heart disease.", -1),
        ("Trained staff are less likely to succeed in stopping fraud.", -1),
        # scarcity of a bad thing is good news, of a good one bad
        ("Famine is rare in countries with a free press.", 1),
        ("Violent crime is uncommon on streets with lighting.", 1),
        ("Success is rare for small firms in the region.", -1),
        ("A war between the two allies is unlikely.", 1),
        # "low" and "high": the next word only, or the subject as a predicate
        ("Hydropower is a low-cost source of electricity.", 1),
        ("The plant has low levels of pollution.", 1),
        ("High unemployment hurts families.", -1),
        ("Crime is low in the new estates.", 1),
        ("Wages are low in the region.", -1),
        # "low" before an -ing form is no amount of it
        ("Low-lying coastal towns were flooded.", -1),
    ],
)
def test_an_effect_reaches_through_protection_likelihood_and_scarcity(text, sign):
    """Constructions of effect that carry across topics: protection against
    a bad thing, fewer chances of it, a bad thing made less likely or
    rare, and adjectives of degree."""
    assert np.sign(claim_sentiment(text)) == sign


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        # a noun of amount before "of" is no verb: "spread" acts on nothing
        ("Masks reduce the spread of disease.", 1),
        ("The disease spreads quickly in crowded wards.", -1),
        # a word of prevention or scarcity reverses the effect right after it
        ("The scheme prevents the loss of jobs.", 1),
        ("The scheme does not prevent the loss of jobs.", -1),
        ("The new rules are unlikely to hurt trade.", 1),
        ("The scheme rarely harms small shops.", 1),
        # chained, and negated where the negation stops short of the effect
        ("The drug rarely prevents the loss of jobs.", -1),
        ("The new law does not always prevent the loss of jobs.", -1),
        # "without" is a negator already, not a second reversal
        ("The reform saves money without reducing quality.", 1),
        # in an answered view: the plain negation decides what stops short
        (
            "Critics say the plan does not always prevent the loss of jobs, "
            "but they are wrong.",
            1,
        ),
        (
            "Critics say the tax does not stop the decline of wages, "
            "but they are wrong.",
            1,
        ),
        ("The council voted to stop cuts to health services.", 1),
        # a change named by a noun is no verb to reverse; a noun is no reverser
        ("The plan prevents a surge in crime.", 1),
        ("The stop caused chaos.", -1),
        ("The new bus stop improves access to jobs.", 1),
        ("The firm grew without cutting jobs.", 1),
        ("The firm avoided cutting services.", 1),
        ("Violence is unlikely to decline.", -1),
        # a word of scarcity reverses only an effect word after it
        ("The drug rarely cures cancer.", -1),
        ("Unlikely heroes saved the day.", 1),
    ],
)
def test_an_effect_after_a_word_of_prevention_or_scarcity_is_reversed(text, sign):
    """A noun is no such word: "The lorry ban will reduce crime" stays a
    good effect (test_an_effect_word_counts_as_what_it_did_to_what_it_acted_on)."""
    assert np.sign(claim_sentiment(text)) == sign


@pytest.mark.parametrize(
    "text",
    [
        # a rare good thing as an attribute is no predicate of scarcity
        "The festival was a rare success for the town.",
        # "low" reaches one word: not the jobs after "and"
        "Costs are low and good jobs are plentiful.",
        # the free words do not stretch the reach into a new clause
        "The scheme reduces costs, and patients get better care.",
        "The ban cut smoking and the number of jobs grew.",
        "The tax cut waste and the quality of care improved.",
        # a participle after the object is no new clause
        "The programme reduces crime and the poverty caused by addiction.",
        "The scheme reduces traffic and the pollution produced.",
        # the look for a new clause stops at the next "and"
        "The treaty ends delays and torture and improves conditions.",
        # "high" is the object's own: the verb still reaches it
        "The plan reduces high unemployment.",
        # past its object the reach passes over nothing: not "of", "to", "the"
        "The rules limit the power of banks to the benefit of savers.",
        "The charity supports the children of the poor.",
        # an amount noun after "low" passes the degree on to what follows
        "The town has low rates of smoking.",
    ],
)
def test_scarcity_and_degree_reach_no_further_than_their_word(text):
    assert claim_sentiment(text) > 0


@pytest.mark.parametrize(
    ("text", "good", "bad"),
    [
        ("Crime in the old town fell after the lorry ban.", 1, 0),
        ("Crime in the old town did not fall after the lorry ban.", 0, 1),
        ("The lorry ban would increase unemployment.", 0, 1),
        ("The lorry ban will not reduce crime.", 0, 1),
        ("The lorry ban will reduce crime.", 1, 0),
        # a change of nothing good or bad keeps its own list: falling is bad
        ("Trade in the old town fell after the lorry ban.", 0, 1),
        ("The lorry ban will hurt every shop.", 0, 1),
        # a word of prevention or scarcity turns the effect right after it
        ("The lorry ban is unlikely to hurt trade.", 1, 0),
        ("The lorry ban rarely harms small shops.", 1, 0),
        ("The lorry ban is unlikely to hurt jobs.", 1, 0),
    ],
)
def test_an_effect_word_counts_as_what_it_did_to_what_it_acted_on(text, good, bad):
    """The effect counts agree with the claim's composed sentiment: "crime
    fell" is a good effect, not a bad one because "fell" is listed bad."""
    assert feature(BAN, text, "tp_good_effect") == good
    assert feature(BAN, text, "tp_bad_effect") == bad
    if good != bad:
        assert np.sign(feature(BAN, text, "tp_signed_effects")) == good - bad


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        # a verb acting on a patient keeps its list: hurting the poor is bad
        ("The lorry ban will hurt the poor.", -1),
        ("The lorry ban will protect victims of crime.", 1),
        # the verb's negation reaches an object beyond the negator's scope
        ("The lorry ban will not hurt the town's successful shops.", 1),
        ("The lorry ban will not boost the number of good jobs.", -1),
    ],
)
def test_an_effect_on_a_patient_or_negated_from_afar_keeps_its_sign(text, sign):
    assert np.sign(feature(BAN, text, "tp_signed_effects")) == sign


def test_an_amount_verb_reaches_neither_past_its_negation_nor_into_the_next_clause():
    # the verb's negation counts once, on an object beyond its scope
    far = "The lorry ban will not increase the town's serious crime."
    assert feature(BAN, far, "tp_signed_effects") > 0
    assert claim_sentiment("The scheme will not increase the town's serious crime.") > 0
    # "grew" does not act on the next clause's subject
    both = "Wages grew and poverty fell after the lorry ban."
    assert feature(BAN, both, "tp_good_effect") == 2.0
    assert feature(BAN, both, "tp_signed_effects") > 0


def test_the_targets_own_effect_words_are_the_topic_not_an_effect():
    """ "close" is what the claim is about, as its valence is: a headline
    restating "did not close" argues no effect against the claim."""
    claim = "The council did not close the Harbour Road library."
    restated = "Council did not close Harbour Road library"
    assert feature(claim, restated, "tp_signed_effects") == 0.0
    closed = "The council closed the Harbour Road library."
    assert feature(claim, closed, "tp_signed_effects") == 0.0
    assert (
        feature(claim, "Closing the library hurt the town.", "tp_signed_effects") != 0.0
    )


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("Nobody denies that crime fell in the old town.", 1),
        ("Not even its fiercest critics deny that crime fell.", 1),
        ("The mayor denied that crime fell in the old town.", -1),
        ("Traders rejected the idea that crime fell.", -1),
        ("It is not true that crime rose in the old town.", 1),
        ("It is true that crime rose in the old town.", -1),
        ("It would be wrong to say that crime fell.", -1),
        ("The police did not dispute that crime had risen.", -1),
    ],
)
def test_a_frame_denies_or_affirms_the_clause_after_it(text, sign):
    """ "X denied that P" reverses P, and a negated denial affirms it."""
    assert np.sign(claim_sentiment(text)) == sign


def test_a_denying_frame_gives_its_verb_no_sign_and_a_far_one_is_no_frame():
    affirmed = "Nobody denies that the lorry ban cut crime in the old town."
    assert feature(BAN, affirmed, "tp_signed_verbs") == 0.0
    assert feature(BAN, affirmed, "tp_signed_total") > 0
    denied = "The mayor denied that the lorry ban cut crime in the old town."
    assert feature(BAN, denied, "tp_signed_total") < 0
    # a denial in another clause frames nothing
    far = "The mayor, who rejected the report last week, said that crime fell."
    assert _frames(tokenize(far)) == []


@pytest.mark.parametrize(
    "text",
    [
        "The council rejected a plan that would have cut crime.",
        "Critics dismissed the report that praised the scheme.",
        "It is unfair that pensioners lose their free bus pass.",
        "It was the wrong decision that cost the club the title.",
        "The worker who was dismissed said that the firm was a great employer.",
        "The mayor denied that.",
    ],
)
def test_a_relative_clause_or_a_judged_fact_is_no_frame(text):
    assert _frames(tokenize(text)) == []


def test_a_frame_counts_only_its_own_negators_and_stops_at_but():
    """A negator before the frame's comma is not the frame's; the clause
    ends at its comma or where "but" answers it."""
    tokens = tokenize("Without hesitation, the mayor denied that crime fell.")
    assert [f[-1] for f in _frames(tokens)] == [-1.0]
    tokens = tokenize("Few would dispute that crime fell, but thefts rose.")
    ((start, first, end, sign),) = _frames(tokens)
    assert sign == 1.0 and tokens[end] in (",", "but")


@pytest.mark.parametrize(
    ("text", "signs"),
    [
        # "that" as a determiner or a pronoun opens no clause
        ("The club disputed that decision in court.", []),
        ("He denied that, and added that the plan had failed.", []),
        # a negator in the frame's subject is not the frame's
        ("Residents with no cars denied that the ban hurt them.", [-1.0]),
        ("The firm that never paid its taxes denied that it owed money.", [-1.0]),
        # ", however," does not cut the negator off
        ("The mayor did not, however, deny that the plan had failed.", [1.0]),
        # "hard to deny" affirms; "declined to deny" denies nothing
        ("It is hard to deny that the scheme has been a success.", [1.0]),
        ("The minister declined to deny that taxes would rise.", []),
        # two frames, each to its comma
        (
            "Nobody denies that the plan worked, and it is not true that it failed.",
            [1.0, -1.0],
        ),
    ],
)
def test_a_frame_needs_a_clause_and_its_own_negators(text, signs):
    assert [f[-1] for f in _frames(tokenize(text))] == signs


def test_a_framed_clause_keeps_an_answered_views_reversal():
    """ "It is true that P, but Q" concedes P, as "Admittedly P, but Q"."""
    conceded = claim_sentiment(
        "It is true that the plan failed, but it was a brave idea."
    )
    assert conceded > 0


def test_a_framed_mention_is_restated_or_denied_by_the_frame():
    claim = "Crime fell in the old town."
    affirmed = "Nobody denies that crime fell in the old town."
    denied = "The mayor denied that crime fell in the old town."
    assert feature(claim, affirmed, "tp_contested_mention") == 0.0
    assert feature(claim, affirmed, "tp_plain_restatement") > 0
    assert feature(claim, denied, "tp_contested_mention") > 0


def test_overlap_is_a_restatement_only_where_nothing_contradicts_it():
    event = "A gunman shot two guards at the Verlan museum."
    relayed = "Gunman shoots two guards at Verlan museum, killing one"
    elsewhere = "Gunman shoots two guards at Verlan museum; no visitor was hurt"
    denied = "Police deny that a gunman shot two guards at the Verlan museum"
    negated = "No guards were shot at the Verlan museum, police said"
    asked = "Did a gunman shoot two guards at the Verlan museum?"
    for text in (relayed, elsewhere):  # a negator away from the claim's words
        assert feature(event, text, "tp_plain_restatement") > 0.3
        assert feature(event, text, "tp_contested_mention") == 0.0
    for text in (denied, negated):
        assert feature(event, text, "tp_plain_restatement") == 0.0
        assert feature(event, text, "tp_contested_mention") > 0.3
    assert feature(event, asked, "tp_plain_restatement") == 0.0


def test_a_motion_named_to_be_judged_against_is_contested_not_restated():
    """An opinion piece names the proposal it argues against: the mention
    with words of its own against the motion is no restatement."""
    motion = "The country should adopt a four-day working week."
    for text in (
        "A four-day working week would be a disaster.",
        "A four-day week would ruin small firms.",
    ):
        assert feature(motion, text, "tp_plain_restatement") == 0.0
        assert feature(motion, text, "tp_contested_mention") > 0.3
    praised = "A four-day working week would be great for families."
    assert feature(motion, praised, "tp_plain_restatement") > 0.3
    assert feature(motion, praised, "tp_contested_mention") == 0.0
    # a pro argument with a word of hardship in it condemns nothing
    tired = "A four-day working week would give tired parents more time."
    assert feature(motion, tired, "tp_contested_mention") == 0.0
    # a ban's object spoken ill of argues for the ban, even where the ban is
    # named; the ban itself condemned contests it
    ban = "We should ban smoking in parks."
    for text in (
        "Smoking in parks is a disaster for children's lungs.",
        "Smoking in parks should be banned because it harms children.",
    ):
        assert feature(ban, text, "tp_contested_mention") == 0.0
    named = "A ban on smoking in parks would ruin the cafes."
    assert feature(ban, named, "tp_contested_mention") > 0.3


@pytest.mark.parametrize(
    "text",
    [
        "A four-day week is tackling stress.",  # a verb, not a verdict
        "A four-day week would cost employers nothing.",  # the harm negated
        "A four-day week was threatened by the recession.",  # a victim
        "Ending the four-day week would hurt workers.",  # an action on it
        "Resistance to a four-day week is a disaster.",
        "Staff on a four-day week say overtime was a disaster.",  # their clause
        "A four-day week would cost employers two billion a year.",  # a figure
        "Workers on a four-day week lose a day's pay.",
    ],
)
def test_a_mention_outside_the_condemned_subject_is_not_contested(text):
    motion = "We should introduce a four-day week."
    assert feature(motion, text, "tp_contested_mention") == 0.0
    assert feature(motion, text, "tp_plain_restatement") > 0.0


def test_a_grim_event_restated_with_grim_words_is_still_a_restatement():
    claim = "A fire destroyed the Orla paper mill."
    text = "Tragic fire destroys beloved Orla paper mill"
    assert feature(claim, text, "tp_plain_restatement") > 0.3
    assert feature(claim, text, "tp_contested_mention") == 0.0


def test_a_change_the_other_way_contests_the_claim_without_a_negator():
    claim = "Burglaries in Marlow fell last year."
    for text in ("Burglaries in Marlow soared last year", "Marlow burglaries rose"):
        assert feature(claim, text, "tp_plain_restatement") == 0.0
        assert feature(claim, text, "tp_contested_mention") > 0.3
    same = "Burglaries in Marlow dropped sharply last year"
    assert feature(claim, same, "tp_plain_restatement") > 0.3
    assert feature(claim, same, "tp_contested_mention") == 0.0
    # a change of something the claim does not mention contests nothing,
    # even in the same sentence as the claim's own change
    assert feature(claim, "Rents rose in the city", "tp_contested_mention") == 0.0
    both = "Burglaries in Marlow fell last year, as car thefts soared"
    assert feature(claim, both, "tp_contested_mention") == 0.0
    assert feature(claim, both, "tp_plain_restatement") > 0.3
    # a verb with an object is an effect, not a change of its subject
    effect = "Speed cameras decrease accidents."
    for text in ("Speed cameras increase road safety.", "Cameras reduce accidents."):
        assert feature(effect, text, "tp_contested_mention") == 0.0


def test_a_negated_change_denies_the_change_once():
    negated = "Crime in Marlow did not fall last year."
    assert (
        feature(negated, "Crime in Marlow fell last year.", "tp_contested_mention") > 0
    )
    assert (
        feature(negated, "Crime in Marlow fell last year.", "tp_plain_restatement") == 0
    )
    same = "Crime in Marlow did not fall last year"
    assert feature(negated, same, "tp_contested_mention") == 0.0


def test_a_negated_claim_is_restated_by_its_negation_and_contested_without_it():
    claim = "The council did not close the Harbour Road library."
    same = "Council did not close Harbour Road library"
    opposite = "Council closes Harbour Road library"
    assert feature(claim, same, "tp_plain_restatement") > 0.5
    assert feature(claim, same, "tp_contested_mention") == 0.0
    assert feature(claim, opposite, "tp_plain_restatement") == 0.0
    assert feature(claim, opposite, "tp_contested_mention") > 0.5
    assert feature(claim, claim, "tp_contested_mention") == 0.0


@pytest.mark.parametrize(
    ("motion", "polarity"),
    [
        ("This house would build more speed cameras.", 1.0),
        ("We should ban speed cameras.", -1.0),
        ("The council should abolish speed cameras.", -1.0),
        ("Speed cameras should not be installed.", -1.0),
        ("This house believes speed cameras are harmful.", -1.0),
        ("Drivers who film speed cameras should face a criminal offence.", -1.0),
        ("Speed cameras do more harm than good.", -1.0),
        ("Speed cameras do more good than harm.", 1.0),
        ("Speed cameras do more good than bad.", 1.0),
        # a comparison of quantities, not of harm and good
        ("We should install more speed cameras than speed bumps.", 1.0),
        ("The council should help more victims of speeding than it does.", 1.0),
    ],
)
def test_motion_polarity_reads_actions_against_their_object_and_negation(
    motion, polarity
):
    assert motion_polarity(motion) == polarity


def test_signed_claim_is_motion_polarity_times_claim_sentiment():
    praise = "Speed cameras reduce accidents on rural roads."
    assert feature("We should install speed cameras.", praise, "tp_signed_claim") > 0
    assert feature("We should ban speed cameras.", praise, "tp_signed_claim") < 0


def test_a_claim_about_the_action_itself_is_not_flipped_by_it():
    about_ban = "The ban on speed cameras would reduce trust in the police."
    assert feature("We should ban speed cameras.", about_ban, "tp_signed_claim") < 0


def test_a_passive_motion_reads_as_against_its_object():
    assert motion_polarity("Fireworks should be banned in city parks.") == -1.0


@pytest.mark.parametrize(
    ("target", "direction"),
    [
        ("The council should build a tram line.", 1.0),
        ("The council should not build a tram line.", -1.0),
        ("Gambling adverts are harmful and dangerous.", -1.0),
        ("Gambling adverts are not harmful and dangerous.", 1.0),
        ("Tabloid newspapers do more harm than good.", -1.0),
        ("Zoos do more good than harm.", 1.0),
    ],
)
def test_target_direction_is_minus_one_for_targets_phrased_against(target, direction):
    assert target_direction(target) == direction


@pytest.mark.parametrize(
    "text",
    [
        "The four-day week is a fantasy we cannot afford.",
        "The scheme is unworkable and unrealistic.",
    ],
)
def test_calling_a_proposal_unaffordable_or_a_fantasy_is_bad_news(text):
    assert claim_sentiment(text) < 0
    assert claim_sentiment("We can afford a tram line, and it is workable.") > 0


@pytest.mark.parametrize(
    "text",
    [
        "The subsidy is a handout.",
        "The rule is pointless, intrusive and unenforceable.",
    ],
)
def test_calling_a_policy_a_handout_or_pointless_is_bad_news(text):
    assert claim_sentiment(text) < 0


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("The council must ban lorries from the old town.", 1),
        ("The council must not ban lorries from the old town.", -1),
        ("The council shouldn't ban lorries from the old town.", -1),
        ("Nobody should ban lorries from the old town.", -1),
        ("Lorries should be allowed in the old town.", -1),
        ("Lorries should not be allowed in the old town.", 1),
        ("Lorries must never be allowed in the old town.", 1),
        ("Driving a lorry through the old town should be a crime.", 1),
        ("The council should protect residents from lorry crime.", -1),
    ],
)
def test_a_proposal_agrees_with_a_motion_by_its_negation_and_its_action(text, sign):
    """ "should not" argues against what follows it as much as "not ...
    should" does, and "should ban X" argues for a ban on X: the modal's
    sign is read after it as well as before it, and against the motion's
    own polarity (a ban argues against its object)."""
    assert np.sign(feature(BAN, text, "tp_signed_modal")) == sign
    assert np.sign(feature(KEEP, text, "tp_signed_modal")) == -sign


@pytest.mark.parametrize(
    "text",
    [
        "It is time to finally ban lorries from the old town.",
        "Lorries must go.",
        "Driving a lorry through the old town should have been a crime.",
        "Lorries in the old town should become illegal.",
        "We should not only ban lorries but vans.",
    ],
)
def test_a_proposal_reads_its_action_after_the_whole_modal_and_past_be(text):
    """The reach starts after a modal of several words ("it is time to"),
    "must go" removes, "been"/"become" make a judgement the predicate, and
    "not only" negates nothing."""
    assert feature(BAN, text, "tp_signed_modal") > 0


def test_one_proposal_counts_once():
    """Overlapping modal phrases and a modal inside another's reach ("it is
    time to", "shouldn't have to") are one proposal, one negation."""
    for text, proposes in (
        ("It is time to scrap lorries.", -1.0),
        ("We shouldn't have to ban lorries.", 1.0),
        ("We should be tackling crime in the old town.", 1.0),  # no judgement
        ("We must let the children go outside.", 1.0),  # "go" is no removal
        ("They should stop, and they must stop now.", -2.0),  # two clauses
    ):
        assert feature(BAN, text, "tp_modal") == proposes, text


def test_a_proposal_toward_a_topic_keeps_the_topic_sign():
    topic = "lorries in the old town"
    assert feature(topic, "Lorries should stay in the old town.", "tp_signed_modal") > 0
    assert (
        feature(topic, "Lorries should not stay in the old town.", "tp_signed_modal")
        < 0
    )


@pytest.mark.parametrize(
    ("target", "motion", "claim"),
    [
        (BAN, 1.0, 0.0),
        ("This house would build more dams", 1.0, 0.0),
        ("The mayor resigned after the flood.", 0.0, 1.0),
        ("nuclear power", 0.0, 0.0),  # a topic is neither
    ],
)
def test_the_kind_of_target_is_a_feature(target, motion, claim):
    text = "The town hall was busy on Monday."
    assert feature(target, text, "tp_kind_motion") == motion
    assert feature(target, text, "tp_kind_claim") == claim


@pytest.mark.parametrize(
    ("text", "double"),
    [
        ("Ministers said it was not unfair to ask visitors to pay a little.", 1),
        ("Such towns rarely fail to see corruption rise.", 1),
        ("No major regulator has failed to renew it.", 1),
        ("Neither side disputes that the review is out of date.", 1),
        ("Outages are far from rare on the northern line.", 1),
        ("Stanek did not deny that some restaurants closed.", 1),
        ("The council did not close the library.", 0),
        ("No, the council will never close the library.", 0),
        ("Neither the mayor nor the council commented.", 0),
        ("No doubt nothing will change after the vote.", 0),
        ("No trains and no buses ran.", 0),
        ("He was denied bail and will not appear.", 0),
        ("The pay dispute has not been resolved.", 0),
        ("It is not known why the plane failed to land.", 0),
        ("Nobody was hurt in the rare storm.", 0),
        ("Nobody died in the rare attack.", 0),
        ("Police have not identified the unknown attacker.", 0),
        ("The talks did not resolve the dispute.", 0),
        ("No 10 did not comment.", 0),
        ("The failed coup did not topple the government.", 0),
    ],
)
def test_two_negations_in_one_clause_are_a_double_negation(text, double):
    assert feature(BAN, text, "tp_double_negation") == double


def test_it_is_not_as_if_argues_sincerely_and_is_no_sarcasm():
    """ "It is not as if X" denies X; it used to count as a sarcasm phrase."""
    text = "It is not as if human drivers never crash: lorries killed 30 people."
    assert feature(BAN, text, "tp_sarcasm") == 0.0
    assert feature(BAN, "As if the council ever listens to us.", "tp_sarcasm") == 1.0
    dismissal = "As if the council listens, one resident said."
    assert feature(BAN, dismissal, "tp_sarcasm") == 1.0
    for sincere in (
        "As if that were not enough, the firm also cut pensions.",
        "As if on cue the rain began.",
        'Witnesses said the street looked "as if a bomb had gone off".',
    ):
        assert feature(BAN, sincere, "tp_sarcasm") == 0.0


def test_naming_a_topic_plainly_restates_nothing():
    """A name or a topic states nothing, so a sentence that names it is no
    restatement; a claim's words restated still are."""
    party = "the Civic Renewal Party"
    fact = "The Civic Renewal Party was founded in 2019 and won 31 seats."
    assert feature(party, fact, "tp_restatement") > 0
    assert feature(party, fact, "tp_plain_restatement") == 0.0
    claim = "The Civic Renewal Party won 31 seats."
    assert feature(claim, fact, "tp_plain_restatement") > 0
    # a short headline with a verb in the past is a claim, not a name
    for headline, restated in (
        ("Minister lied", "The minister lied to parliament."),
        ("Mayor resigns", "The mayor resigned on Monday."),
    ):
        assert feature(headline, restated, "tp_plain_restatement") > 0
    names = "The United Nations was founded in 1945."
    assert feature("the United Nations", names, "tp_plain_restatement") == 0.0


def test_the_side_of_one_who_gives_the_other_side_a_point_does_not_count():
    """ "A column backing X acknowledges Y": backing is the column's side,
    the sentence gives the other side's point; "backing" alone still backs."""
    target = "Nurses should receive a 15% pay rise."
    giving = (
        "A column backing the nurses' pay rise acknowledges the treasury's point "
        "that other workers will demand the same."
    )
    assert feature(target, giving, "tp_signed_verbs") == 0.0
    backing = "A column backing the nurses' pay rise appeared on Monday."
    assert feature(target, backing, "tp_signed_verbs") > 0
    # evidence cited for the holder's side, or a second clause, gives nothing
    for same_side in (
        "A study backing the nurses' pay rise cites a fall in vacancies.",
        "Patients backed the nurses' pay rise and the treasury conceded that.",
        "Unions backing the nurses' pay rise accepted the award.",
        "Nurses backing the pay rise even noted that vacancies fell.",
    ):
        assert feature(target, same_side, "tp_signed_verbs") > 0
    still = "A column backing the nurses' pay rise still quotes a treasury official."
    assert feature(target, still, "tp_signed_verbs") == 0.0


def test_words_only_the_composition_reads_leave_judgements_alone():
    """ "high" in "a high-cost disaster" is no verb that ends the judgement:
    the named motion is still condemned, not restated."""
    target = "We should build the rail link."
    text = "The rail link would be a high-cost disaster."
    assert feature(target, text, "tp_contested_mention") > 0
    assert feature(target, text, "tp_plain_restatement") == 0


@pytest.mark.parametrize(
    "text", ["It reduces the", "Prevent the", "It reduces crime and the", "of the", ""]
)
def test_a_text_ending_inside_an_effects_reach_is_read(text):
    """A truncated text (a tweet cut at "the") has a sentiment, no error."""
    assert claim_sentiment(text) == claim_sentiment(text)
    assert target_polarity_features(["We should ban it."], [text]).shape == (
        1,
        len(FEATURE_NAMES),
    )


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("Nobody denies that cutting poverty was the point.", 1),
        ("Nobody denies that lower crime was reported.", 1),
        ("It is not true that reducing crime was the aim.", -1),
        ("It is not true that the plan cut crime.", -1),
    ],
)
def test_a_frames_sign_counts_once_on_the_effect_it_frames(text, sign):
    """The negator of "Nobody denies that" or "It is not true that" is the
    frame's, not a negation of the effect word after "that"."""
    assert np.sign(claim_sentiment(text)) == sign


@pytest.mark.parametrize(
    ("target", "text"),
    [
        # a possessive in the target names its noun
        (
            "This house believes that Ardenia's tariffs on grain are justified.",
            "Ardenia imposes tariffs to shield its farmers.",
        ),
        # and one in the text too
        (
            "Ardenia should close the grain port at Velm.",
            "The port's owners say the grain trade would collapse.",
        ),
    ],
)
def test_a_possessive_is_a_mention_of_its_noun(target, text):
    with_possessive = feature(target, text, "tp_mention")
    plain = feature(target.replace("'s", ""), text.replace("'s", ""), "tp_mention")
    assert with_possessive == plain > 0


@pytest.mark.parametrize(
    "target",
    [
        "We should abolish the harbour patrol.",
        # every form of an action against its object, as the motion reads it
        "We should disband the harbour patrol.",
        "The harbour patrol should be disbanded.",
    ],
)
def test_every_action_against_its_object_is_a_removal(target):
    """Praising what a removal would remove argues against it."""
    praise = "The harbour patrol keeps the bay safe for swimmers."
    assert feature(target, praise, "tp_target_removal") == 1.0
    assert feature(target, praise, "tp_signed_sentiment_object") < 0


@pytest.mark.parametrize(
    "target",
    [
        "We should adopt closed primaries.",
        "We should help abandoned pets.",
        "We should support rejected asylum seekers.",
        "We should fund the closing ceremony.",
        "Schools should teach opposing viewpoints.",
        "Schools that were closed during the strike should reopen.",
        "Students should get reduced fares.",
        "Students should be exposed to opposing viewpoints.",
        "Opposing viewpoints should be taught in schools.",
    ],
)
def test_a_participle_used_as_an_adjective_is_no_removal(target):
    """Only in the passive ("should be disbanded") is a participle the
    motion's action."""
    assert feature(target, "They deserve respect.", "tp_target_removal") == 0.0


@pytest.mark.parametrize(
    "text",
    [
        "Modern diesel cars have sharply reduced emissions and are great for families.",
        "Diesel cars are wonderful, though some drivers opposed the new road.",
    ],
)
def test_a_texts_ordinary_verbs_name_no_removal(text):
    """The motion's other actions are read in the target only: a text's
    "reduced" or "opposed" does not name the ban, so praising the banned
    thing still argues against the ban."""
    target = "We should ban diesel cars."
    assert feature(target, text, "tp_text_mentions_removal") == 0.0
    assert feature(target, text, "tp_signed_sentiment_object") < 0


def test_a_contraction_is_no_possessive():
    """ "Let's" is no mention of a thing called "let"."""
    target = "Let's ban fireworks."
    assert feature(target, "Fireworks should be banned.", "tp_mention") == 1.0
    assert feature(target, "Let us all enjoy the summer together.", "tp_mention") == 0.0


def test_an_action_named_as_the_object_of_another_is_no_removal():
    """ "the boycott" is what "end" acts on, not a second removal."""
    target = "We should end the boycott of Ardenia."
    text = "Ardenia is a wonderful, peaceful country."
    assert feature(target, text, "tp_signed_sentiment_object") > 0


@pytest.mark.parametrize(
    ("target", "text"),
    [
        # a gerund may serve another verb
        (
            "We should fund the clinics by cutting defence spending.",
            "The clinics are wonderful and save lives.",
        ),
        (
            "Students should take part in closing ceremonies.",
            "The ceremonies are wonderful.",
        ),
        # "being" after "from" is no motion's action
        (
            "Journalists should be free from being censored.",
            "Journalists are brave and honest.",
        ),
        # a noun after "no"
        (
            "Athletes who dope should face no sanction.",
            "Athletes are wonderful role models.",
        ),
    ],
)
def test_an_action_that_is_not_the_motions_own_is_no_removal(target, text):
    assert feature(target, text, "tp_target_removal") == 0.0


def test_a_negated_motions_other_action_is_still_its_action():
    target = "We should not disband the harbour patrol."
    assert feature(target, "They deserve respect.", "tp_target_removal") == 1.0


def test_a_motions_own_verb_is_a_verb_not_the_word_after_a_copula():
    from stancekit.features.target_polarity import _Target

    assert _Target("We should introduce a sugar tax.").verb == "introd"  # its stem
    for target in (
        "Sugar is a major cause of tooth decay.",
        "The voting age should be 16.",
        "Remote learning is as effective as classroom teaching.",
    ):
        assert _Target(target).verb is None
