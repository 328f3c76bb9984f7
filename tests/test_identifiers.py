"""Identifiers: which links lead to data."""

from __future__ import annotations

import pytest

from awesome_opt.identifiers import is_data_set_url, is_data_url, is_model_weights_url, link_kind


def test_hugging_face_hub_links_other_than_spaces_are_data() -> None:
    assert is_data_set_url("https://huggingface.co/datasets/openai/gsm8k")
    assert is_data_set_url("https://hf.co/datasets/simplescaling/s1K")
    assert is_data_set_url("https://www.huggingface.co/datasets/simplescaling/s1K")
    assert is_data_set_url(
        "https://huggingface.co/collections/allenai/tulu-3-datasets-673b8df14442393f7213f372"
    )
    assert is_data_set_url("https://huggingface.co/open-thoughts")
    assert not is_data_set_url("https://huggingface.co/spaces/lmarena-ai/chatbot-arena-leaderboard")
    assert not is_data_set_url("https://github.com/huggingface/datasets")


def test_a_model_repository_on_the_hub_is_weights_not_data() -> None:
    assert is_model_weights_url("https://huggingface.co/bytedance-research/BFS-Prover")
    assert is_model_weights_url("https://huggingface.co/Qwen/Qwen2.5-7B/tree/main")
    assert not is_data_set_url("https://huggingface.co/bytedance-research/BFS-Prover")
    assert not is_model_weights_url("https://huggingface.co/datasets/openai/gsm8k")
    assert not is_model_weights_url("https://huggingface.co/open-thoughts")
    assert not is_model_weights_url("https://github.com/Qwen/Qwen2.5")
    assert not is_data_set_url("https://huggingface.co/papers/2501.12948")


DATA_LINKS = [
    "https://drive.google.com/file/d/1IBhBH5TdVp1gxeg3BT8kgZ1j8PyCGI1l/view",
    "https://drive.google.com/drive/folders/1ZJ5nR5AZ3iAB4wNJFJJR_LLe8IHb29KF",
    "https://zenodo.org/records/12345",
    "https://openaipublic.blob.core.windows.net/webgpt-answer-viewer/comparisons.jsonl",
    "https://openaipublic.blob.core.windows.net/summarize-from-feedback/website/index.html",
    "https://huggingface.co/datasets/openai/gsm8k",
    "https://www.modelscope.cn/datasets/shawliu9/OfficeWorld",
    "https://people.eecs.berkeley.edu/~hendrycks/MATH.tar",
    "https://example.org/release/data.tar.gz",
]
CODE_OR_OTHER_LINKS = [
    "https://github.com/openai/grade-school-math",
    "https://github.com/owner/repo/blob/main/data/train.py",
    "https://huggingface.co/bytedance-research/BFS-Prover",
    "https://www.swebench.com",
    "https://www.modelscope.cn/models/Qwen/Qwen3-8B",
    "https://github.com/modelscope/Trinity-RFT",
    "https://github.com/owner/repo/archive/refs/heads/main.zip",
]


@pytest.mark.parametrize("url", DATA_LINKS)
def test_data_downloads_outside_the_hub_are_data(url: str) -> None:
    assert is_data_url(url)


@pytest.mark.parametrize("url", CODE_OR_OTHER_LINKS)
def test_repositories_weights_and_sites_are_not_data(url: str) -> None:
    assert not is_data_url(url)


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("https://github.com/princeton-nlp/SWE-bench", "Code"),
        ("https://huggingface.co/spaces/lmsys/chatbot-arena-leaderboard", "Code"),
        ("https://huggingface.co/datasets/tatsu-lab/alpaca_eval", "Data"),
        ("https://people.eecs.berkeley.edu/~hendrycks/MATH.tar", "Data"),
        ("https://www.swebench.com", "Site"),
        ("https://tatsu-lab.github.io/alpaca_eval/", "Site"),
    ],
)
def test_a_bare_link_is_code_data_or_a_site(url: str, kind: str) -> None:
    assert link_kind(url) == kind
