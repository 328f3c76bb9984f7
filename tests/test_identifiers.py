"""Identifiers: which links lead to data."""

from __future__ import annotations

from awesome_opt.identifiers import is_data_set_url, is_data_url, is_model_weights_url


def test_hugging_face_hub_links_other_than_spaces_are_data() -> None:
    assert is_data_set_url("https://huggingface.co/datasets/openai/gsm8k")
    assert is_data_set_url("https://hf.co/datasets/simplescaling/s1K")
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


def test_data_downloads_outside_the_hub_are_data() -> None:
    assert is_data_url("https://drive.google.com/file/d/1IBhBH5TdVp1gxeg3BT8kgZ1j8PyCGI1l/view")
    assert is_data_url("https://drive.google.com/drive/folders/1ZJ5nR5AZ3iAB4wNJFJJR_LLe8IHb29KF")
    assert is_data_url("https://zenodo.org/records/12345")
    assert is_data_url("https://openaipublic.blob.core.windows.net/webgpt-answer-viewer/comparisons.jsonl")
    assert is_data_url(
        "https://openaipublic.blob.core.windows.net/summarize-from-feedback/website/index.html"
    )
    assert is_data_url("https://huggingface.co/datasets/openai/gsm8k")
    assert not is_data_url("https://github.com/openai/grade-school-math")
    assert not is_data_url("https://github.com/owner/repo/blob/main/data/train.py")
    assert not is_data_url("https://huggingface.co/bytedance-research/BFS-Prover")
    assert not is_data_url("https://www.swebench.com")
