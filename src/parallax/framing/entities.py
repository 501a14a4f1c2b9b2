"""One entity however an outlet names it: parties, acronyms, people of one family.

- **Parties and blocs**: "Republicans", "the GOP", "G.O.P.", "the Republican Party" and
  "House Republicans" are one actor; so are "Democrats" and "the Democratic Party".
- **Acronyms with stops**: "N.A.A.C.P." is "NAACP".
- **People** are keyed by full name.  A bare surname or first name stands for the
  person of that name named last before it, shortly before, in the same article
  ("Mary Cheney ... Liz Cheney ... Cheney said"), else the one of that name the
  story names most;
  two full names with one surname are one person when one first name is the other's
  short form ("Ben Jealous", "Benjamin Todd Jealous"; "Liz" and "Elizabeth").
- **Names found again**: a name an actor goes by is searched for in every article of
  the story, so a mention the tagger missed ("tea party" in lower case, a first name
  it took for something else) is still that actor's.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable

GROUPS: dict[str, str] = {
    "republicans": "Republican Party",
    "republican party": "Republican Party",
    "gop": "Republican Party",
    "g.o.p.": "Republican Party",
    "g.o.p": "Republican Party",
    "house republicans": "Republican Party",
    "senate republicans": "Republican Party",
    "congressional republicans": "Republican Party",
    "democrats": "Democratic Party",
    "democratic party": "Democratic Party",
    "house democrats": "Democratic Party",
    "senate democrats": "Democratic Party",
    "congressional democrats": "Democratic Party",
    "dems": "Democratic Party",
}
SHORT_FORMS: dict[str, str] = {
    "liz": "elizabeth", "beth": "elizabeth", "bill": "william", "will": "william",
    "bob": "robert", "rob": "robert", "mike": "michael", "jim": "james", "joe": "joseph",
    "tom": "thomas", "dick": "richard", "rick": "richard", "chris": "christopher",
    "dan": "daniel", "dave": "david", "ted": "edward", "ed": "edward", "tony": "anthony",
    "andy": "andrew", "nick": "nicholas", "sam": "samuel", "ben": "benjamin",
    "kate": "katherine", "pat": "patrick", "steve": "stephen", "jeff": "jeffrey",
    "chuck": "charles", "charlie": "charles", "hank": "henry", "newt": "newton",
}  # fmt: skip
NEAR = 400  # characters: how far back a bare name looks for the full name it shortens
_STOPS = re.compile(r"^(?:[A-Z]\.){2,}[A-Z]?\.?$")


def group_name(name: str) -> str | None:
    """The party or bloc a group name stands for ("the GOP": "Republican Party")."""
    return GROUPS.get(re.sub(r"^the\s+", "", name.strip(), flags=re.I).lower())


def without_stops(name: str) -> str:
    """ "N.A.A.C.P." -> "NAACP"; other names unchanged."""
    return name.replace(".", "") if _STOPS.match(name) else name


def same_first(a: str, b: str) -> bool:
    """Are two first names one ("Ben" / "Benjamin", "Liz" / "Elizabeth")?"""
    a, b = a.lower().rstrip("."), b.lower().rstrip(".")
    if a == b:
        return True
    if SHORT_FORMS.get(a) == b or SHORT_FORMS.get(b) == a:
        return True
    return len(a) >= 3 and len(b) >= 3 and (a.startswith(b) or b.startswith(a))


class People:
    """Full names of a story's people and where each article names them."""

    def __init__(self) -> None:
        self.canonical: dict[str, str] = {}  # full name -> the name it is filed under
        self.by_last: dict[str, list[str]] = {}
        self.by_first: dict[str, list[str]] = {}
        self.spots: dict[str, tuple[list[int], list[str]]] = {}
        self.count: dict[str, int] = {}
        self.alone: set[str] = set()  # names used on their own ("Sasha", "Obama")

    def add_full(self, name: str) -> None:
        words = name.split()
        if len(words) < 2 or name in self.canonical:
            return
        self.canonical[name] = name
        for other in self.by_last.get(words[-1], []):
            if same_first(words[0], other.split()[0]):
                old = {self.canonical[other], name}
                root = max(old, key=len)
                for key, value in self.canonical.items():
                    if value in old:
                        self.canonical[key] = root
                break
        self.by_last.setdefault(words[-1], []).append(name)
        self.by_first.setdefault(words[0], []).append(name)

    def single(self, name: str) -> None:
        """Note a person named by one word only."""
        self.alone.add(name)

    def place(self, article: str, start: int, name: str) -> None:
        """Note that ``article`` names the full name ``name`` at ``start``."""
        root = self.canonical.get(name, name)
        self.count[root] = self.count.get(root, 0) + 1
        starts, names = self.spots.setdefault(article, ([], []))
        at = bisect_right(starts, start)
        starts.insert(at, start)
        names.insert(at, name)

    def resolve(self, name: str, where: tuple[str, int] | None = None) -> str:
        """The full name a person mention stands for (``where``: article and offset)."""
        words = name.split()
        if not words:
            return name
        if name in self.canonical:
            return self.canonical[name]
        if len(words) >= 2:
            fits = [f for f in self.by_last.get(words[-1], []) if all(w in f for w in words)]
            return self.canonical[fits[0]] if len(fits) == 1 else name
        candidates = {self.canonical[f] for f in self.by_last.get(name, [])}
        if not candidates:
            candidates = {self.canonical[f] for f in self.by_first.get(name, [])}
        if len(candidates) == 1:
            return next(iter(candidates))
        if candidates and where is not None and where[0] in self.spots:
            starts, names = self.spots[where[0]]
            for k in range(bisect_right(starts, where[1]) - 1, -1, -1):
                if where[1] - starts[k] > NEAR:
                    break
                if self.canonical.get(names[k]) in candidates:
                    return self.canonical[names[k]]
        if len(candidates) > 1 and name in self.by_last:
            # "Obama" is not Sasha Obama when the story calls her "Sasha"
            formal = {c for c in candidates if c.split()[0] not in self.alone}
            candidates = formal or candidates
        if candidates:  # the one the story names most
            return max(sorted(candidates), key=lambda c: self.count.get(c, 0))
        return name


def find_names(text: str, names: Iterable[str]) -> list[tuple[int, int, str]]:
    """Where ``names`` occur in ``text``: a name of several words in any case, a
    single word as written (so "Beck" is not "beck"), whole words only."""
    out = []
    for name in names:
        if len(name) < 4:
            continue
        flags = re.I if " " in name else 0
        for match in re.finditer(r"(?<![\w-])" + re.escape(name) + r"(?![\w-])", text, flags):
            out.append((match.start(), match.end(), name))
    return out
