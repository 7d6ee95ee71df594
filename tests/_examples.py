"""Tiny labeled examples written for the tests (not from any benchmark)."""

CLAIMS = [
    ("Unemployment fell to 4.1% in May, the statistics office said.", 1),
    ("The budget deficit reached €12 billion last year.", 1),
    ("Crime rose by 14% in the capital between 2019 and 2023.", 1),
    ("The new bridge cost $340 million, twice the first estimate.", 1),
    ("Exports to China doubled in the past five years.", 1),
    ("The ministry hired 2,400 nurses in 2022.", 1),
    ("Inflation hit 9.2% in October, the highest in three decades.", 1),
    ("Turnout was 61 percent, up from 54 percent in 2019.", 1),
    ("Thank you all for coming tonight.", 0),
    ("I think we can do better.", 0),
    ("Let me be clear about one thing.", 0),
    ("What a wonderful evening this is.", 0),
    ("We will see what happens.", 0),
    ("Good luck to everyone.", 0),
    ("Why does this matter to you?", 0),
    ("I love this city and its people.", 0),
]

TARGET = "The city should build the new stadium"
PAIRS = [
    (
        "The stadium will bring jobs and visitors, and the city should build it.",
        "favor",
    ),
    ("Backers say the new stadium is exactly what the city needs.", "favor"),
    ("The council must approve the stadium without delay, the mayor said.", "favor"),
    ("Supporters welcomed the stadium plan as a boost for the city.", "favor"),
    ("Building the stadium would be a waste of public money.", "against"),
    ("Critics said the stadium plan should be scrapped.", "against"),
    ("Residents oppose the stadium and reject the costs.", "against"),
    ("The stadium is a terrible idea, opponents argued.", "against"),
    ("The meeting started at seven in the town hall.", "none"),
    ("Rain is expected over the weekend.", "none"),
    ("The library will close early on Friday.", "none"),
    ("The bus timetable changes next month.", "none"),
]

# Templates for generated debate-like tables ({n}: a number, {y}: a year).
CLAIM_TEMPLATES = [
    "Jobs rose {n}% in {y}.",
    "We spent ${n} billion in {y}.",
    "Crime fell {n} percent.",
]
OTHER_LINES = [
    "Thank you all.",
    "Let me finish.",
    "Good evening.",
    "That is a fine question.",
]


def rare_claim_rows(n: int = 160, seed: int = 0) -> list[dict]:
    """A bare ``text,label`` table (no documents) with one check-worthy row in
    eight, from the templates above."""
    import random

    rng = random.Random(seed)
    rows = []
    for i in range(n):
        claim = i % 8 == 0
        text = rng.choice(CLAIM_TEMPLATES if claim else OTHER_LINES)
        text = text.format(n=rng.randint(2, 99), y=rng.randint(1990, 2020))
        rows.append({"text": text, "label": int(claim)})
    return rows
