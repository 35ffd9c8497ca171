"""Profile text is data: the filters make it print as itself in Markdown and HTML."""

import datetime as dt
import html as html_lib
import re

import markdown
import pytest

from generator.textfilters import attr, join_and, long_date, md, sentence

EXTENSIONS = ["attr_list", "md_in_html", "tables", "admonition", "def_list"]


def rendered(text: str) -> str:
    return markdown.markdown(text, extensions=EXTENSIONS)


@pytest.mark.parametrize("hostile", [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[click me](javascript:alert(1))",
    "![x](https://tracker.example/pixel.png)",
    "**bold** _it_ `code`",
    "{: onclick=alert(1) }",
    "a | b | c",
    "# not a heading",
    "- not a list",
    "1. not a list",
    "> not a quote",
    "{{ config }} {% raw %}",
    "<https://evil.example>",
])
def test_hostile_text_renders_as_itself(hostile):
    html = rendered(f"Name: {md(hostile)}")
    assert "<script" not in html and "<img" not in html and "<a " not in html
    assert "<strong>" not in html and "<em>" not in html and "<code>" not in html and "<table>" not in html
    # What the reader sees is the original text.
    visible = html_lib.unescape(re.sub(r"<[^>]+>", "", html)).strip()
    assert visible == f"Name: {hostile}"


@pytest.mark.parametrize("hostile", ["- item", "1. first", "# heading", "> quote", "+ plus"])
def test_hostile_text_at_line_start_stays_a_paragraph(hostile):
    html = rendered(md(hostile))
    assert html.startswith("<p>") and "<ul>" not in html and "<ol>" not in html and "<h1>" not in html


def test_line_breaks_collapse_to_spaces():
    assert md("one\n\n# two") == "one \\# two"


def test_attribute_escaping():
    assert attr('a "quoted" <b> & c') == "a &quot;quoted&quot; &lt;b&gt; &amp; c"


def test_dates_and_lists_in_plain_english():
    assert long_date(dt.date(2027, 3, 1)) == "1 March 2027"
    assert join_and(["a", "b", "c"]) == "a, b and c"
    assert join_and(["a"]) == "a"
    assert join_and(["a", "b"], "or") == "a or b"
    assert sentence("It works") == "It works."
    assert sentence("Really?") == "Really?"


def test_sentence_ending_inside_a_closing_quote_gets_no_second_full_stop():
    assert sentence('It says: "Talk to a person."') == 'It says: "Talk to a person."'
    assert sentence("It asks: 'Are you sure?'") == "It asks: 'Are you sure?'"
    assert sentence("It says \u201cHello.\u201d") == "It says \u201cHello.\u201d"
    assert sentence('Say "agent"') == 'Say "agent".'


def test_a_text_is_escaped_the_same_however_often_it_is_printed_and_whatever_holds_it():
    from generator.localtext import LocalText

    text = "Returns & refunds: *fast* <b>help</b>"
    held = LocalText(text, {"en": text, "de": "Rückgaben"})
    assert md(text) == md(held) == md(text) == r"Returns &amp; refunds: \*fast\* &lt;b&gt;help&lt;/b&gt;"
    assert type(md(held)) is str
