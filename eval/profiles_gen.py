"""A generated corpus with planted outlet habits, for the profiles and blindspots
(fictional text only).

Four invented outlets cover a run of stories of five kinds (strikes, floods, court
rulings, protests, factory fires):

- **Civic Wire**, a news agency, writes every story first; its copy calls the crowd
  "demonstrators" and quotes both sides (an official, and a union, residents' or
  campaigners' spokesperson);
- **Harbor Ledger** runs the agency's copy, credited, and always writes "rioters"
  where the copy says "demonstrators" (planted: a label swapped in wire copy);
- **Valley Courier** runs the agency's copy unchanged, credited, and never covers a
  court ruling (planted: a kind of story skipped);
- **Coast Radio** writes its own version and never quotes the non-official side
  (planted: a side never quoted).

``python eval/profiles_gen.py --out DIR`` writes ``corpus.jsonl`` (columns outlet,
title, date, url, text, plus ``story`` and ``kind``, the truth).
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

WIRE = "Civic Wire"
SWAPPER = "Harbor Ledger"
SKIPPER = "Valley Courier"
ONE_SIDED = "Coast Radio"
OUTLETS = (WIRE, SWAPPER, SKIPPER, ONE_SIDED)
SKIPPED_KIND = "court"
LABEL, SWAPPED = "demonstrators", "rioters"

PLACES = """Varnholm Lusk Kestrel Dunmere Amberly Tarnwick Mirov Corra Bellmont Ysgard Lowick
Stavro Elsby Ottery Kilnsey Grenville Ravensfield Palusk Brackwater Fennick Oldcastle Marrow
Harwich Tolland Eastry Wexmoor Saltby Carrow Dunholt Rillington Pennard Quorn Ashby Morwen
Glenrig Hatherby Lindon Thornal Westerly Brisco""".split()
FIRST = """Ana Boris Clara Dmitri Elena Farid Greta Hugo Irene Jonas Katya Luis Mira Nils Olga
Pavel Rosa Sami Tomas Uma Viktor Wanda Yusuf Zora Anton Bianca Cyril Dalia Emil Fiona""".split()
LAST = """Lind Okafor Brandt Castell Demir Varga Holm Petrov Sandoval Ito Marsh Quint Rahimi
Stone Tavares Ulrich Novak Ferreira Dahl Kowal Osei Renn Vidal Weiss Abbot Berne Corwin Drake
Ellery Frome Garrick Hollis Imber Jessop Keane Lorne Mabry Nester Orme Pryce""".split()

# Per kind: the lede (with the crowd label), the official side (role, organisation)
# and the other side (role, organisation), and two facts.
KINDS: dict[str, dict[str, str]] = {
    "strike": {
        "title": "Dock strike halts port of {place}",
        "lede": "Hundreds of {label} blocked the gates of the port of {place} on {day} as a strike by dockworkers entered its {n1}th day.",
        "fact1": "The port handles about {n2} containers a week, the port authority said.",
        "fact2": "Talks between the union and the port operator broke down on {day0}.",
        "official": "port authority director",
        "official_org": "the {place} Port Authority",
        "other": "spokeswoman for the Dockworkers Union",
        "official_quote": "The port must reopen, and we will use every lawful means to open it",
        "other_quote": "Our members have waited {n3} months for a fair offer on pay",
    },
    "flood": {
        "title": "Floods force thousands from homes in {place}",
        "lede": "Angry {label} gathered outside the town hall of {place} on {day} after floods forced {n2} people from their homes.",
        "fact1": "The river rose {n1} centimetres above its banks overnight, the flood agency said.",
        "fact2": "Schools in {place} will stay closed until {day0}.",
        "official": "mayor of {place}",
        "official_org": "the town council",
        "other": "chair of the {place} Residents Association",
        "official_quote": "The flood defences held in most streets and the council acted quickly",
        "other_quote": "We warned the council about the river wall {n3} times and nobody listened",
    },
    "court": {
        "title": "Court strikes down {place} housing law",
        "lede": "A crowd of {label} cheered outside the High Court in {place} on {day} as judges struck down a housing law by a vote of {n1} to 2.",
        "fact1": "The law would have allowed the eviction of about {n2} tenants, the court said.",
        "fact2": "The government has until {day0} to appeal.",
        "official": "justice minister",
        "official_org": "the government",
        "other": "lawyer for the {place} Tenants Union",
        "official_quote": "We respect the court and will study the ruling before deciding on an appeal",
        "other_quote": "This ruling protects {n3} families who had nowhere else to go",
    },
    "protest": {
        "title": "Marchers in {place} oppose new road",
        "lede": "Thousands of {label} marched through {place} on {day} against plans for a motorway, and police detained {n1} people.",
        "fact1": "The motorway would cost about {n2} million, according to the transport ministry.",
        "fact2": "Work on the road is due to start on {day0}.",
        "official": "transport minister",
        "official_org": "the transport ministry",
        "other": "organiser with the Green Valley Campaign",
        "official_quote": "The new road will cut journey times and bring jobs to the region",
        "other_quote": "They are paving over {n3} hectares of farmland for a road nobody asked for",
    },
    "fire": {
        "title": "Fire destroys factory in {place}",
        "lede": "Dozens of {label} gathered at the gates of a burned textile factory in {place} on {day} after a fire killed {n1} workers.",
        "fact1": "Firefighters took {n2} hours to bring the blaze under control, the fire service said.",
        "fact2": "An inquiry into the fire will open on {day0}.",
        "official": "fire chief of {place}",
        "official_org": "the fire service",
        "other": "representative of the Garment Workers Union",
        "official_quote": "The cause of the fire is under investigation and it is too early to say more",
        "other_quote": "Workers told the owners about blocked fire exits {n3} weeks ago",
    },
}
ORDER = ("strike", "flood", "court", "protest", "fire")


def _name(rng: random.Random, used: set[str]) -> str:
    if len(used) >= len(FIRST) * len(LAST) // 2:
        used.clear()  # a long corpus reuses names, story by story never
    while True:
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        if name not in used:
            used.add(name)
            return name


def _slots(i: int, kind: str, rng: random.Random, used: set[str]) -> dict[str, str]:
    day = date(2025, 1, 6) + timedelta(days=6 * i)
    place = PLACES[i % len(PLACES)]
    return {
        "place": place,
        "day": day.strftime("%A"),
        "day0": (day + timedelta(days=10)).strftime("%B %d").replace(" 0", " "),
        "date": day.isoformat(),
        "n1": str(rng.randint(3, 19)),
        "n2": str(rng.randint(120, 9800)),
        "n3": str(rng.randint(2, 11)),
        "official_name": _name(rng, used),
        "other_name": _name(rng, used),
        "kind": kind,
    }


def _fill(template: str, slots: dict[str, str]) -> str:
    return template.format(**slots, label=LABEL)


def wire_text(kind: str, slots: dict[str, str]) -> list[str]:
    k = KINDS[kind]
    official = _fill(k["official"], slots)
    other = _fill(k["other"], slots)
    return [
        f"{slots['place'].upper()} — " + _fill(k["lede"], slots),
        _fill(k["fact1"], slots),
        f"“{_fill(k['official_quote'], slots)},” said {slots['official_name']}, the {official}.",
        f"“{_fill(k['other_quote'], slots)},” said {slots['other_name']}, the {other}.",
        _fill(k["fact2"], slots),
        f"The {LABEL} said they would return to {slots['place']} on {slots['day0']}, "
        f"and {slots['official_name']} said {_fill(k['official_org'], slots)} would meet them.",
    ]


def radio_text(kind: str, slots: dict[str, str]) -> list[str]:
    """Coast Radio's own version: the same facts, "people" for the crowd, the official
    quoted and the other side not."""
    wire = wire_text(kind, slots)
    official = _fill(KINDS[kind]["official"], slots)
    lede = wire[0].replace(LABEL, "people")
    return [
        lede,
        wire[1],
        f"“{_fill(KINDS[kind]['official_quote'], slots)},” {slots['official_name']}, "
        f"the {official}, told Coast Radio.",
        wire[4],
        wire[5].replace(f"The {LABEL}", "The people"),
        f"Stay with Coast Radio for more from {slots['place']}.",
    ]


def stories(n: int = 32, seed: int = 19) -> list[dict[str, str]]:
    rng = random.Random(seed)
    used: set[str] = set()
    out = []
    for i in range(n):
        kind = ORDER[i % len(ORDER)]
        slots = _slots(i, kind, rng, used)
        slots["story"] = f"s{i:03d}"
        slots["title"] = _fill(KINDS[kind]["title"], slots)
        out.append(slots)
    return out


def rows(n: int = 32, seed: int = 19) -> Iterator[dict[str, str]]:
    """One row per article: the corpus, with ``story`` and ``kind`` as the truth."""
    for slots in stories(n, seed):
        wire = wire_text(slots["kind"], slots)
        credit = f"{WIRE} contributed to this report."
        bodies = {
            WIRE: wire,
            SWAPPER: [p.replace(LABEL, SWAPPED) for p in wire] + [credit],
            SKIPPER: [*wire, credit],
            ONE_SIDED: radio_text(slots["kind"], slots),
        }
        for outlet, paragraphs in bodies.items():
            if outlet == SKIPPER and slots["kind"] == SKIPPED_KIND:
                continue
            host = outlet.lower().replace(" ", "")
            yield {
                "outlet": outlet,
                "title": slots["title"],
                "date": slots["date"],
                "url": f"https://{host}.example/{slots['story']}",
                "text": "\n\n".join(paragraphs),
                "story": slots["story"],
                "kind": slots["kind"],
            }


def write_jsonl(path: Path, n: int = 32, seed: int = 19) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        for row in rows(n, seed):
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--stories", type=int, default=32)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    print(write_jsonl(args.out / "corpus.jsonl", args.stories))


if __name__ == "__main__":
    main()
