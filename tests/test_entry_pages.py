"""Entry pages and the JSON API, rendered without a site build: links, lineage slot, records, schema."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from urllib.parse import urljoin

import jsonschema
import pytest

from awesome_opt.catalog import build_catalog
from awesome_opt.render.api import api_files, api_index, api_schema, json_array
from awesome_opt.render.entry_page import LineageLink, description, entry_page, page_links
from awesome_opt.render.environment import environment
from awesome_opt.render.exports import to_json
from awesome_opt.render.links import Links
from awesome_opt.render.site import Site
from tests.conftest import FIXTURES, REPO

MINI = build_catalog(FIXTURES / "mini")
METRICS = FIXTURES / "github" / "metrics.json"


def test_a_paper_links_its_arxiv_abstract_pdf_and_code_entry_with_its_figures(mini_repo: Path) -> None:
    shutil.copy(METRICS, mini_repo / "data" / "metrics.json")
    site = Site(build_catalog(mini_repo / "data"))
    links = {link.label: link for link in page_links(site, site.catalog.by_id["gkd"])}
    assert links["arXiv abstract"].url == "https://arxiv.org/abs/2306.13649"
    assert links["PDF"].url == "https://arxiv.org/pdf/2306.13649"
    assert links["Code: TRL"].url == "../trl/" and links["Code: TRL"].note == "★ 15k, archived"
    trl = {link.label: link for link in page_links(site, site.catalog.by_id["trl"])}
    assert trl["Repository"].url == "https://github.com/huggingface/trl"


def test_a_code_url_and_the_paper_of_a_benchmark_are_linked() -> None:
    site = Site(MINI)
    paper = {link.label: link.url for link in page_links(site, MINI.by_id["summarize-from-feedback"])}
    assert paper["Code"] == "https://github.com/openai/summarize-from-feedback"
    benchmark = MINI.by_id["math"]
    found = {link.label: link.url for link in page_links(site, benchmark)}
    assert found[f"Paper: {MINI.by_id['math-dataset'].entry.display_name}"] == "../math-dataset/"
    assert found["Official page"] == benchmark.entry.link
    described = {link.label for link in page_links(site, MINI.by_id["math-dataset"])}
    assert f"Benchmark: {benchmark.entry.display_name}" in described


def test_the_description_is_the_summary_cut_at_a_word() -> None:
    item = MINI.by_id["gkd"]
    assert description(item) == item.entry.summary
    real = build_catalog(REPO / "data")
    long = max(real, key=lambda entry: len(entry.entry.summary))
    cut = description(long)
    assert len(cut) <= 201 and cut.endswith("…") and long.entry.summary.startswith(cut[:-1])


def test_an_entry_page_has_all_authors_its_bibtex_and_related_entries_but_no_empty_lineage() -> None:
    page = entry_page(Site(MINI), MINI.by_id["gkd"])
    assert page.entry_id == "gkd" and page.path == "entries/gkd.md" and "toc" in page.hide
    authors = MINI.by_id["gkd"].entry.authors_shown[0]
    assert ", ".join(authors) + " et al." in page.content
    assert "@article{gkd," in page.content and 'download="gkd.bib"' in page.content
    assert 'id="ao-related"' in page.content
    assert "ao-lineage" not in page.content and "Builds on" not in page.content


def test_the_lineage_block_shows_what_it_is_given() -> None:
    links = Links(MINI, "entries/gkd.md")
    template = environment().get_template("site/entry/lineage.html.j2")
    assert template.render(builds_on=[], built_on_by=[], links=links).strip() == ""
    html = template.render(
        builds_on=[LineageLink(MINI.by_id["ppo"], "extends", "We build on PPO.")],
        built_on_by=[LineageLink(MINI.by_id["distill-reasoning"])],
        links=links,
    )
    assert re.search(r"<h3>Builds on</h3>.*?href=\"../ppo/\".*?extends.*?We build on PPO\.", html, re.S)
    assert "<h3>Built on by</h3>" in html and 'href="../distill-reasoning/"' in html


def test_every_api_record_is_the_exported_record_and_the_index_points_at_each() -> None:
    site = Site(MINI)
    files = api_files(site)
    exported = {record["id"]: record for record in json.loads(to_json(MINI))}
    index = json.loads(files["api/index.json"])
    assert index["count"] == len(MINI) == len(index["entries"]) and index["licence"] == "CC0-1.0"
    for item in index["entries"]:
        assert json.loads(files[urljoin("api/index.json", item["json"])]) == exported[item["id"]]
        assert urljoin("api/index.json", item["url"]) == f"entries/{item['id']}/"
    assert files["api/schema.json"] == (REPO / "data" / "api.schema.json").read_text(encoding="utf-8")


def test_with_the_site_address_the_index_gives_absolute_urls() -> None:
    index = api_index(Site(MINI, site_url="https://example.org/list"))
    (gkd,) = [item for item in index["entries"] if item["id"] == "gkd"]
    assert gkd["url"] == "https://example.org/list/entries/gkd/"
    assert gkd["json"] == "https://example.org/list/api/entries/gkd.json"


@pytest.mark.parametrize("texts", [[], ['{\n  "a": 1\n}'], ['{\n  "a": [\n    1\n  ]\n}', "2"]])
def test_json_array_writes_what_json_dumps_writes(texts: list[str]) -> None:
    values = [json.loads(text) for text in texts]
    assert json_array(texts) == json.dumps(values, indent=2) + "\n"


def test_the_real_api_files_follow_the_schema() -> None:
    catalog = build_catalog(REPO / "data")
    files = api_files(Site(catalog))
    schema = api_schema()
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    validator.validate(json.loads(files["api/index.json"]))
    record_schema = {**schema, "$ref": "#/$defs/Record"}
    record_schema.pop("anyOf")
    records = jsonschema.Draft202012Validator(record_schema, format_checker=jsonschema.FormatChecker())
    for item in catalog:
        records.validate(json.loads(files[f"api/entries/{item.id}.json"]))
    broken = json.loads(files[f"api/entries/{catalog.items[0].id}.json"]) | {"surprise": 1}
    assert not records.is_valid(broken)
