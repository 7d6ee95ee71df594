"""Word lists for stance toward a target that carry across topics.

Written for stancekit from general knowledge of how news copy backs or
refutes a proposal ("welcomed the plan", "denied that ..."), what makes an
effect good or bad, and how a target is phrased against something ("should
not", "ban"). The sentiment lexicon is VADER's (``vader_lexicon.tsv``, word
entries of vaderSentiment 3.3.2, MIT License, C.J. Hutto; the notice is in
``VADER-LICENSE.txt`` beside it), read by :func:`vader_lexicon`.

Entries are lower case with straight apostrophes; multi-word entries are
matched as consecutive tokens.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

__all__ = [
    "NEGATORS",
    "ENDORSING",
    "REFUTING",
    "GOOD_EFFECT",
    "BAD_EFFECT",
    "MODAL_FOR",
    "REMOVAL",
    "OPPONENTS",
    "SARCASM",
    "HEDGES",
    "TARGET_FILLER",
    "vader_lexicon",
]

# fmt: off
# Words that reverse what follows them, up to the end of the clause.
NEGATORS = frozenset((
    "not", "no", "never", "n't", "without", "nor", "neither", "none", "nobody",
    "nothing", "hardly", "cannot", "can't", "won't", "don't", "doesn't", "didn't",
    "isn't", "aren't", "wasn't", "weren't", "shouldn't", "mustn't", "wouldn't",
    "couldn't", "hasn't", "haven't", "hadn't", "lack", "lacks", "lacked", "fail",
    "fails", "failed",
))

# A speaker or body taking the target's side.
ENDORSING = (
    "back", "backs", "backed", "backing", "support", "supports", "supported",
    "supporting", "welcome", "welcomes", "welcomed", "endorse", "endorses",
    "endorsed", "praise", "praises", "praised", "approve", "approves", "approved",
    "champion", "championed", "favour", "favours", "favoured", "favor", "favors",
    "favored", "call for", "called for", "calls for", "urge", "urges", "urged",
    "defend", "defends", "defended", "applaud", "applauded", "embrace", "embraced",
    "agree", "agrees", "agreed", "vote for", "voted for", "in favour", "in favor",
    "argue for", "argued for", "campaign for", "campaigned for", "pushed for",
    "push for", "sign up", "signed up", "hailed", "hails", "recommend", "recommended",
    "recommends", "vindicated", "right to", "long overdue", "about time",
)

# A speaker or body taking the other side.
REFUTING = (
    "deny", "denies", "denied", "reject", "rejects", "rejected", "oppose",
    "opposes", "opposed", "opposing", "criticise", "criticised", "criticises",
    "criticize", "criticized", "criticizes", "condemn", "condemns", "condemned",
    "dismiss", "dismisses", "dismissed", "attack", "attacks", "attacked", "slam",
    "slams", "slammed", "block", "blocks", "blocked", "vote against", "voted against",
    "warn against", "warned against", "warns against", "object", "objects",
    "objected", "refute", "refutes", "refuted", "debunk", "debunked", "scrap",
    "scrapped", "scrapping", "veto", "vetoed", "resist", "resisted", "protest",
    "protested", "protests", "decry", "decried", "lambast", "lambasted", "mistake",
    "folly", "fantasy", "gimmick", "misguided", "reckless", "unworkable",
    "unaffordable", "can't afford", "cannot afford", "bad idea", "wrong",
    "nonsense", "absurd", "disastrous", "backfire", "backfired",
)

# Effects: a proposal that improves, saves, protects is being argued for.
GOOD_EFFECT = (
    "improve", "improves", "improved", "improving", "boost", "boosts", "boosted",
    "benefit", "benefits", "benefited", "help", "helps", "helped", "save", "saves",
    "saved", "protect", "protects", "protected", "strengthen", "strengthens",
    "create", "creates", "created", "raise", "raises", "increase", "increases",
    "grow", "grows", "grew", "safer", "cheaper", "cleaner", "healthier", "fairer",
    "better", "lower bills", "cut crime", "cut emissions", "reduce crime",
    "reduced crime", "saving lives", "save lives", "saved lives", "works", "worked",
    "succeeded", "success", "thrive", "thrived", "recover", "recovered",
)
BAD_EFFECT = (
    "harm", "harms", "harmed", "hurt", "hurts", "damage", "damages", "damaged",
    "threaten", "threatens", "threatened", "undermine", "undermines", "undermined",
    "destroy", "destroys", "destroyed", "worsen", "worsens", "worsened", "weaken",
    "weakens", "weakened", "ruin", "ruins", "ruined", "cost", "costs", "lose",
    "loses", "lost", "losing", "close", "closes", "closed", "closure", "closures",
    "shut", "fall", "fell", "drop", "dropped", "worse", "dearer", "riskier",
    "burden", "burdens", "risk", "risks", "kill", "kills", "killed", "fail",
    "failed", "fails", "collapse", "collapsed", "job losses", "go bust",
    "somewhere else", "go elsewhere", "went elsewhere", "drive away", "driven out",
)

# Modal verbs that argue for something; negated they argue against it.
MODAL_FOR = (
    "should", "must", "need to", "needs to", "have to", "has to", "ought",
    "it is time", "time to", "high time", "let's", "we can", "it's time",
)

# Targets that propose doing away with something: praising the thing is
# arguing against the target.
REMOVAL = (
    "ban", "bans", "banned", "banning", "abolish", "abolished", "abolition",
    "scrap", "scrapped", "end", "ending", "stop", "prohibit", "prohibited",
    "prohibition", "outlaw", "outlawed", "restrict", "restricted", "restriction",
    "restrictions", "limit", "limits", "cap", "cut", "cuts", "reduce", "lower",
    "lowered", "lowering", "close",
    "phase out", "remove", "repeal", "withdraw", "leave", "against", "oppose",
    "illegal", "criminalise", "criminalize", "tax", "taxes", "taxing", "fine",
    "fines", "curb", "curbs",
)

# Who says it: a sentence voicing opponents reports their side.
OPPONENTS = (
    "critics", "opponents", "detractors", "sceptics", "skeptics", "naysayers",
    "campaigners against", "those against", "opponent", "critic", "rivals",
)

# Sarcasm in quotes: praise that means the opposite.
SARCASM = (
    "what could possibly go wrong", "what could go wrong", "yeah right", "oh sure",
    "oh great", "oh yes", "genius", "brilliant idea", "great idea", "because nothing",
    "nothing says", "of course", "sure,", "how wonderful", "just what",
    "bravo", "slow clap", "masterstroke", "marvellous", "thanks a lot",
)

HEDGES = (
    "may", "might", "could", "perhaps", "possibly", "whether", "unclear", "if",
    "reportedly", "allegedly", "appears", "seems", "suggests", "not yet", "undecided",
)

# Words of a debate motion that say nothing about its subject.
TARGET_FILLER = frozenset((
    "house", "believes", "supports", "would", "should", "must", "shall", "country",
    "countries", "government", "governments", "state", "states", "city", "council",
    "introduce", "adopt", "allow", "make", "people", "new", "plan",
))
# fmt: on


@lru_cache(maxsize=1)
def vader_lexicon() -> dict[str, float]:
    """VADER's word valences, -4 (most negative) to 4 (most positive).

    Examples
    --------
    >>> vader_lexicon()["good"] > 0 > vader_lexicon()["harm"]
    True
    """
    path = Path(__file__).with_name("vader_lexicon.tsv")
    out: dict[str, float] = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#") or not line.strip():
                continue
            word, value = line.rstrip("\n").split("\t")
            out[word] = float(value)
    return out
