"""Check the voices gold set and print its counts.

Run from anywhere:  python3 eval/data/voices/check.py
Exits with status 1 if any check fails.

Checks:
- each NN_topic.txt has a NN_topic.json beside it (and the other way round);
- article format: UTF-8, 400-650 words, paragraphs separated by one blank line,
  only one quote style per file (curly or straight);
- JSON schema: allowed keys, kinds, qualifiers, value types;
- every `text` is a verbatim substring of its article, and items appear in article
  order (each item is searched from just after the start of the previous one, with
  word boundaries at alphanumeric ends);
- coverage hints: every digit and number word in the article lies inside some
  annotated number span, and every span inside a pair of double quote marks is a
  direct quote item (minus unattributed scare quotes listed in SCARE below).
"""

import json
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
KINDS = {
    "count",
    "money",
    "percent",
    "measure",
    "date",
    "year",
    "time",
    "duration",
    "age",
    "ordinal",
    "other",
}
CLAIM_KINDS = {"count", "money", "percent", "measure"}
NULL_VALUE_KINDS = {"date", "year", "time"}
QUALIFIERS = {
    None,
    "more than",
    "at least",
    "nearly",
    "around",
    "about",
    "some",
    "up to",
    "fewer than",
    "over",
    "almost",
    "roughly",
    "approximately",
    "an estimated",
    "as many as",
    "as much as",
    "between",
}
NUMBER_WORDS = (
    r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|"
    r"thirty|forty|fifty|sixty|seventy|eighty|ninety|hundreds?|thousands?|"
    r"millions?|billions?|dozens?|first|second|third|fourth|fifth|sixth|"
    r"seventh|eighth|ninth|tenth"
)
NUM_RE = re.compile(r"\d+|\b(?:%s)\b" % NUMBER_WORDS, re.I)
# Number-like tokens that are not numeric expressions (file, exact phrase).
NOT_NUMBERS = {
    ("08_convoy", "every one of them"),
    ("05_verdict", "no one is above"),
    ("06_skirmish", "line of control first"),
    ("07_layoffs", "than the one we are"),
}
# Quoted spans deliberately not annotated (unattributed scare quotes).
SCARE = {("08_convoy", "delayed")}

errors = []


def err(msg):
    errors.append(msg)


def find(article, text, start):
    """Find text at or after start, with word boundaries at alphanumeric ends."""
    pat = re.escape(text)
    if text[:1].isalnum():
        pat = r"(?<![\w])" + pat
    if text[-1:].isalnum():
        pat = pat + r"(?![\w])"
    m = re.compile(pat).search(article, start)
    return (m.start(), m.end()) if m else None


def quoted_spans(para, curly):
    """Yield the inner text of double-quoted spans in one paragraph."""
    if curly:
        for m in re.finditer(r"“([^”“]*)(”|$)", para):
            yield m.group(1)
    else:
        parts = para.split('"')
        for i in range(1, len(parts), 2):
            yield parts[i]


def strip_trailing(s):
    return s[:-1] if s.endswith((",", ".")) and not s.endswith("...") else s


def main():
    txts = sorted(HERE.glob("[0-9][0-9]_*.txt"))
    jsons = sorted(HERE.glob("[0-9][0-9]_*.json"))
    if {p.stem for p in txts} != {p.stem for p in jsons}:
        err("txt/json files do not pair up")
    kinds, quals = Counter(), Counter()
    n_direct = n_indirect = 0
    rows = []
    for tp in txts:
        stem = tp.stem
        raw = tp.read_bytes()
        art = raw.decode("utf-8")
        words = len(art.split())
        if not 400 <= words <= 650:
            err(f"{stem}: {words} words")
        if "\r" in art or not art.endswith("\n") or art.endswith("\n\n") or "\n\n\n" in art:
            err(f"{stem}: bad line structure")
        paras = art.strip("\n").split("\n\n")
        if any("\n" in p or p != p.strip() for p in paras):
            err(f"{stem}: paragraph with inner newline or stray whitespace")
        curly = "“" in art
        if curly and ('"' in art or "'" in art):
            err(f"{stem}: mixes curly and straight quotes")
        if not curly and any(c in art for c in "“”‘’"):
            err(f"{stem}: mixes straight and curly quotes")
        ann = json.loads((HERE / f"{stem}.json").read_text(encoding="utf-8"))
        if set(ann) != {"numbers", "quotes"}:
            err(f"{stem}: top-level keys {sorted(ann)}")
        # numbers
        pos, spans = -1, []
        for i, n in enumerate(ann["numbers"]):
            tag = f"{stem} numbers[{i}] {n.get('text')!r}"
            if set(n) != {"text", "kind", "value", "qualifier", "what", "attribution"}:
                err(f"{tag}: keys {sorted(n)}")
                continue
            k = n["kind"]
            if k not in KINDS:
                err(f"{tag}: kind {k}")
            if n["qualifier"] not in QUALIFIERS:
                err(f"{tag}: qualifier {n['qualifier']}")
            if n["qualifier"] and n["qualifier"] not in n["text"].lower():
                err(f"{tag}: qualifier not in text")
            if k in NULL_VALUE_KINDS and n["value"] is not None:
                err(f"{tag}: value should be null")
            if k not in NULL_VALUE_KINDS | {"other"} and not isinstance(n["value"], (int, float)):
                err(f"{tag}: value should be a number")
            if k in CLAIM_KINDS and not n["what"]:
                err(f"{tag}: missing what")
            if k not in CLAIM_KINDS and (n["what"] is not None or n["attribution"] is not None):
                err(f"{tag}: what/attribution should be null")
            if n["text"] not in art:
                err(f"{tag}: NOT A SUBSTRING of the article")
                continue
            hit = find(art, n["text"], pos + 1)
            if hit is None:
                err(f"{tag}: not found after previous item (order)")
                continue
            pos = hit[0]
            spans.append(hit)
            kinds[k] += 1
            quals[n["qualifier"]] += 1
        for m in NUM_RE.finditer(art):
            if not any(a <= m.start() and m.end() <= b for a, b in spans):
                ctx = art[max(0, m.start() - 20) : m.end() + 20]
                if not any(s == stem and phrase in ctx for s, phrase in NOT_NUMBERS):
                    err(f"{stem}: unannotated number token {m.group()!r} in …{ctx!r}…")
        # quotes
        pos, directs = -1, set()
        nd = ni = 0
        for i, q in enumerate(ann["quotes"]):
            tag = f"{stem} quotes[{i}] {q.get('text')!r}"
            if set(q) != {"text", "direct", "speaker"}:
                err(f"{tag}: keys {sorted(q)}")
                continue
            if not isinstance(q["direct"], bool) or not q["speaker"]:
                err(f"{tag}: bad direct/speaker")
            if q["text"] not in art:
                err(f"{tag}: NOT A SUBSTRING of the article")
                continue
            hit = find(art, q["text"], pos + 1)
            if hit is None:
                err(f"{tag}: not found after previous item (order)")
                continue
            pos = hit[0]
            if q["direct"]:
                nd += 1
                directs.add(q["text"])
            else:
                ni += 1
        for p in paras:
            for s in quoted_spans(p, curly):
                s2 = strip_trailing(s)
                if s2 not in directs and (stem, s2) not in SCARE:
                    err(f"{stem}: quoted span without a direct item: {s2!r}")
        n_direct += nd
        n_indirect += ni
        nn = len(ann["numbers"])
        nc = sum(1 for n in ann["numbers"] if n["kind"] in CLAIM_KINDS)
        na = sum(1 for n in ann["numbers"] if n["kind"] in CLAIM_KINDS and n["attribution"])
        rows.append((tp.name, words, nn, nc, na, nd, ni))
        if nn < 15 or nc < 12 or nd + ni < 12:
            err(f"{stem}: below per-file minimums")

    print(
        "| file | words | numbers | count/money/percent/measure | ...with attribution | direct quotes | indirect quotes |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print("| `%s` | %d | %d | %d | %d | %d | %d |" % r)
    tot = [sum(r[i] for r in rows) for i in range(1, 7)]
    print("| **total (%d files)** | %d | %d | %d | %d | %d | %d |" % (len(rows), *tot))
    print()
    print(
        "numbers by kind:",
        ", ".join(f"{k} {kinds[k]}" for k in sorted(KINDS, key=lambda k: -kinds[k])),
    )
    print("qualifiers:", ", ".join(f"{k or 'null'} {v}" for k, v in quals.most_common()))
    print(f"quotes: {n_direct + n_indirect} ({n_direct} direct, {n_indirect} indirect)")
    if sum(kinds.values()) < 130 or sum(kinds[k] for k in CLAIM_KINDS) < 100:
        err("total numeric minimums not met")
    if n_direct + n_indirect < 110 or n_indirect < 35:
        err("total quote minimums not met")
    if errors:
        print("\nFAILED:")
        for e in errors:
            print(" -", e)
        sys.exit(1)
    print("\nOK: all texts are substrings of their articles, in order; all checks passed.")


if __name__ == "__main__":
    main()
