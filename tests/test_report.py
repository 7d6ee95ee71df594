import html.parser
import os
import shutil
import subprocess

import pytest

from stancekit.present.report import render_report, write_report


def _rows():
    base = {"article_id": "tram", "title": "Tram vote", "source": "tram.txt"}
    sentences = [
        (0, 0, "World", "boilerplate", None, None, None),
        (1, 1, "Council backs tram extension", "headline", 0.2, None, None),
        (
            2,
            2,
            "The council voted 31 to 9 to extend the network.",
            "body",
            0.91,
            None,
            None,
        ),
        (
            3,
            2,
            "“Traffic is choking the old town,” he said.",
            "body",
            0.35,
            "Tomas Reyes",
            True,
        ),
        (4, 3, "Photo: Ana Lima/AP", "credit", None, None, None),
        (
            5,
            4,
            "Critics called the €420 million estimate optimistic.",
            "body",
            0.77,
            "Rita Sousa",
            False,
        ),
    ]
    rows = []
    for index, para, text, kind, score, speaker, in_quote in sentences:
        row = {
            **base,
            "sentence_index": index,
            "paragraph_index": para,
            "text": text,
            "kind": kind,
            "duplicate_of": None,
            "speaker": speaker,
            "in_quote": bool(in_quote),
            "checkworthy_score": score,
            "checkworthy": score is not None and score >= 0.5,
        }
        stance = {3: "favor", 5: "against"}.get(index, "none")
        rows.append(
            {
                **row,
                "target": "The city should extend the tram",
                "stance": stance,
                "stance_score": 0.8,
            }
        )
    return rows


class _Collector(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def _classes(page, cls):
    """Elements of the articles (the legend has no data-index) with class cls."""
    parser = _Collector()
    parser.feed(page)
    return [
        a
        for t, a in parser.tags
        if cls in (a.get("class") or "").split()
        and (
            "data-index" in a
            or "data-article-id" in a
            or cls not in ("claim", "article")
        )
    ]


def test_report_shows_labels_and_is_self_contained():
    page = render_report(_rows())
    assert (
        "<script" not in page
        and "http://" not in page
        and "https://" not in page.split("<main>")[0]
    )
    assert len(_classes(page, "article")) == 1
    claims = _classes(page, "claim")
    assert [c["data-index"] for c in claims] == ["2", "5"]
    assert [c["data-index"] for c in _classes(page, "top-claim")] == ["2", "5", "3"]
    assert len(_classes(page, "favor")) >= 1 and len(_classes(page, "against")) >= 1
    assert "Tomas Reyes" in page
    assert len(_classes(page, "furniture")) == 2


def test_text_is_escaped():
    rows = _rows()
    rows[2]["text"] = "<b>not bold</b> & more"
    page = render_report(rows)
    assert "&lt;b&gt;not bold&lt;/b&gt; &amp; more" in page


def test_write_report_is_atomic(tmp_path):
    out = write_report(_rows(), tmp_path / "r.html")
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert os.listdir(tmp_path) == ["r.html"]


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def _chromium(*args, tmp_path):
    cmd = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={tmp_path / 'profile'}",
        *args,
    ]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=90)


@pytest.mark.browser
@pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium is not installed")
def test_report_renders_in_a_real_browser(tmp_path):
    page = write_report(_rows(), tmp_path / "report.html")
    dom = _chromium("--dump-dom", page.as_uri(), tmp_path=tmp_path)
    assert dom.returncode == 0, dom.stderr[-2000:]
    # The DOM the browser built, not the file we wrote.
    assert len(_classes(dom.stdout, "claim")) == 2
    assert len(_classes(dom.stdout, "top-claim")) == 3
    assert "Council backs tram extension" in dom.stdout
    shot = tmp_path / "report.png"
    res = _chromium(
        "--screenshot=" + str(shot),
        "--window-size=1280,900",
        page.as_uri(),
        tmp_path=tmp_path,
    )
    assert res.returncode == 0, res.stderr[-2000:]
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert shot.stat().st_size > 10_000  # a blank page compresses to far less


def test_a_repeat_is_greyed_not_shown_as_a_second_claim():
    rows = _rows()
    rows.append(
        {**rows[2], "sentence_index": 6, "paragraph_index": 5, "duplicate_of": 2}
    )
    page = render_report(rows)
    repeat = next(a for a in _classes(page, "repeat"))
    assert repeat["data-index"] == "6"
    assert "claim" not in repeat["class"] and "style" not in repeat
    assert [c["data-index"] for c in _classes(page, "claim")] == ["2", "5"]
