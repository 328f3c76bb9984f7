"""README rendering: golden output, escaping of hostile strings, structure that survives any input."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token
from pydantic import ValidationError

from awesome_opt.catalog import Catalog, build_catalog
from awesome_opt.loader import LoadedEntry, Source, load_taxonomy
from awesome_opt.render.escape import escape_markdown, github_slug
from awesome_opt.render.readme import render_readme
from awesome_opt.render.site import Site
from awesome_opt.schema import Paper
from awesome_opt.yamlfile import YamlDocument
from tests.conftest import FIXTURES, REPO

GOLDEN = Path(__file__).parent / "golden" / "mini-README.md"
TAXONOMY = load_taxonomy(FIXTURES / "mini")[0]
PARSER = MarkdownIt("commonmark")


def test_readme_matches_golden_file() -> None:
    text = render_readme(build_catalog(FIXTURES / "mini"))
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.write_text(text, encoding="utf-8")
    assert text == GOLDEN.read_text(encoding="utf-8"), "run UPDATE_GOLDEN=1 pytest tests/test_readme.py"


def test_entry_appears_in_full_once_and_is_linked_from_other_sections() -> None:
    text = render_readme(build_catalog(FIXTURES / "mini"))
    assert text.count("https://arxiv.org/abs/2306.13649") == 1
    rlhf = text.split("## RL from human feedback")[1].split("\n## ")[0]
    assert 'Also relevant here: <a href="#gkd">On-Policy Distillation of Language Models' in rlhf


def test_contents_links_match_headings() -> None:
    text = render_readme(build_catalog(FIXTURES / "mini"))
    headings = [line.lstrip("#").strip() for line in text.splitlines() if line.startswith("## ")]
    contents = text.split("## Contents")[1].split("\n## ")[0]
    for heading in headings[1:]:
        if heading != "Contributing":
            assert f"(#{github_slug(heading)})" in contents


def test_code_reference_to_code_entry_links_in_page() -> None:
    text = render_readme(build_catalog(FIXTURES / "mini"))
    assert "[Code](#trl)" in text
    assert text.count("https://github.com/huggingface/trl") == 1


def _paper(title: str, summary: str, authors: list[str], index: int) -> LoadedEntry:
    entry = Paper.model_validate(
        {
            "title": title,
            "authors": authors,
            "year": 2020 + index % 5,
            "arxiv": f"{20 + index % 5}01.{index:05d}",
            "section": "rlhf",
            "provenance": "on-policy",
            "role": "policy-reshaping",
            "signal": ["reward-model"],
            "summary": summary,
            "added": dt.date(2026, 1, 1),
        },
        context={"taxonomy": TAXONOMY},
    )
    source = Source(Path(f"p{index}.yaml"), f"p{index}.yaml", YamlDocument({}))
    return LoadedEntry(f"p{index}", entry, source)


def _inline_children(tokens: list[Token]) -> list[Token]:
    return [child for token in tokens if token.type == "inline" for child in token.children or []]


def _links(tokens: list[Token]) -> list[tuple[str, str]]:
    """(href, text) of every Markdown link."""
    found, href, text = [], None, ""
    for token in _inline_children(tokens):
        if token.type == "link_open":
            href, text = str(token.attrs["href"]), ""
        elif token.type == "link_close" and href is not None:
            found.append((href, text))
            href = None
        elif href is not None and token.type in ("text", "code_inline"):
            text += token.content
    return found


hostile = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=60)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(titles=st.lists(hostile, min_size=1, max_size=4), summary=hostile, author=hostile)
def test_any_strings_keep_list_items_and_links_intact(titles: list[str], summary: str, author: str) -> None:
    items = []
    for index, title in enumerate(titles):
        try:
            items.append(_paper(title, "A" + summary + ".", [author], index))
        except ValidationError:
            continue
    if not items:
        return
    others = [i for i in build_catalog(FIXTURES / "mini").items if i.entry.section != "rlhf"]
    catalog = Catalog(TAXONOMY, items + others)
    tokens = PARSER.parse(render_readme(catalog))
    section = _section_tokens(tokens, "RL from human feedback")
    bullet_items = [t for t in section if t.type == "list_item_open" and t.level == 1]
    assert len(bullet_items) == len(items)
    links = _links(section)
    for item in items:
        expected_text = " ".join(item.entry.display_name.split())
        assert (item.entry.link, expected_text) in [(h, " ".join(t.split())) for h, t in links]


def _section_tokens(tokens: list[Token], title: str) -> list[Token]:
    start = next(
        i
        for i, t in enumerate(tokens)
        if t.type == "inline" and t.content == title and tokens[i - 1].tag == "h2"
    )
    end = next(
        (
            i
            for i in range(start + 1, len(tokens))
            if tokens[i].type == "heading_open" and tokens[i].tag == "h2"
        ),
        len(tokens),
    )
    return tokens[start:end]


def test_escape_markdown_neutralises_markup() -> None:
    text = escape_markdown("<script>alert(1)</script> [x](javascript:y) *b* `c` | $x$")
    assert "<script>" not in text
    html = PARSER.render(f"- {text}")
    assert "<script>" not in html and "<em>" not in html and "<code>" not in html and "href" not in html


def test_repository_readme_shows_every_entry_link_once() -> None:
    catalog = build_catalog(REPO / "data")
    text = (REPO / "README.md").read_text(encoding="utf-8")
    for item in catalog:
        assert text.count(f"]({item.entry.link})") == 1, item.id


def test_code_links_say_whether_they_lead_to_code_data_or_a_benchmark(mini_repo: Path) -> None:
    paper = mini_repo / "data" / "papers" / "summarize-from-feedback.yaml"
    text = paper.read_text(encoding="utf-8")
    links = (
        "code: [https://github.com/openai/summarize-from-feedback, "
        "https://huggingface.co/datasets/openai/summarize_from_feedback, "
        "https://github.com/hendrycks/math, https://github.com/example/second-repo, "
        "https://drive.google.com/file/d/1abc/view, https://www.swebench.com]"
    )
    paper.write_text(text.replace("code: [https://github.com/openai/summarize-from-feedback]", links))
    catalog = build_catalog(mini_repo / "data")
    readme = render_readme(catalog)
    row = next(line for line in readme.splitlines() if '<a id="summarize-from-feedback">' in line)
    assert "[Code 1](https://github.com/openai/summarize-from-feedback)." in row
    assert "[Data 1](https://huggingface.co/datasets/openai/summarize_from_feedback)." in row
    assert "[Data 2](https://drive.google.com/file/d/1abc/view)." in row
    assert "[Benchmark](#math)." in row
    assert "[Code 2](https://github.com/example/second-repo)." in row
    assert "[Site](https://www.swebench.com)." in row  # a home page is neither code nor data


def test_a_paper_whose_only_link_is_a_data_set_does_not_count_as_having_code(mini_repo: Path) -> None:
    paper = mini_repo / "data" / "papers" / "summarize-from-feedback.yaml"
    text = paper.read_text(encoding="utf-8").replace(
        "https://github.com/openai/summarize-from-feedback",
        "https://huggingface.co/datasets/openai/summarize_from_feedback",
    )
    paper.write_text(text, encoding="utf-8")
    catalog = build_catalog(mini_repo / "data")
    site = Site(catalog)
    assert not site.has_code(catalog.by_id["summarize-from-feedback"])
    assert site.has_code(catalog.by_id["gkd"])
    row = next(line for line in render_readme(catalog).splitlines() if 'id="summarize-from-feedback"' in line)
    assert "[Data](https://huggingface.co/datasets/openai/summarize_from_feedback)." in row
    assert "[Code" not in row


def test_a_paper_whose_only_link_is_its_home_page_does_not_count_as_having_code(mini_repo: Path) -> None:
    paper = mini_repo / "data" / "papers" / "summarize-from-feedback.yaml"
    text = paper.read_text(encoding="utf-8").replace(
        "https://github.com/openai/summarize-from-feedback", "https://www.swebench.com"
    )
    paper.write_text(text, encoding="utf-8")
    catalog = build_catalog(mini_repo / "data")
    assert not Site(catalog).has_code(catalog.by_id["summarize-from-feedback"])
    row = next(line for line in render_readme(catalog).splitlines() if 'id="summarize-from-feedback"' in line)
    assert "[Site](https://www.swebench.com)." in row and "[Code" not in row


def test_a_paper_row_links_the_entries_that_name_it_as_their_paper() -> None:
    catalog = build_catalog(FIXTURES / "mini")
    assert catalog.by_id["math"].entry.paper_ref == "math-dataset"
    row = next(line for line in render_readme(catalog).splitlines() if 'id="math-dataset"' in line)
    assert row.count("(#math)") == 1
    assert "[Benchmark](#math)." in row


def test_each_readme_section_opens_with_its_definition_and_leaves_filing_rules_to_the_guide() -> None:
    taxonomy = load_taxonomy(REPO / "data")[0]
    text = (REPO / "README.md").read_text(encoding="utf-8")
    paragraphs = [" ".join(block.split()) for block in text.split("\n\n")]
    with_rules = [section for section in taxonomy.sections if section.filing]
    assert with_rules, "the taxonomy keeps its filing rules apart from the definitions"
    for section in taxonomy.sections:
        heading = next(i for i, block in enumerate(paragraphs) if block.endswith(f"# {section.title}"))
        assert paragraphs[heading + 1] == " ".join(section.description.split()), section.id
    for section in with_rules:
        assert " ".join(section.filing.split())[:80] not in " ".join(text.split()), section.id
