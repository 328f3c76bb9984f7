"""check-github --readmes against a fake GitHub API on 127.0.0.1 serving a recorded README: data
releases an official README links and the entry does not are noted at the entry's code line."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from awesome_opt.checks.github.readme import companion_files, data_home_key, readme_data_links, unlinked_data
from tests.fixtures.github.fake_api import FakeGithub, listing, recorded_readme, repo_body, serve_github
from tests.test_github import github

SUMMARIZE = "openai/summarize-from-feedback"
BUCKET = "https://openaipublic.blob.core.windows.net/summarize-from-feedback"


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeGithub]:
    monkeypatch.delenv("GITHUB_TOKEN", raising=False)
    with serve_github() as state:
        state.repos["huggingface/trl"] = repo_body("huggingface/trl", 15321)
        state.repos[SUMMARIZE] = repo_body(SUMMARIZE, 1021, True)
        state.readmes[SUMMARIZE] = recorded_readme(SUMMARIZE)
        state.readmes["huggingface/trl"] = "[data](https://huggingface.co/datasets/trl-lib/tldr)"
        yield state


GENIUS = "xufangzhi/Genius"
GENIUS_DATA = [
    "https://huggingface.co/datasets/xufangzhi/Magpie_reasoning_150K_train",
    "https://huggingface.co/datasets/xufangzhi/OpenHermes_48K_train",
]
# A paper whose code link is its repository; only the data folder's README links its data sets.
GENIUS_TITLE = (
    "Genius: A Generalizable and Purely Unsupervised Self-Training Framework For Advanced Reasoning"
)
GENIUS_ENTRY = f"""title: "{GENIUS_TITLE}"
authors: [Fangzhi Xu]
authors_complete: false
year: 2025
month: 4
arxiv: "2504.08672"
section: rlhf
provenance: on-policy
role: policy-reshaping
signal: [reward-model]
code: [https://github.com/{GENIUS}]
summary: Self-training on queries alone.
added: 2026-12-02
"""


@pytest.fixture
def genius(mini_repo: Path, fake: FakeGithub) -> FakeGithub:
    """The mini list plus a paper whose repository keeps its data links in ``data/README.md``."""
    (mini_repo / "data" / "papers" / "genius.yaml").write_text(GENIUS_ENTRY, encoding="utf-8")
    fake.repos[GENIUS.lower()] = repo_body(GENIUS, 120)
    fake.readmes[GENIUS.lower()] = recorded_readme(GENIUS)
    names = {"README.md": "file", "assets": "dir", "data": "dir", "LICENSE": "file"}
    fake.roots[GENIUS.lower()] = listing(GENIUS, names)
    fake.files[f"{GENIUS}/data/README.md"] = recorded_readme(GENIUS, "data/README.md")
    return fake


def readme_requests(fake: FakeGithub) -> list[str]:
    return [path for path, _ in fake.requests if path.endswith("/readme")]


def test_a_release_only_the_readme_links_is_noted_at_the_code_line(mini_repo: Path, fake: FakeGithub) -> None:
    code, out, _ = github(mini_repo, fake, "--readmes")
    assert code == 0  # a note for a reviewer, not a failure
    assert (
        "papers/summarize-from-feedback.yaml:13:1: summarize-from-feedback: the README of "
        f"github.com/{SUMMARIZE} links data the entry does not: {BUCKET}/dataset/\n"
        "    hint: where the work releases it, add its home to `code:`" in out
    )
    assert "check-github: 1 entries link less data than their README" in out
    # the paper's own repository and the benchmark's home are read; the framework's README is not
    assert sorted(readme_requests(fake)) == ["/repos/hendrycks/math/readme", f"/repos/{SUMMARIZE}/readme"]


def test_a_release_the_entry_links_is_not_noted(mini_repo: Path, fake: FakeGithub) -> None:
    entry = mini_repo / "data" / "papers" / "summarize-from-feedback.yaml"
    text = entry.read_text(encoding="utf-8")
    linked = text.replace(
        f"code: [https://github.com/{SUMMARIZE}]",
        f"code: [https://github.com/{SUMMARIZE}, {BUCKET}/website/index.html]",
    )
    assert linked != text
    entry.write_text(linked, encoding="utf-8")
    _code, out, _ = github(mini_repo, fake, "--readmes")
    assert "links data the entry does not" not in out
    assert "check-github: 0 entries link less data than their README" in out


def test_json_rows_name_the_entry_and_the_second_run_costs_no_quota(
    mini_repo: Path, fake: FakeGithub
) -> None:
    _code, out, _ = github(mini_repo, fake, "--readmes", "--format", "json")
    [row] = [row for row in json.loads(out) if "entry" in row]
    assert row == {
        "entry": "summarize-from-feedback",
        "repo": SUMMARIZE,
        "files": ["README"],
        "unlinked_data": [f"{BUCKET}/dataset/"],
    }
    quota = fake.remaining
    _code, again, _ = github(mini_repo, fake, "--readmes", "--format", "json")
    assert [r for r in json.loads(again) if "entry" in r] == [row]
    # all 304s but what the fake does not have, asked again: the benchmark's README and two root listings
    assert fake.remaining == quota - 3
    last = [headers for path, headers in fake.requests if path == f"/repos/{SUMMARIZE}/readme"][-1]
    assert "if-none-match" in last


def test_the_readme_pass_stops_cleanly_when_the_quota_runs_out(mini_repo: Path, fake: FakeGithub) -> None:
    fake.remaining = 4  # two repositories, then one README and its root listing: "0 remaining"
    code, _out, err = github(mini_repo, fake, "--readmes", "--no-cache")
    assert "rate limit exhausted" in err and "stopped with 1 repositories unchecked" in err
    assert len(readme_requests(fake)) == 1
    fake.remaining = 3  # the quota ends after the README, before the listing: that repository too
    code, _out, err = github(mini_repo, fake, "--readmes", "--no-cache")
    assert "stopped with 2 repositories unchecked" in err
    assert code == 0
    assert github(mini_repo, fake, "--readmes", "--no-cache", "--strict")[0] == 1


HUB = "https://huggingface.co"


@pytest.mark.parametrize(
    ("url", "key"),
    [
        (
            f"{HUB}/datasets/hkust-nlp/SimpleRL-Zoo-Data",
            "huggingface.co/datasets/hkust-nlp/simplerl-zoo-data",
        ),
        (
            f"{HUB}/datasets/hkust-nlp/SimpleRL-Zoo-Data/resolve/main/simplelr_qwen_level3to5/train.parquet",
            "huggingface.co/datasets/hkust-nlp/simplerl-zoo-data",
        ),
        (  # the same data set through the www. host
            "https://www.huggingface.co/datasets/hkust-nlp/SimpleRL-Zoo-Data",
            "huggingface.co/datasets/hkust-nlp/simplerl-zoo-data",
        ),
        (f"{BUCKET}/dataset/comparisons", "openaipublic.blob.core.windows.net/summarize-from-feedback"),
        ("https://drive.google.com/file/d/1abc/view", "drive.google.com/file/d/1abc/view"),
        (  # computerrl's OfficeWorld on ModelScope, its card and a file in it
            "https://www.modelscope.cn/datasets/shawliu9/OfficeWorld",
            "modelscope.cn/datasets/shawliu9/officeworld",
        ),
        (
            "https://modelscope.cn/datasets/shawliu9/OfficeWorld/files/cache.zip",
            "modelscope.cn/datasets/shawliu9/officeworld",
        ),
        ("https://www.modelscope.cn/models/Qwen/Qwen3-8B", None),  # a model's weights
        (f"{HUB}/hkust-nlp/Qwen-2.5-Math-7B-SimpleRL-Zoo", None),  # a model's weights
        (f"{HUB}/collections/hkust-nlp/simplerl-zoo-67e0fd24c185423c1e3452d1", None),
        ("https://github.com/hkust-nlp/simpleRL-reason/blob/main/data/train.json", None),  # in the code
        ("https://raw.githubusercontent.com/a/b/main/test.jsonl", None),
        ("https://github.com/volcengine/verl", None),
    ],
)
def test_data_home_key_names_one_key_per_release(url: str, key: str | None) -> None:
    assert data_home_key(url) == key


def test_the_recorded_readme_links_one_release_and_the_entry_may_link_any_page_of_it() -> None:
    links = readme_data_links(recorded_readme(SUMMARIZE))
    assert links == [f"{BUCKET}/dataset/"]  # the azcopy line's "*" and the closing quote are dropped
    assert unlinked_data(links, [f"https://github.com/{SUMMARIZE}"]) == links
    assert unlinked_data(links, [f"{BUCKET}/website/index.html"]) == []


# Lines of official READMEs (mit-han-lab/vcpo, sunhaonlp/ZeroSearch, texttron/BrowseComp-Plus,
# m-a-p/TreePO) that name a data set only by its Hub id, and two that name none.
@pytest.mark.parametrize(
    ("line", "links"),
    [
        ("hf download lukhuang/vcpo --repo-type dataset --local-dir data", [f"{HUB}/datasets/lukhuang/vcpo"]),
        (
            "huggingface-cli download --repo-type dataset --resume-download sunhaonlp/ZeroSearch_dataset "
            "--local-dir ZeroSearch_dataset",
            [f"{HUB}/datasets/sunhaonlp/ZeroSearch_dataset"],
        ),
        (
            'ds = load_dataset("Tevatron/browsecomp-plus-corpus", split="train")',
            [f"{HUB}/datasets/Tevatron/browsecomp-plus-corpus"],
        ),
        ("hf download m-a-p/TreePO_data --local-dir data", []),  # without --repo-type dataset, a model id
        ('load_dataset("gsm8k", "main")', []),  # a canonical set without an owner
    ],
)
def test_a_data_set_named_by_its_hub_id_counts_as_its_card(line: str, links: list[str]) -> None:
    assert readme_data_links(f"## Data\n\n```bash\n{line}\n```\n") == links


def test_data_only_a_data_folders_readme_links_is_noted_with_that_file(
    mini_repo: Path, genius: FakeGithub
) -> None:
    code, out, _ = github(mini_repo, genius, "--readmes")
    assert code == 0
    assert (
        f"papers/genius.yaml:11:1: genius: github.com/{GENIUS.lower()} (data/README) links data the "
        f"entry does not: {GENIUS_DATA[0]}, {GENIUS_DATA[1]}" in out
    )
    assert "check-github: 2 entries link less data than their README" in out
    repo = GENIUS.lower()
    asked = [path for path, _ in genius.requests if path.startswith(f"/repos/{repo}/")]
    # the root listing names the folders; only the data folder's README is asked for
    assert f"/repos/{repo}/contents/" in asked and f"/repos/{repo}/readme/data" in asked
    assert not any("assets" in path for path in asked)


def test_an_entry_linking_the_data_sets_has_nothing_noted_and_json_names_the_files(
    mini_repo: Path, genius: FakeGithub
) -> None:
    _code, out, _ = github(mini_repo, genius, "--readmes", "--format", "json")
    [row] = [row for row in json.loads(out) if row.get("entry") == "genius"]
    assert row == {
        "entry": "genius",
        "repo": GENIUS.lower(),
        "files": ["data/README"],
        "unlinked_data": GENIUS_DATA,
    }
    entry = mini_repo / "data" / "papers" / "genius.yaml"
    linked = entry.read_text(encoding="utf-8").replace(
        f"code: [https://github.com/{GENIUS}]",
        f"code: [https://github.com/{GENIUS}, {', '.join(GENIUS_DATA)}]",
    )
    entry.write_text(linked, encoding="utf-8")
    _code, out, _ = github(mini_repo, genius, "--readmes", "--format", "json")
    assert not [row for row in json.loads(out) if row.get("entry") == "genius"]


def test_companion_files_are_translated_readmes_and_data_folders() -> None:
    root = [
        ("README.md", "file"),
        ("README_zh.md", "file"),
        ("README-ja.md", "file"),
        ("readme.rst", "file"),
        ("README_zh.md.bak", "file"),
        ("data", "dir"),
        ("Resources", "dir"),
        ("docs", "dir"),
        ("README_assets", "dir"),
        ("train.py", "file"),
    ]
    assert companion_files(root) == [
        ("README-ja.md", "contents/README-ja.md"),
        ("README_zh.md", "contents/README_zh.md"),
        ("Resources/README", "readme/Resources"),
        ("data/README", "readme/data"),
    ]
