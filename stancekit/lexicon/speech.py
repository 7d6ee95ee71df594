"""Speech and reporting verbs, one list per use, all in one place.

The lists differ on purpose: finding who said a quotation wants every verb
news writes (:data:`SPEECH_VERBS`); spotting a short attribution that ends a
sentence inside a quotation wants only the commonest ones, in order
(:data:`SHORT_ATTRIBUTION_VERBS`), so a sentence is not cut after any verb.
"""

from __future__ import annotations

from stancekit.lexicon import words

__all__ = [
    "ATTRIBUTION_WORDS",
    "FORECASTS",
    "REPORTING_CUES",
    "PARTICIPLES",
    "SHORT_ATTRIBUTION_VERBS",
    "SKIP_BEFORE_VERB",
    "SPEECH_VERBS",
    "WEAK_VERBS",
]

# Verbs that attribute a quotation to a speaker (text/speech.py).
SPEECH_VERBS = words(
    """say says said tell tells told add adds added stated explain explains
    explained noted argue argues argued claims claimed insist insists insisted
    warn warns warned declare declares declared announce announces announced
    write writes wrote ask asks asked replies replied continue continues
    continued recall recalls recalled acknowledge acknowledges acknowledged
    admit admits admitted stressed emphasise emphasises emphasised emphasize
    emphasizes emphasized suggest suggests suggested commented remarked confirm
    confirms confirmed deny denies denied maintain maintains maintained predict
    predicts predicted urges urged conclude concludes concluded tweets tweeted
    vowed promised reiterate reiterates reiterated testify testifies testified
    allege alleges alleged respond responds responded observe observes observed
    countered cautioned concede concedes conceded quipped joked shouted complain
    complains complained boast boasts boasted accuse accuses accused criticise
    criticises criticised criticize criticizes criticized condemn condemns
    condemned fumed gushed raged blasted sobbed screamed vows slams blasts
    demand demands demanded interject interjects interjected assert asserts
    asserted report reports reported exclaimed yelled cried snapped retorted
    scoffed mused answered answers lamented laments proclaimed proclaims
    decried decries pleaded implored marveled marvelled whispered muttered
    quipped quips jokes griped grumbled bragged shot thundered opined opines
    recounted recounts blogged emailed texted tweet posted posts charged written
    assured assures remembered chimed cautions counters counter agrees agreed"""
)
# Participles that hand a quotation to the subject of their clause: "The
# governor attacked his rival, saying, “...”"; "Palin wrote on Monday,
# telling supporters “...”".
PARTICIPLES = words(
    """saying telling adding tweeting writing noting declaring asking explaining
    arguing warning insisting remarking quipping responding replying stating
    announcing joking complaining posting recalling calling urging vowing
    blasting accusing describing labeling labelling chiding quoting"""
)
# The object of these verbs is the listener, never the speaker, so
# "“...,” told X" is not an inverted attribution.
# Verbs that report speech only right after a quotation or comma.
WEAK_VERBS = words(
    """continue continues continued add adds added recall recalls recalled respond
    responds responded observe observes observed maintain maintains maintained
    predict predicts predicted ask asks asked write writes wrote suggest suggests
    suggested report reports reported post posts posted charged shot answered
    answers remembered assured assures counters counter agrees agreed"""
)
# Words that make "be ... to <verb>" a forecast about the subject: "Snow is
# expected to continue", "Police are due to say". The verb after "to" is not
# said by the subject unless it is a speech verb that is not weak.
FORECASTS = words(
    """expected unexpected likely unlikely set due poised scheduled slated tipped
    forecast predicted projected going"""
)
# Words between a subject and its verb: "Putin also said", "he later told".
SKIP_BEFORE_VERB = words(
    """also later then has had have was is were would will had previously earlier
    again once further today yesterday tonight simply only just recently
    reportedly repeatedly publicly privately separately subsequently initially"""
)

ATTRIBUTION_WORDS = words(
    """said says say told tells added adds stated noted explained warned insisted
    argued wrote writes tweeted claimed continued remarked replied asked announced
    according acknowledged admitted recalled declared"""
)
"""Casefolded words that mark an attribution around a repeated quotation
(:data:`stancekit.text.page_rules.SPEECH`); a text whose words miss all of
them cannot match it, which is much cheaper to check than the pattern."""

# "“Why?” Putin asked." ends a sentence after a short attribution only with
# one of these verbs (text/segment.py); the order is the regex's.
SHORT_ATTRIBUTION_VERBS = (
    "said",
    "says",
    "asked",
    "asks",
    "added",
    "adds",
    "told",
    "replied",
    "wrote",
    "shouted",
    "cried",
    "insisted",
    "demanded",
    "wondered",
    "tweeted",
    "posted",
)

# Words that mark a stance as reported rather than held: a cue of the
# stance features (features/stance_cues.py).
REPORTING_CUES = (
    "said",
    "says",
    "say",
    "told",
    "tells",
    "according",
    "report",
    "reports",
    "announced",
    "announces",
    "stated",
    "states",
    "statement",
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "source",
    "sources",
    "tweeted",
    "wrote",
    "writes",
    "revealed",
    "reveals",
    "interview",
    "explained",
    "added",
    "noted",
    "insisted",
    "insists",
    "quoted",
    "posted",
    "published",
    "news",
    "media",
    "outlet",
    "press",
)
