"""The default profile's pages are exactly the reviewed golden Markdown in tests/golden/default/.

A difference fails with a readable diff. When the change is deliberate, regenerate with
`python -m tests.golden` and read the new text line by line before committing.
"""

import difflib

from tests.golden import golden_pages, rendered_pages


def test_generated_markdown_matches_the_reviewed_golden_files():
    rendered, golden = rendered_pages(), golden_pages()
    assert sorted(rendered) == sorted(golden), "pages were added or removed: run python -m tests.golden"
    diffs = [
        "".join(difflib.unified_diff(golden[p].splitlines(True), rendered[p].splitlines(True), f"golden/{p}", f"rendered/{p}"))
        for p in sorted(rendered) if rendered[p] != golden[p]
    ]
    assert not diffs, "\n".join(diffs)


def test_generation_is_deterministic():
    assert rendered_pages() == rendered_pages()
