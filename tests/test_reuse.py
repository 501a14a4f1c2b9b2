"""Reuse: passages of shared copy and the smallest edits inside them."""

from __future__ import annotations

from parallax.build import RawArticle, build_article
from parallax.model import Article
from parallax.reuse.detect import find_reuse
from parallax.reuse.summary import copy_groups, substitutions

WIRE = [
    "ASHFORD, Norland — Police fired tear gas at protesters outside the parliament on Monday "
    "as thousands gathered to oppose a new media law, witnesses said.",
    "The protesters threw bottles and stones at officers guarding the main gate, and at least "
    "14 people were taken to hospital with injuries, the city health office said.",
    "Interior Minister Karel Dusek said the police had acted lawfully and called on organisers "
    "to keep the rallies peaceful. Opposition leaders said the law would silence critics.",
    "The bill, which passed its first reading last week, would let a state council fine "
    "outlets that publish what it calls false reports about public officials.",
]


def article(paragraphs: list[str], name: str) -> Article:
    return build_article(RawArticle(source=name, body="\n".join(paragraphs), outlet=name)).article


def edits_of(a: Article, b: Article) -> list[tuple[str, str, str]]:
    (pair,) = find_reuse([a, b])
    return [(e.op, e.a_text, e.b_text) for p in pair.passages for e in p.edits]


def test_label_swap_is_the_smallest_differing_span() -> None:
    edited = [WIRE[0], WIRE[1].replace("The protesters", "The rioters"), *WIRE[2:]]
    assert edits_of(article(WIRE, "wire"), article(edited, "edited")) == [
        ("replace", "protesters", "rioters")
    ]


def test_typography_is_not_an_edit() -> None:
    typed = [
        p.replace("—", "-").replace(" the ", " the\u00a0", 1).replace("Dusek", "DUSEK")
        for p in WIRE
    ]
    typed[2] = typed[2].replace("peaceful.", "“peaceful.”")
    assert edits_of(article(WIRE, "wire"), article(typed, "typed")) == []


def test_cut_sentence_and_added_clause_with_offsets() -> None:
    wire = article(WIRE, "wire")
    cut = [
        WIRE[0],
        WIRE[1],
        WIRE[2].replace(" Opposition leaders said the law would silence critics.", ""),
        WIRE[3],
    ]
    cut[3] = cut[3].replace(
        "public officials.", "public officials, a power critics call censorship."
    )
    other = article(cut, "other")
    got = edits_of(wire, other)
    assert ("delete", "Opposition leaders said the law would silence critics.", "") in got
    assert ("insert", "", "a power critics call censorship.") in got
    (pair,) = find_reuse([wire, other])
    for passage in pair.passages:
        for edit in passage.edits:
            assert wire.text[edit.a[0] : edit.a[1]] == edit.a_text
            assert other.text[edit.b[0] : edit.b[1]] == edit.b_text


def test_reordered_paragraphs_are_separate_passages() -> None:
    moved = [WIRE[3], WIRE[1], WIRE[2], WIRE[0]]
    (pair,) = find_reuse([article(WIRE, "wire"), article(moved, "moved")])
    assert len(pair.passages) >= 2
    assert pair.shared_words >= 0.95 * sum(len(p.split()) for p in WIRE) - 5


def test_unrelated_articles_share_nothing() -> None:
    other = [
        "Northport United beat Calder Town 3-1 on Saturday, with striker Leo Mance scoring "
        "twice in the second half to lift his side to second place in the table.",
        "Coach Sara Ilic praised her midfield and said the squad was ready for the cup semifinal.",
    ]
    assert find_reuse([article(WIRE, "wire"), article(other, "football")]) == []


def test_substitutions_are_counted_per_pair_and_groups_need_three() -> None:
    edited = [p.replace("protesters", "rioters") for p in WIRE]
    third = [WIRE[0], WIRE[1], "Unrelated closing words about the weather in the valley today."]
    arts = [article(WIRE, "wire"), article(edited, "edited"), article(third, "third")]
    pairs = find_reuse(arts)
    subs = substitutions(pairs, arts)
    assert [
        (s.outlets, s.a_text, s.b_text, s.count)
        for s in subs
        if s.articles == (arts[0].id, arts[1].id)
    ] == [(("wire", "edited"), "protesters", "rioters", 2)]
    groups = copy_groups(pairs, arts)
    assert groups and set(groups[0].articles) == {a.id for a in arts}


def test_edit_kinds_and_one_line_summary() -> None:
    from parallax.report.reuse_view import edit_kind, edit_summary

    def e(a: str, b: str) -> dict[str, str]:
        return {"a_text": a, "b_text": b}

    kinds = [
        edit_kind(e("militants", "terrorists"), source_is_a=True),
        edit_kind(e("rebels", "insurgents"), source_is_a=True),
        edit_kind(e("Opposition leaders said the law would silence critics.", ""), True),
        edit_kind(e("", "according to two officials"), source_is_a=True),
        edit_kind(e("", "a power critics call censorship"), source_is_a=False),
    ]
    assert kinds == [
        "term changed",
        "term changed",
        "sentence cut",
        "attribution added",
        "phrase cut",
    ]
    assert edit_summary(kinds) == (
        "2 terms changed, 1 sentence cut, 1 attribution added, 1 phrase cut"
    )
    assert edit_summary([]) == "copied without edits"


def test_copy_at_the_very_start_next_to_a_dropped_paragraph_is_found() -> None:
    # the first paragraph is copied, the second dropped, the rest copied: the first
    # passage must not be lost to a seed that straddles the paragraph break
    edited = [WIRE[0], WIRE[2], WIRE[3]]
    (pair,) = find_reuse([article(WIRE, "wire"), article(edited, "edited")])
    first = pair.passages[0]
    assert first.a[0] == 0 and first.b[0] == 0
    assert first.shared_words >= len(WIRE[0].split()) - 2


def test_copy_outside_the_body_is_reported_on_title_and_removed_text() -> None:
    """A wire headline run as the outlet's own title, and a wire paragraph that ended up
    in a photo caption (cleaning keeps captions out of the body): both are copy."""
    from parallax.model import Removed

    headline = "Police fire tear gas at protesters outside Norland parliament"
    wire = build_article(
        RawArticle(source="wire", body="\n".join(WIRE), outlet="Wire", title=headline)
    ).article
    copier = build_article(
        RawArticle(
            source="copier",
            body="\n".join(
                [
                    "Opposition lawmakers vowed on Tuesday to block the measure in its second "
                    "reading, saying it had been drafted without any consultation.",
                    "Journalists' unions have called a strike for Friday.",
                ]
            ),
            outlet="Copier",
            title=headline + ".",
            removed=(Removed("photo-caption", WIRE[1]),),
        )
    ).article
    unrelated = build_article(
        RawArticle(
            source="other",
            body="A bakery in the old town won a regional prize for its rye bread on Sunday.",
            outlet="Other",
            title="Old town bakery wins regional prize for rye bread",
        )
    ).article
    pairs = find_reuse([wire, copier, unrelated])
    assert [p.articles for p in pairs] == [(wire.id, copier.id)]
    (pair,) = pairs
    assert pair.passages == ()  # the bodies share nothing
    found = {(o.article, o.place, o.other_place) for o in pair.outside}
    assert (copier.id, "removed:photo-caption", "body") in found
    assert {(wire.id, "title", "title"), (copier.id, "title", "title")} & found
    caption = next(o for o in pair.outside if o.place == "removed:photo-caption")
    start, end = caption.other_span
    assert wire.text[start:end] == caption.other_text
    assert caption.other_text.startswith("The protesters threw bottles")
    assert caption.similarity == 1.0
