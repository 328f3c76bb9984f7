"""Identifiers: which links lead to data."""

from __future__ import annotations

from awesome_opt.identifiers import is_data_set_url


def test_hugging_face_hub_links_other_than_spaces_are_data() -> None:
    assert is_data_set_url("https://huggingface.co/datasets/openai/gsm8k")
    assert is_data_set_url("https://hf.co/datasets/simplescaling/s1K")
    assert is_data_set_url(
        "https://huggingface.co/collections/allenai/tulu-3-datasets-673b8df14442393f7213f372"
    )
    assert is_data_set_url("https://huggingface.co/open-thoughts")
    assert not is_data_set_url("https://huggingface.co/spaces/lmarena-ai/chatbot-arena-leaderboard")
    assert not is_data_set_url("https://github.com/huggingface/datasets")
