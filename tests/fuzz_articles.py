"""Hypothesis strategies for realistic, awkward news articles.

Every sentence here is invented (fictional people, places and figures); articles are
assembled from these pieces in the shapes that real pages take and that have broken
text pipelines before: quotations that run across sentences and paragraphs, marks that
never close or do not match, nested and single quotes, reported speech whose clause
the parser hangs across a sentence break, very long sentences, bullet lists, tables
flattened to text, all-caps headlines, links and e-mail addresses, emoji, Arabic and
Hebrew, non-breaking and zero-width spaces, Windows line endings, one huge paragraph,
hundreds of one-word paragraphs, and a near-copy of another article.

:func:`stories` draws two or three :class:`~parallax.build.RawArticle` about one
invented event, ready for :func:`parallax.build.build_article`.
"""

from __future__ import annotations

from hypothesis import strategies as st

from parallax.build import RawArticle

FIRST = ["Maren", "Tobias", "Ilse", "Dario", "Nkechi", "Halvard", "Rosa", "Kenji", "Oona", "Pavel"]
LAST = ["Okafor", "Lindqvist", "Brandt", "Moreau", "Castellano", "Varga", "Tanaka", "Quist"]
TITLES = [
    "Interior Minister",
    "police spokeswoman",
    "Mayor",
    "the union's general secretary",
    "Sen.",
    "Gen.",
    "Dr.",
    "port authority chief",
    "a senior official",
]
ORGS = [
    "the Harbour Workers' Union",
    "the Ministry of Transport",
    "Valdor Shipping",
    "the city council",
    "the Coast Guard",
    "Northgate Polling",
]
PLACES = ["Westmark", "Port Ellery", "Kessin", "the Lowvale district", "Carrow Bay"]
FIGURES = ["112", "1,450", "3.5 million", "nearly 40", "about 2,000", "17 percent", "$4.2bn"]
VERBS = ["said", "told reporters", "added", "warned", "wrote", "insisted", "claimed"]
CLAUSES = [
    "the strike would continue until wages rose",
    "officers acted within the law",
    "the harbour would reopen on Monday",
    "talks had broken down late on Thursday",
    "no one was seriously hurt",
    "the figures were inflated",
    "it was too early to say who started the fire",
]
FACTS = [
    "Police fired tear gas at dockworkers blocking the main gate on Friday.",
    "A warehouse beside the picket line burned for nearly three hours.",
    "At least {n} people were arrested, according to {org}.",
    "The port handles {n} containers a week.",
    "Shares in Valdor Shipping fell {n} in early trading.",
    "The council will meet again on 14 March at 10 a.m.",
    "Ferries to {place} were cancelled for a second day.",
    "Fire crews from three towns were called to the scene.",
    "The dispute began in January, when the company froze pay.",
    "Residents of {place} said the smoke could be seen for miles.",
]

RTL = [
    "قال المتحدث باسم الميناء إن العمل سيستأنف يوم الاثنين.",
    "وأضاف أن عدد المعتقلين بلغ نحو مئة شخص.",
    "הדובר אמר כי הנמל ייפתח מחדש ביום שני.",
    "לדבריו, נעצרו כמאה בני אדם.",
]
EMOJI = ["🔥", "🚢", "👮\u200d♀️", "📉", "🇺🇳", "✊🏽", "😡"]
LINKS = [
    "https://example.org/harbour/strike-2025?ref=live&id=42",
    "www.port-ellery.example/news",
    "press@harbourunion.example",
    "m.okafor@transport.gov.example",
]


def cap(text: str) -> str:
    """Upper-case the first letter only (``str.capitalize`` lowers the rest)."""
    return text[:1].upper() + text[1:]


def _name(draw: st.DrawFn) -> str:
    first = draw(st.sampled_from(FIRST))
    last = draw(st.sampled_from(LAST))
    if draw(st.booleans()):
        return f"{draw(st.sampled_from(TITLES))} {first} {last}"
    return f"{first} {last}"


@st.composite
def fact(draw: st.DrawFn) -> str:
    return draw(st.sampled_from(FACTS)).format(
        n=draw(st.sampled_from(FIGURES)),
        org=draw(st.sampled_from(ORGS)),
        place=draw(st.sampled_from(PLACES)),
    )


@st.composite
def quote(draw: st.DrawFn) -> str:
    """A direct quotation: marks of every style, some wrong on purpose."""
    who = _name(draw)
    verb = draw(st.sampled_from(VERBS))
    clause = draw(st.sampled_from(CLAUSES))
    said = draw(st.sampled_from(CLAUSES))
    pairs = [("“", "”"), ('"', '"'), ("‘", "’"), ("'", "'"), ("«", "»"), ("„", "“"), ("“", '"')]
    op, cl = draw(st.sampled_from(pairs))
    shape = draw(st.integers(0, 9))
    if shape == 0:  # the usual
        return f"{op}{cap(clause)},{cl} {who} {verb}."
    if shape == 1:  # a quote running over two sentences
        return f"{op}{cap(clause)}. We told them so in March,{cl} {verb} {who}."
    if shape == 2:  # speaker first, quote across sentences, closed in the next one
        return f"{who} {verb}: {op}{cap(clause)}. {cap(said)}.{cl}"
    if shape == 3:  # never closed
        return f"{who} {verb}, {op}{cap(clause)} and {said}."
    if shape == 4:  # closed but never opened
        return f"{cap(clause)},{cl} {who} {verb}."
    if shape == 5:  # nested
        return f"“He told us ‘{clause}’ and walked out,” {who} {verb}."
    if shape == 6:  # a scare quote and an apostrophe
        return f"The workers' so-called {op}deal{cl} was rejected, {who} {verb}."
    if shape == 7:  # split quote
        return f"{op}We are not moving,{cl} {who} {verb}. {op}Not today, not tomorrow.{cl}"
    if shape == 8:  # mark glued to a word, and a stray one
        return f"{who} {verb}{op}{clause}{cl}{cl} on Friday."
    return f"{op}{cl}{op} {who} {verb} {op}{clause}."


@st.composite
def reported(draw: st.DrawFn) -> str:
    """Reported speech, including the shapes that make a parse cross our sentence break."""
    who = _name(draw)
    verb = draw(st.sampled_from(["said", "told reporters", "claimed", "warned", "insisted"]))
    clause = draw(st.sampled_from(CLAUSES))
    org = draw(st.sampled_from(ORGS))
    shape = draw(st.integers(0, 7))
    if shape == 0:
        return f"{who} {verb} {clause}."
    if shape == 1:  # an abbreviation the segmenter may split after
        return f"{who} {verb} the U.S. Navy and Gen. Quist's staff {clause.split(' ', 1)[1]}."
    if shape == 2:  # clause broken by a full stop, then lower case
        return f"{who} {verb} that. the harbour would stay shut for days."
    if shape == 3:
        return f"According to {org}, {clause}."
    if shape == 4:
        return f"{cap(clause)}, according to {who}."
    if shape == 5:  # clause opening a new sentence after a bare "said"
        return f"{who} said. {cap(clause)}, he added, and nothing else."
    if shape == 6:  # a figure and a speaker with a role
        return f"{cap(org)} {verb} {draw(st.sampled_from(FIGURES))} people had left {draw(st.sampled_from(PLACES))}."
    return f"{who}, who {verb} {clause}, did not say when. Officials said"


@st.composite
def long_sentence(draw: st.DrawFn) -> str:
    parts = draw(st.lists(st.sampled_from(CLAUSES), min_size=8, max_size=40))
    return f"{_name(draw)} said " + ", and ".join(parts) + "."


@st.composite
def bullets(draw: st.DrawFn) -> list[str]:
    mark = draw(st.sampled_from(["• ", "- ", "* ", "1. ", "– ", "▪ "]))
    items = draw(st.lists(fact(), min_size=2, max_size=6))
    return [f"{mark}{item}" for item in items]


@st.composite
def table(draw: st.DrawFn) -> list[str]:
    sep = draw(st.sampled_from(["\t", " | ", "  ", ","]))
    rows = [sep.join(["Port", "Arrests", "Share", "Change"])]
    for place in draw(st.lists(st.sampled_from(PLACES), min_size=1, max_size=5)):
        n = draw(st.integers(0, 5000))
        rows.append(sep.join([place, f"{n:,}", f"{n % 100}.{n % 7}%", f"+{n % 13}"]))
    return rows


@st.composite
def odd_line(draw: st.DrawFn) -> str:
    kind = draw(st.integers(0, 6))
    if kind == 0:  # all-caps headline
        return draw(fact()).upper()
    if kind == 1:
        return f"Read more at {draw(st.sampled_from(LINKS))} or write to {draw(st.sampled_from(LINKS))}."
    if kind == 2:
        return f"{draw(fact())} {draw(st.sampled_from(EMOJI))}{draw(st.sampled_from(EMOJI))}"
    if kind == 3:
        return draw(st.sampled_from(RTL))
    if kind == 4:  # English with an Arabic or Hebrew name inside a quote
        return f"“{draw(st.sampled_from(RTL))}” {_name(draw)} said."
    if kind == 5:
        return draw(
            st.sampled_from(["Advertisement", "Photo: Reuters", "(AP)", "WATCH:", "—", "***"])
        )
    return f"UPDATED {draw(st.integers(1, 12))}:{draw(st.integers(10, 59))} p.m. ET"


SOUP_WORDS = (
    "the a of to in and he she they it we police union minister Okafor Varga Westmark Hamas "
    "said says told according added warned claimed reporters officials people were arrested "
    "killed injured more than at least nearly between about some dozens hundreds thousands "
    "million billion percent per cent first second 4th 1990s 2024-25 3-1 10:30 a.m. p.m. "
    "U.S. Gen. Dr. Mr. No. St. Inc. e.g. i.e. vs. Jan. Feb. -year-old years old miles km "
    "who which that when because but not no never also"
).split()
SOUP = [
    *SOUP_WORDS,
    "4",
    "1,450",
    "3.5",
    "$4.2bn",
    "€12",
    "£3m",
    "17%",
    "3½",
    "10²",
    "٣٤",
    "１２",
    "1" * 40,
    "9" * 400,
    "0.000",
    "“",
    "”",
    '"',
    "'",
    "‘",
    "’",
    "«",
    "»",
    "„",
    "(",
    ")",
    "[",
    "]",
    "—",
    "–",
    "-",
    ",",
    ".",
    "...",
    "…",
    "!",
    "?",
    ":",
    ";",
    "•",
    "#",
    "@westmark_port",
    "#strike",
    "https://example.org/a.b?c=d",
    "press@union.example",
    "🔥",
    "👮\u200d♀️",
    "قال",
    "אמר",
    "\u200b",
    "\u00a0",
    "\u202e",
    "\t",
    "ﬁ",
    "İstanbul",
    "ß",
    "Ǆ",
    "e\u0301",
]


@st.composite
def soup(draw: st.DrawFn) -> str:
    """A sentence of news words, figures and punctuation in any order: the shapes no
    template thinks of (marks glued to words, figures next to figures, stray dots)."""
    words = draw(st.lists(st.sampled_from(SOUP), min_size=1, max_size=40))
    glue = draw(st.sampled_from([" ", " ", " ", "", "  "]))
    return glue.join(words)


@st.composite
def paragraph(draw: st.DrawFn) -> list[str]:
    """One or more lines (lists and tables give several)."""
    kind = draw(st.integers(0, 10))
    if kind == 10:
        return [" ".join(draw(st.lists(soup(), min_size=1, max_size=4)))]
    if kind == 7:
        return draw(bullets())
    if kind == 8:
        return draw(table())
    if kind == 9:
        return [draw(odd_line())]
    pieces = st.one_of(fact(), quote(), reported(), fact(), quote(), reported(), long_sentence())
    sentences = draw(st.lists(pieces, min_size=1, max_size=5))
    return [" ".join(cap(s) for s in sentences)]


def _disturb(draw: st.DrawFn, text: str) -> str:
    """Invisible and odd whitespace, the way pasted or scraped text carries it."""
    kind = draw(st.integers(0, 6))
    if kind == 0:
        return text.replace(" ", "\u00a0", draw(st.integers(1, 30)))
    if kind == 1:
        at = draw(st.integers(0, max(0, len(text) - 1)))
        return (
            text[:at] + draw(st.sampled_from(["\u200b", "\u200d", "\ufeff", "\u2060"])) + text[at:]
        )
    if kind == 2:
        return text.replace("\n", "\r\n")
    if kind == 3:
        return text.replace(". ", ".  ", 3).replace(" ", "\t", 2)
    if kind == 4:
        return text.replace("\n", "\u2028", 2)
    return text


@st.composite
def body(draw: st.DrawFn) -> str:
    shape = draw(st.integers(0, 9))
    if shape == 0:  # a single huge paragraph
        lines = [
            " ".join(" ".join(p) for p in draw(st.lists(paragraph(), min_size=8, max_size=25)))
        ]
    elif shape == 1:  # hundreds of one-word paragraphs
        words = ["Westmark", "strike", "police", "—", "fire", "112", "Okafor", "“No”", "said", "!"]
        lines = [draw(st.sampled_from(words)) for _ in range(draw(st.integers(150, 220)))]
    else:
        lines = [line for p in draw(st.lists(paragraph(), min_size=2, max_size=12)) for line in p]
    text = "\n".join(lines)
    for _ in range(draw(st.integers(0, 3))):
        text = _disturb(draw, text)
    return text


def near_copy(draw: st.DrawFn, text: str) -> str:
    """Another outlet's edit of ``text``: words swapped, a sentence cut, a line added."""
    swaps = [
        ("strikers", "rioters"),
        ("dockworkers", "militants"),
        ("said", "claimed"),
        ("police", "officers"),
        ("Friday", "Thursday"),
        ("112", "150"),
    ]
    for old, new in draw(st.lists(st.sampled_from(swaps), max_size=4, unique=True)):
        text = text.replace(old, new)
    lines = text.split("\n")
    if len(lines) > 2 and draw(st.booleans()):
        del lines[draw(st.integers(0, len(lines) - 1))]
    if draw(st.booleans()):
        lines.insert(draw(st.integers(0, len(lines))), draw(fact()))
    return "\n".join(lines)


@st.composite
def stories(draw: st.DrawFn) -> list[RawArticle]:
    """Two or three articles about one invented event, some of them near-copies."""
    count = draw(st.integers(2, 3))
    bodies: list[str] = []
    for _ in range(count):
        if bodies and draw(st.integers(0, 2)) == 0:
            bodies.append(near_copy(draw, draw(st.sampled_from(bodies))))
        else:
            bodies.append(draw(body()))
    outlets = ["Meridian Press", "Channel 9 News", "LedgerReview.example"]
    out = []
    for i, text in enumerate(bodies):
        title = draw(st.one_of(st.none(), odd_line(), fact()))
        out.append(
            RawArticle(
                source=f"fuzz:{i}", body=text, title=title, outlet=outlets[i] if i < 2 else None
            )
        )
    return out


def huge_paragraph(words: int = 50_000) -> str:
    """One paragraph of about ``words`` words, built from the sentences above."""
    pieces: list[str] = []
    count = 0
    i = 0
    while count < words:
        sentence = FACTS[i % len(FACTS)].format(
            n=FIGURES[i % len(FIGURES)], org=ORGS[i % len(ORGS)], place=PLACES[i % len(PLACES)]
        )
        if i % 3 == 0:
            sentence = (
                f"{FIRST[i % len(FIRST)]} {LAST[i % len(LAST)]} said {CLAUSES[i % len(CLAUSES)]}."
            )
        if i % 5 == 0:
            sentence = f"“{cap(CLAUSES[i % len(CLAUSES)])},” {FIRST[i % len(FIRST)]} {LAST[(i + 1) % len(LAST)]} said."
        pieces.append(sentence)
        count += len(sentence.split())
        i += 1
    return " ".join(pieces)
