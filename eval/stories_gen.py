"""Generated, labelled corpora for story clustering (fictional text only).

Events come in pairs of the same kind a few days apart (two earthquakes, two strikes,
two shootings, two elections...) in different places with different people and
figures: the case users trip on.  Each event is told by several outlets that pick
different sentences, different words and opposite frames ("crackdown" / "restoring
order"), so one event must stay one story though its articles share little wording.
Some articles carry no date.  ``python eval/stories_gen.py --out DIR`` writes a JSONL
file with a ``story`` column (the truth).
"""

from __future__ import annotations

import argparse
import json
import random
import re
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

PLACES = [
    ("Varnholm", "Estria"),
    ("Lusk Harbor", "Norland"),
    ("Kestrel Bay", "Ostmark"),
    ("Dunmere", "Westmark"),
    ("Port Ilse", "Calvera"),
    ("Amberly", "Rhoda"),
    ("Tarnwick", "Norland"),
    ("Sel Avar", "Qadira"),
    ("Mirov", "Estria"),
    ("Halden Falls", "Ostmark"),
    ("Corra", "Calvera"),
    ("Bellmont", "Westmark"),
    ("Ysgard", "Rhoda"),
    ("Palu Reef", "Qadira"),
    ("Grenville", "Norland"),
    ("Ottery", "Westmark"),
    ("Zamora Flats", "Calvera"),
    ("Kilnsey", "Ostmark"),
    ("Ravensfield", "Estria"),
    ("Lowick", "Rhoda"),
    ("Stavro", "Qadira"),
    ("Northam Cross", "Westmark"),
    ("Elsby", "Norland"),
    ("Quarry Point", "Calvera"),
]
FIRST = "Ana Boris Clara Dmitri Elena Farid Greta Hugo Irene Jonas Katya Luis Mira Nils Olga Pavel Rosa Sami Tomas Uma Viktor Wanda Yusuf Zora".split()
LAST = "Lind Okafor Brandt Castell Demir Varga Holm Petrov Sandoval Ito Marsh Quint Rahimi Stone Tavares Ulrich Novak Ferreira Dahl Kowal Osei Renn Vidal Weiss".split()
OUTLETS = [
    "Meridian Press",
    "Channel 9 News",
    "Valley Courier",
    "Harbor Ledger",
    "Coast Radio",
    "The Daily Beacon",
    "Northern Star",
    "Civic Wire",
    "Republic Today",
]

# Each kind: sentences with slots {place} {country} {n1} {n2} {n3} {person} {role} {org}
# {person2} {role2} {day}; words in [a|b|c] are synonyms an outlet picks from; words in
# {{x|y}} are frames (the first outlet frame picks x, the other y).
KINDS: dict[str, dict[str, list[str]]] = {
    "earthquake": {
        "lede": [
            "A magnitude {m} earthquake [struck|hit|shook] {place}, {country}, on {day}, [killing|leaving dead] at least {n1} people and [injuring|wounding] {n2}, officials said."
        ],
        "body": [
            "Rescue teams [searched|dug] through [collapsed|flattened] buildings in {place} through the night.",
            "{person}, the {role}, said {n3} homes had been [destroyed|damaged].",
            "The quake's epicentre was about {n4} kilometres from {place}, according to the {org}.",
            "{{Survivors described a night of terror|Residents said the warning system worked}} as aftershocks [rattled|shook] the region.",
            "Hospitals in {place} said they were treating {n2} injured people.",
            '"We are still pulling people from the rubble," {person} told reporters.',
            "The government of {country} declared three days of mourning.",
            "{person2}, the {role2}, promised aid for the families of the dead.",
            "Aid groups warned that roads into {place} were blocked by landslides.",
        ],
    },
    "strike": {
        "lede": [
            "Workers represented by the {org} walked off the job in {place}, {country}, on {day}, [halting|shutting down|stopping] operations at {n1} sites."
        ],
        "body": [
            "The union says its {n2} members want a pay rise of {n5} percent.",
            "{person}, the {role}, called the walkout {{reckless|a last resort}}.",
            "Negotiations between the {org} and employers in {place} broke down on {day}.",
            '"We will stay out until the offer changes," {person2}, the {role2}, said.',
            "{{Picket lines blocked the gates|Strikers gathered peacefully at the gates}} of the main site in {place}.",
            "Employers said the strike was costing about {n3} million a day.",
            "Police said {n4} people were detained near the picket line.",
            "The government of {country} urged both sides to return to talks.",
        ],
    },
    "shooting": {
        "lede": [
            "A gunman opened fire at a [shopping centre|market|train station] in {place}, {country}, on {day}, killing {n1} people and wounding {n2}, police said."
        ],
        "body": [
            "The suspect, identified as {person2}, was [arrested|detained] at the scene.",
            "{person}, the {role}, said the motive was not yet clear.",
            "Witnesses described [panic|chaos] as shoppers fled from the gunfire.",
            "Police said the suspect had bought {n3} weapons in recent months.",
            '"This is a dark day for {place}," {person} told reporters.',
            "{{Gun control advocates demanded new laws|Officials warned against politicising the tragedy}} after the attack.",
            "The {org} said it would review security at public sites.",
            "Hospitals in {place} said {n4} of the wounded were in critical condition.",
        ],
    },
    "election": {
        "lede": [
            "Voters in {place}, {country}, [chose|elected] {person} as [mayor|governor] on {day}, with {n5} percent of the vote, election officials said."
        ],
        "body": [
            "{person} defeated {person2}, the {role2}, who won {n6} percent.",
            "Turnout was {n7} percent, according to the {org}.",
            "{{The result was a rebuke to the ruling party|The result showed the opposition's strength}}, analysts said.",
            '"{place} has chosen change," {person} told supporters.',
            "{person2} conceded late on {day} and called for unity.",
            "Counting in {n4} polling stations was delayed by a power cut.",
            "The {org} said it had received {n3} complaints about irregularities.",
        ],
    },
    "flood": {
        "lede": [
            "Floods [swept through|inundated|submerged] {place}, {country}, after days of heavy rain, forcing {n3} people from their homes on {day}."
        ],
        "body": [
            "At least {n1} people died and {n2} were missing, the {org} said.",
            "{person}, the {role}, said the river had risen {n4} centimetres above its banks.",
            "{{Residents accused officials of ignoring warnings|Officials said the defences held in most places}}.",
            "Army helicopters [rescued|lifted] families from rooftops in {place}.",
            '"The water came faster than anyone expected," {person2} said.',
            "The government of {country} released emergency funds for {place}.",
            "Schools in {place} will remain closed until the water recedes.",
        ],
    },
    "protest": {
        "lede": [
            "Thousands of people [marched|rallied|demonstrated] in {place}, {country}, on {day} against a new law on {topic}, and police [arrested|detained] {n1} people."
        ],
        "body": [
            "Organisers from the {org} put the crowd at {n3}, while police said {n2} took part.",
            "{{Police used tear gas on peaceful marchers|Police restored order after clashes}} near the parliament in {place}.",
            "{person}, the {role}, defended the law on {topic} as necessary.",
            '"We will not be silenced," {person2}, the {role2}, told the crowd.',
            "The march ended at the main square of {place} in the evening.",
            "The government of {country} said the law would take effect next month.",
        ],
    },
}
TOPICS = [
    "water rights",
    "public broadcasting",
    "farm subsidies",
    "university fees",
    "mining permits",
    "rent controls",
]
ROLES = [
    "regional governor",
    "interior minister",
    "police chief",
    "mayor",
    "union leader",
    "civil protection director",
    "health minister",
    "opposition leader",
]
ORGS = {
    "earthquake": ["National Seismic Institute", "Geological Survey of {country}"],
    "strike": ["Dockworkers Union", "Transport Workers Federation", "Miners Guild"],
    "shooting": ["Interior Ministry", "National Police"],
    "election": ["Electoral Commission", "Election Monitoring Board"],
    "flood": ["Civil Protection Agency", "Red Crescent of {country}"],
    "protest": ["Citizens Alliance", "Students League"],
}
OPENERS = ["", "", "Updated: ", "BREAKING: ", ""]
FILLER = [
    "More information was expected later in the day.",
    "This story has been updated.",
    "Reporting was contributed from the capital.",
]


# Each outlet rewrites the shared facts in its own words: a word is swapped for one of
# its alternatives with probability 0.6, and "X, officials said." becomes "Officials
# said X." half the time, so two outlets rarely share a whole sentence.
SYNONYMS = {
    "said": ["told reporters", "stated", "added", "announced"],
    "people": ["residents", "individuals", "civilians"],
    "killing": ["leaving dead"],
    "killed": ["left dead"],
    "died": ["were killed", "lost their lives"],
    "injured": ["hurt", "wounded"],
    "wounding": ["injuring"],
    "wounded": ["hurt"],
    "homes": ["houses", "dwellings"],
    "buildings": ["structures", "blocks"],
    "officials": ["authorities", "the authorities"],
    "government": ["administration", "cabinet"],
    "promised": ["pledged", "vowed"],
    "warned": ["cautioned"],
    "blocked": ["cut off", "closed"],
    "suspect": ["alleged gunman", "accused"],
    "workers": ["employees", "staff"],
    "walked off the job": ["went on strike", "downed tools"],
    "crowd": ["gathering", "turnout"],
    "night": ["evening", "dark hours"],
    "families": ["relatives", "households"],
    "region": ["area", "province"],
    "main": ["central", "principal"],
    "new": ["fresh", "recent"],
    "demanded": ["called for", "urged"],
    "review": ["examine", "reassess"],
    "defeated": ["beat", "won against"],
    "received": ["logged", "recorded"],
    "treating": ["caring for"],
    "delayed": ["held up", "slowed"],
    "emergency": ["urgent", "crisis"],
}
_ATTRIBUTION = re.compile(
    r"^(?P<claim>.+?), (?P<who>(?:[A-Z][\w ]+|police|officials|election officials)) said\.$"
)


def _rewrite(rng: random.Random, sentence: str) -> str:
    out = sentence
    for word, options in SYNONYMS.items():
        if rng.random() < 0.6:
            choices: list[str] = options

            def swap(_match: re.Match[str], choices: list[str] = choices) -> str:
                return rng.choice(choices)

            out = re.sub(rf"\b{re.escape(word)}\b", swap, out)
    match = _ATTRIBUTION.match(out)
    if match and rng.random() < 0.5:
        who = match.group("who")
        out = f"{who[0].upper()}{who[1:]} said {match.group('claim')[0].lower()}{match.group('claim')[1:]}."
    return out


@dataclass(frozen=True, slots=True)
class Event:
    story: str
    kind: str
    slots: dict[str, str]
    day: date


def _pick(rng: random.Random, text: str, frame: int) -> str:
    out = text
    while "{{" in out:
        start = out.index("{{")
        end = out.index("}}", start)
        options = out[start + 2 : end].split("|")
        out = out[:start] + options[frame % len(options)] + out[end + 2 :]
    while "[" in out:
        start = out.index("[")
        end = out.index("]", start)
        out = out[:start] + rng.choice(out[start + 1 : end].split("|")) + out[end + 1 :]
    return out


_STEMS = "Var Lusk Kes Dun Ilse Amber Tarn Mir Hal Cor Bell Ys Palu Gren Otter Zam Kiln Raven Low Stav North Elsb Quar Brin Cald Fen Gorm Hest".split()
_ENDS = ["holm", "wick", "by", " Harbor", "mere", "ford", " Falls", "stead", "ton", " Cross"]


def _places(rng: random.Random, n: int) -> list[tuple[str, str]]:
    """``n`` distinct fictional towns, each in one of the fictional countries."""
    names = sorted({s + e for s in _STEMS for e in _ENDS})
    rng.shuffle(names)
    countries = sorted({c for _, c in PLACES})
    return [(names[i], countries[i % len(countries)]) for i in range(n)]


def events(seed: int, pairs: int) -> list[Event]:
    rng = random.Random(seed)
    places = _places(rng, 2 * pairs)
    kinds = list(KINDS)
    out: list[Event] = []
    start = date(2025, 3, 1)
    for i in range(pairs):
        kind = kinds[i % len(kinds)]
        day = start + timedelta(days=rng.randint(0, 60))
        orgs = rng.sample(ORGS[kind], min(2, len(ORGS[kind])))
        for j in range(2):  # two events of one kind, days apart, elsewhere
            place, country = places[2 * i + j]
            people = rng.sample([f"{first} {last}" for first in FIRST for last in LAST], 2)
            slots = {
                "place": place,
                "country": country,
                "person": people[0],
                "person2": people[1],
                "role": rng.choice(ROLES),
                "role2": rng.choice(ROLES),
                "org": orgs[j % len(orgs)].format(country=country),
                "topic": rng.choice(TOPICS),
                "m": f"{rng.randint(50, 79) / 10:.1f}",
                "n1": str(rng.randint(3, 400)),
                "n2": str(rng.randint(10, 900)),
                "n3": f"{rng.randint(2, 60) * 100:,}",
                "n4": str(rng.randint(11, 99)),
                "n5": str(rng.randint(40, 70)),
                "n6": str(rng.randint(20, 45)),
                "n7": str(rng.randint(35, 80)),
            }
            when = day + timedelta(days=rng.randint(0, 2) if j else 0)
            out.append(Event(f"{kind}-{i}-{j}", kind, slots, when))
    return out


def articles(seed: int = 1, pairs: int = 24) -> list[dict[str, str | None]]:
    """Labelled articles: outlet, title, date (sometimes none), url, text, story."""
    rng = random.Random(seed * 7919)
    rows: list[dict[str, str | None]] = []
    for event in events(seed, pairs):
        spec = KINDS[event.kind]
        outlets = rng.sample(
            OUTLETS, rng.randint(6, 10) if len(OUTLETS) >= 10 else rng.randint(5, 9)
        )
        for k, outlet in enumerate(outlets):
            day_text = event.day.strftime("%A")
            slots = {**event.slots, "day": day_text}
            frame = k % 2
            body = rng.sample(spec["body"], rng.randint(3, min(6, len(spec["body"]))))
            sentences = [
                _rewrite(rng, _pick(rng, s, frame).format(**slots)) for s in [*spec["lede"], *body]
            ]
            if rng.random() < 0.3:
                sentences.append(rng.choice(FILLER))
            paragraphs = [" ".join(sentences[i : i + 2]) for i in range(0, len(sentences), 2)]
            headline = _pick(rng, spec["lede"][0], frame).format(**slots).split(",")[0]
            published = event.day + timedelta(days=rng.choice([0, 0, 0, 1]))
            rows.append(
                {
                    "outlet": outlet,
                    "title": rng.choice(OPENERS) + headline,
                    "date": None if rng.random() < 0.15 else published.isoformat(),
                    "url": f"https://{outlet.split()[-1].lower()}.example/{event.story}/{k}",
                    "text": "\n\n".join(paragraphs),
                    "story": event.story,
                }
            )
    rng.shuffle(rows)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with (args.out / "stories.jsonl").open("w", encoding="utf-8") as handle:
        for row in articles(args.seed):
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
