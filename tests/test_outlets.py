from __future__ import annotations

from parallax.outlets import outlet_from_self_reference, outlet_from_url


def test_known_and_unknown_domains() -> None:
    assert outlet_from_url("https://www.cbsnews.com/news/x") == "CBS News"
    assert outlet_from_url("https://edition.cnn.com/2023/x") == "CNN"
    assert outlet_from_url("https://www.valleycourier.example/a") == "valleycourier.example"


def test_self_reference_is_found_and_citing_another_outlet_is_not() -> None:
    ev = outlet_from_self_reference(
        "NBC News reported Wednesday that the stockpile was large. Five workers were "
        "confirmed in statements to CBS News to have crossed."
    )
    assert ev is not None and ev.method == "self-reference:CBS News"
    assert outlet_from_self_reference("NBC News reported that the talks failed.") is None


def test_told_with_channel_name() -> None:
    ev = outlet_from_self_reference("a spokeswoman told Channel 9 News on Friday")
    assert ev is not None and ev.method == "self-reference:Channel 9 News"
