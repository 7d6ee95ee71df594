"""FNC-1, Emergent and SemEval-2016 loaders, on small files written here."""

import pytest

from stancekit.errors import InputError, LabelError, SchemaError
from stancekit.formats import load_labeled

STANCES = (
    "Headline,Body ID,Stance\n"
    '"Giant squid found in city fountain, officials say",5,agree\n'
    "Mayor to ban bicycles downtown,9,unrelated\n"
    "Squid in fountain was a plastic prop,5,disagree\n"
)
BODIES = (
    "Body ID,articleBody\n"
    '5,"Workers draining the fountain on Monday found what looked like a squid.\n\n'
    'A spokesperson said ""we are still checking"", adding that, so far, it is real."\n'
    '9,"The council met on Tuesday.\nNo vote on bicycles was held."\n'
    '11,"An unused body."\n'
)
SQUID_BODY = (
    "Workers draining the fountain on Monday found what looked like a squid.\n\n"
    'A spokesperson said "we are still checking", adding that, so far, it is real.'
)


def write(path, text):
    path.write_bytes(text.encode("utf-8"))
    return path


# --- FNC-1 ----------------------------------------------------------------


def test_fnc1_joins_bodies_by_the_naming_convention(tmp_path):
    f = write(tmp_path / "train_stances.csv", STANCES)
    write(tmp_path / "train_bodies.csv", BODIES)
    ds = load_labeled(f)
    assert ds.column_names == ["target", "text", "label", "group", "Body ID"]
    assert list(ds["label"]) == ["agree", "unrelated", "disagree"]
    assert ds[0]["target"] == "Giant squid found in city fountain, officials say"
    assert ds[0]["text"] == SQUID_BODY == ds[2]["text"]
    assert ds[1]["text"] == "The council met on Tuesday.\nNo vote on bicycles was held."
    assert list(ds["group"]) == ["5", "9", "5"]
    assert list(ds["Body ID"]) == [5, 9, 5]


def test_fnc1_bodies_can_be_named(tmp_path):
    f = write(tmp_path / "pairs.csv", STANCES)
    b = write(tmp_path / "articles.csv", BODIES)
    ds = load_labeled(f"fnc1:{f}", bodies=b)
    assert ds.num_rows == 3
    with pytest.raises(InputError, match="has no 'stances' to replace"):
        load_labeled(f"fnc1:{f}")


def test_fnc1_missing_bodies_file_names_the_path_looked_for(tmp_path):
    f = write(tmp_path / "train_stances.csv", STANCES)
    with pytest.raises(
        InputError, match=r"bodies file not found: looked for '.*train_bodies\.csv'"
    ):
        load_labeled(f)


def test_fnc1_unlabeled_test_release(tmp_path):
    f = write(
        tmp_path / "competition_test_stances_unlabeled.csv",
        "Headline,Body ID\nSquid escapes,5\n",
    )
    write(tmp_path / "competition_test_bodies.csv", BODIES)
    ds = load_labeled(f, require_label=False)
    assert list(ds["label"]) == [None]
    assert ds[0]["text"] == SQUID_BODY
    with pytest.raises(LabelError, match="1 of 1 rows without a label"):
        load_labeled(f)


def test_fnc1_body_id_without_body_is_a_schema_error(tmp_path):
    f = write(tmp_path / "x_stances.csv", STANCES + "Orphan headline,404,discuss\n")
    write(tmp_path / "x_bodies.csv", BODIES)
    with pytest.raises(
        SchemaError, match=r"1 Body ID\(s\) that .* does not have: \['404'\]"
    ):
        load_labeled(f)


def test_fnc1_duplicate_body_ids_are_refused(tmp_path):
    f = write(tmp_path / "x_stances.csv", STANCES)
    write(tmp_path / "x_bodies.csv", BODIES + '5,"Another text."\n')
    with pytest.raises(SchemaError, match=r"lists a Body ID more than once: \['5'\]"):
        load_labeled(f)


def test_fnc1_wrong_columns(tmp_path):
    f = write(tmp_path / "x_stances.csv", "Title,Body ID,Stance\nA,5,agree\n")
    write(tmp_path / "x_bodies.csv", BODIES)
    with pytest.raises(
        SchemaError,
        match=r"not a FNC-1 stances file: expected columns \['Headline', 'Body ID'\]",
    ):
        load_labeled(f)


# --- Emergent -------------------------------------------------------------

EMERGENT = (
    ",claimHeadline,articleHeadline,articleHeadlineStance,articleId,claimId\n"
    "0,Robot elected mayor of small town,Town swears in robot mayor,for,a-1,c-1\n"
    '1,Robot elected mayor of small town,"Robot mayor? Not so fast, says clerk",against,a-2,c-1\n'
    "2,Volcano found under Lake Erie,Scientists probe claim of hidden volcano,observing,a-3,c-2\n"
)


def test_emergent_maps_claim_headline_and_stance(tmp_path):
    f = write(tmp_path / "emergent-train.csv", EMERGENT)
    ds = load_labeled(f)  # detected by its header
    assert ds.column_names == ["target", "text", "label", "group", "articleId"]
    assert list(ds["label"]) == ["for", "against", "observing"]
    assert list(ds["group"]) == ["c-1", "c-1", "c-2"]
    assert ds[1]["text"] == "Robot mayor? Not so fast, says clerk"


def test_emergent_unlabeled_and_wrong_columns(tmp_path):
    f = write(
        tmp_path / "e.csv",
        ",claimHeadline,articleHeadline,articleId,claimId\n0,C,H,a,c\n",
    )
    assert list(load_labeled(f"emergent:{f}", require_label=False)["label"]) == [None]
    g = write(tmp_path / "g.csv", "claim,headline,stance\nC,H,for\n")
    with pytest.raises(
        SchemaError, match=r"not a Emergent file: expected columns \['claimHeadline'"
    ):
        load_labeled(f"emergent:{g}")


# --- SemEval-2016 Task 6 -------------------------------------------------------

# The CSV release: single-byte legacy encoding, CR-only endings, no final
# newline. \x90 and \x9d are undefined in cp1252; \xf0\x9f\x98 and the like
# are the bytes of an emoji left as mojibake.
SEMEVAL_CSV = (
    b"Tweet,Target,Stance,Opinion Towards,Sentiment\r"
    b'"Solar on every roof by 2030, who\'s with me? #GreenNow @cityhall #SemST",'
    b"Climate Change is a Real Concern,FAVOR,"
    b"1.  The tweet explicitly expresses opinion about the target.,pos\r"
    b"Pineapple on pizza is a crime \xf0\x9f\x98\x90\x9d http://t.co/xYz12 #SemST,"
    b"Legalization of Abortion,NONE,"
    b"3.  The tweet is not explicitly expressing opinion.,neg\r"
    b'"@jo Nope, not voting for her caf\xe9 club #SemST",Hillary Clinton,AGAINST,'
    b'"2. The tweet does NOT expresses opinion about the target, but about sth else.",neg'
)


def test_semeval_csv_release_decodes_as_latin1_with_cr_endings(tmp_path):
    f = tmp_path / "train.csv"
    f.write_bytes(SEMEVAL_CSV)
    with pytest.raises(UnicodeDecodeError):
        SEMEVAL_CSV.decode("cp1252")  # why latin-1 and not cp1252
    ds = load_labeled(f)  # detected by its header
    assert ds.column_names == [
        "target",
        "text",
        "label",
        "group",
        "Opinion Towards",
        "Sentiment",
    ]
    assert ds.num_rows == 3
    assert list(ds["label"]) == ["FAVOR", "NONE", "AGAINST"]
    # each tweet its own document: Task A tests the targets it trains on
    assert list(ds["group"]) == list(ds["text"])
    assert (
        ds[0]["text"]
        == "Solar on every roof by 2030, who's with me? #GreenNow @cityhall #SemST"
    )
    assert (
        ds[1]["text"]
        == "Pineapple on pizza is a crime \xf0\x9f\x98\x90\x9d http://t.co/xYz12 #SemST"
    )
    assert ds[2]["text"].startswith("@jo Nope, not voting for her caf\xe9")
    assert ds[2]["Opinion Towards"].startswith("2. The tweet does NOT")


def test_semeval_csv_saved_as_utf8_is_read_as_utf8(tmp_path):
    f = write(
        tmp_path / "t.csv",
        "Tweet,Target,Stance\nLove it \U0001f600 #SemST,Atheism,FAVOR\n",
    )
    assert load_labeled(f"semeval2016:{f}")[0]["text"] == "Love it \U0001f600 #SemST"


SEMEVAL_TXT = (
    b"ID\tTarget\tTweet\tStance\r\n"
    b'10001\tFeminist Movement\tShe said "equal pay" and meant it #SemST\tFAVOR\r\n'
    b"10002\tAtheism\tPrayer at 6am, then coffee \x85 #blessed #SemST\tAGAINST\r\n"
)


def test_semeval_tab_separated_original(tmp_path):
    f = tmp_path / "semeval2016-task6-trainingdata.txt"
    f.write_bytes(SEMEVAL_TXT)
    ds = load_labeled(f)  # detected by its header
    assert ds.column_names == ["target", "text", "label", "group", "ID"]
    assert list(ds["ID"]) == [10001, 10002]
    assert list(ds["label"]) == ["FAVOR", "AGAINST"]
    # Quotes are text; byte 0x85 (latin-1 U+0085) does not split the tweet.
    assert ds[0]["text"] == 'She said "equal pay" and meant it #SemST'
    assert ds[1]["text"] == "Prayer at 6am, then coffee \x85 #blessed #SemST"


def test_semeval_unknown_stance_is_no_label(tmp_path):
    f = tmp_path / "testdata.txt"
    f.write_bytes(
        b"ID\tTarget\tTweet\tStance\n1\tAtheism\tGod is good #SemST\tUNKNOWN\n"
    )
    assert list(load_labeled(f, require_label=False)["label"]) == [None]
    with pytest.raises(LabelError, match="without a label"):
        load_labeled(f)


def test_semeval_tab_separated_wrong_field_count(tmp_path):
    f = tmp_path / "t.txt"
    f.write_bytes(b"ID\tTarget\tTweet\tStance\n1\tAtheism\tno stance here\n")
    with pytest.raises(SchemaError, match="row 2: expected 4 tab-separated fields"):
        load_labeled(f"semeval2016:{f}")


def test_semeval_without_tweet_column(tmp_path):
    f = write(tmp_path / "t.csv", "Text,Target,Stance\nHi,Atheism,NONE\n")
    with pytest.raises(
        SchemaError,
        match=r"not a SemEval-2016 file: expected columns \['Tweet', 'Target'\]",
    ):
        load_labeled(f"semeval2016:{f}")
