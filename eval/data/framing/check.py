"""Check the framing gold set (loaded language + actor labels) and print its counts.

Run from anywhere:  python3 eval/data/framing/check.py
                    python3 eval/data/framing/check.py --readme   # also rewrite the
                                                                  # generated README blocks
Exits with status 1 if any check fails.

Checks:
- each NN_topic.txt has a NN_topic.json beside it (and the other way round);
- article format: UTF-8, LF line endings, 250-450 words, no headline line,
  paragraphs separated by exactly one blank line, one quote style per file;
- JSON schema: exactly the keys "loaded" and "labels"; allowed categories and kinds;
- every loaded/label `text` occurs verbatim in its article, and the number of
  (word-bounded, case-sensitive) occurrences of each text is at least the number of
  items annotated with that text;
- items appear in article order (each item is searched, word-bounded, from just after
  the start of the previous item of the same list);
- every label `actor` occurs verbatim in its article; non-attributive label texts do
  not contain the actor's own name;
- traps (deliberate neutral uses, TRAPS below): the context occurs verbatim, and
  the trap word occurs at least (annotated spans containing it + traps) times;
- coverage lint: every occurrence (word-bounded, case-insensitive) of any loaded
  term used anywhere in the set, or of a seed term from the guidelines, is either
  inside an annotated loaded span of that article or listed as a trap;
- minimum totals from the brief.
"""

import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
CATEGORIES = ["label", "emotive", "violent-verb", "intensifier", "doubt-verb", "euphemism"]
KINDS = ["premodifier", "appositive", "descriptive", "predicate", "attributive"]
MIN_LOADED, MIN_PER_CATEGORY = 170, 12
MIN_LABELS, MIN_PER_KIND, MIN_ATTRIBUTIVE = 120, 15, 8
MIN_TRAPS = 25
WORDS = (250, 450)

# Terms from the annotation guidelines that must be annotated or listed as traps
# wherever they occur (in addition to every loaded text used in the set).
SEED = """terrorists thugs rioters mob regime junta extremists radicals illegals invaders
puppet cronies zealots fanatics hardliners bosses so-called massacre slaughter carnage
bloodbath onslaught atrocity brutal barbaric savage horrific heartbreaking shocking
reckless draconian disastrous catastrophic heroic cowardly pound pounded pounding pummel
pummelled hammer hammered crush crushed crushing slam slammed blast blasted decimate
decimated obliterate obliterated storm stormed raze razed unleash unleashed very
extremely utterly totally massive huge staggering unprecedented claimed insisted
admitted conceded alleged boasted whined neutralized incident clashes""".split()
SEED += ["collateral damage", "enhanced interrogation", "restoring order"]

TRAPS = [
    # (file, word, verbatim context)
    ('01_border_wire', 'authorities', 'before dawn. Kolvathi authorities said four civilians,'),
    ('01_border_wire', 'attack', 'was a cowardly attack on young men'),
    ('01_border_wire', 'clashes', '2016, although smaller clashes between border patrols'),
    ('01_border_wire', 'terrorist', 'HFB as a terrorist organisation; Kolvath does'),
    ('01_border_wire', 'claimed', 'the separatist HFB claimed responsibility for an'),
    ('01_border_wire', 'storm', 'Wednesday after a storm brought heavy snow,'),
    ('01_border_wire', 'fighters', 'three wounded HFB fighters at a roadside'),
    ('02_border_tabloid', 'attack', 'cowardly pre-dawn sneak attack.'),
    ('02_border_tabloid', 'blast', 'in seconds. The blast shattered windows more'),
    ('02_border_tabloid', 'hammered', 'it. Lorring, who hammered out the 2016'),
    ('02_border_tabloid', 'regime', 'tighten its sanctions regime on Dastrel, which'),
    ('03_border_blog', 'slaughtered', 'used the word "slaughtered" four times on'),
    ('03_border_blog', 'front', 'four times on its front page.'),
    ('03_border_blog', 'admitted', 'those ambushes were admitted to hospital in'),
    ('03_border_blog', 'incident', 'a minor border incident, in which a'),
    ('04_crackdown_state', 'crushing', 'Dynamo suffered a crushing 4-0 defeat to'),
    ('04_crackdown_state', 'crushed', 'ministry, he was crushed when part of'),
    ('04_crackdown_state', 'protesters', 'cars are not protesters”.'),
    ('04_crackdown_state', 'unprecedented', 'stand for an unprecedented third term next'),
    ('04_crackdown_state', 'extremist', 'the law on extremist organisations.'),
    ('05_crackdown_opposition', 'protesters', 'massacre. Six unarmed protesters are dead, among'),
    ('05_crackdown_opposition', 'regime', 'the fuel tax regime in January. Families'),
    ('05_crackdown_opposition', 'conceded', 'because Ulvarin Dynamo conceded four goals in'),
    ('06_spill_business', 'blast', 'producer, said the blast on Thursday was'),
    ('06_spill_business', 'catastrophic', 'caused by the catastrophic failure of a'),
    ('06_spill_business', 'neutralized', 'well maintenance was neutralized before it could'),
    ('06_spill_business', 'collateral', 'is secured on collateral that includes the'),
    ('06_spill_business', 'Storm', 'spilled oil, but Storm Ilka, expected on'),
    ('06_spill_business', 'hammered', 'hoped to have hammered out a compensation'),
    ('07_spill_env', 'catastrophic', 'points to the catastrophic failure of that'),
    ('07_spill_env', 'Storm', 'port. And when Storm Ilka arrives on'),
    ('07_spill_env', 'claimed', 'football club, which claimed the league title'),
    ('08_raid_right', 'authorities', 'within weeks. Local authorities in Pellingford have'),
    ('08_raid_right', 'conceded', 'Crale, who conceded the party leadership'),
    ('09_raid_left', 'authorities', '30,000 people. Local authorities were not even'),
    ('10_raid_local', 'incident', 'had passed without incident, although the ambulance'),
    ('10_raid_local', 'blast', "and the plant's blast freezers were shut"),
    ('10_raid_local', 'alleged', 'questioned over the alleged use of forged'),
    ('10_raid_local', 'Protesters', 'on Tuesday evening. Protesters carried candles and'),
    ('10_raid_local', 'authorities', "no arrests. Local authorities said the town's"),
]


errors = []


def err(msg):
    errors.append(msg)


def bounded(s, flags=0):
    """Regex for s with word boundaries at alphanumeric ends."""
    pat = re.escape(s)
    if s[:1].isalnum():
        pat = r"(?<![\w])" + pat
    if s[-1:].isalnum():
        pat = pat + r"(?![\w])"
    return re.compile(pat, flags)


def count(s, text, flags=0):
    return len(bounded(s, flags).findall(text))


def words(text):
    return len([t for t in text.split() if any(c.isalnum() for c in t)])


def check_format(name, raw):
    if "\r" in raw:
        err(f"{name}: CR characters (use LF)")
    if not raw.endswith("\n") or raw.endswith("\n\n"):
        err(f"{name}: must end with exactly one newline")
    text = raw.rstrip("\n")
    paras = text.split("\n\n")
    for i, p in enumerate(paras):
        if not p.strip() or "\n" in p or p != p.strip():
            err(f"{name}: paragraph {i + 1} is empty, has a line break or stray spaces")
    if paras and words(paras[0]) < 20:
        err(f"{name}: first paragraph looks like a headline ({words(paras[0])} words)")
    n = words(text)
    if not WORDS[0] <= n <= WORDS[1]:
        err(f"{name}: {n} words, outside {WORDS}")
    curly = bool(re.search("[\u201c\u201d\u2018\u2019]", text))
    straight = bool(re.search("[\"']", text))
    if curly and straight:
        err(f"{name}: mixes curly and straight quotes")
    return n, len(paras), "curly" if curly else "straight"


def check_order(name, lst, items, text):
    pos = 0
    for i, it in enumerate(items):
        m = bounded(it["text"]).search(text, pos)
        if not m:
            err(f"{name}: {lst}[{i}] {it['text']!r} not found at/after offset {pos} (order?)")
            continue
        pos = m.start() + 1


def main():
    write_readme = "--readme" in sys.argv[1:]
    txts = {p.stem for p in HERE.glob("*.txt")}
    jsons = {p.stem for p in HERE.glob("*.json")}
    for s in sorted(txts ^ jsons):
        err(f"{s}: missing .txt or .json partner")
    stems = sorted(txts & jsons)
    articles, anns, rows = {}, {}, []
    for s in stems:
        raw = (HERE / f"{s}.txt").read_bytes().decode("utf-8")
        nwords, npara, qstyle = check_format(s, raw)
        text = raw.rstrip("\n")
        articles[s] = text
        data = json.loads((HERE / f"{s}.json").read_text(encoding="utf-8"))
        anns[s] = data
        if set(data) != {"loaded", "labels"}:
            err(f"{s}: top-level keys must be loaded, labels")
            continue
        for i, it in enumerate(data["loaded"]):
            if set(it) != {"text", "category", "neutral"}:
                err(f"{s}: loaded[{i}] keys {sorted(it)}")
            if it.get("category") not in CATEGORIES:
                err(f"{s}: loaded[{i}] bad category {it.get('category')!r}")
            if not isinstance(it.get("neutral"), str):
                err(f"{s}: loaded[{i}] neutral must be a string")
        for i, it in enumerate(data["labels"]):
            if set(it) != {"actor", "text", "kind"}:
                err(f"{s}: labels[{i}] keys {sorted(it)}")
            if it.get("kind") not in KINDS:
                err(f"{s}: labels[{i}] bad kind {it.get('kind')!r}")
            if it.get("actor", "") not in text:
                err(f"{s}: labels[{i}] actor {it.get('actor')!r} not in article")
            if it.get("kind") != "attributive" and it.get("actor", "\0") in it.get("text", ""):
                err(f"{s}: labels[{i}] text contains the actor's own name")
        for lst in ("loaded", "labels"):
            items = data[lst]
            for i, it in enumerate(items):
                if not it.get("text") or it["text"] not in text:
                    err(f"{s}: {lst}[{i}] text {it.get('text')!r} not verbatim in article")
            need = Counter(it["text"] for it in items if it.get("text"))
            for t, k in need.items():
                have = count(t, text)
                if have < k:
                    err(f"{s}: {lst} text {t!r} annotated {k}x but occurs {have}x")
            check_order(s, lst, items, text)
        rows.append((s, nwords, npara, qstyle, data))

    # traps
    traps_by_file = defaultdict(list)
    for f, w, ctx in TRAPS:
        if f not in articles:
            err(f"trap for unknown file {f}")
            continue
        traps_by_file[f].append(w)
        if ctx not in articles[f]:
            err(f"{f}: trap context not found: {ctx!r}")
        elif count(w, ctx) < 1:
            err(f"{f}: trap word {w!r} not in its context")
    for f, ws in traps_by_file.items():
        for w in set(ws):
            lw = w.lower()
            ann = sum(count(lw, it["text"].lower()) for it in anns[f]["loaded"])
            need = ann + sum(1 for x in ws if x.lower() == lw)
            have = count(lw, articles[f], re.I)
            if have < need:
                err(f"{f}: trap {w!r}: {have} occurrences < {ann} annotated + traps")

    # coverage lint
    vocab = {it["text"].lower() for d in anns.values() for it in d["loaded"]} | set(SEED)
    for f, text in articles.items():
        for t in sorted(vocab):
            have = count(t, text, re.I)
            if not have:
                continue
            exp = sum(count(t, it["text"].lower()) for it in anns[f]["loaded"])
            exp += sum(count(t, w.lower()) for w in traps_by_file.get(f, []))
            if have != exp:
                err(f"{f}: term {t!r} occurs {have}x but {exp}x annotated/listed as traps")

    # totals
    cats, kinds = Counter(), Counter()
    for *_, d in rows:
        cats.update(it["category"] for it in d["loaded"])
        kinds.update(it["kind"] for it in d["labels"])
    nload, nlab = sum(cats.values()), sum(kinds.values())
    if nload < MIN_LOADED:
        err(f"only {nload} loaded spans (< {MIN_LOADED})")
    for c in CATEGORIES:
        if cats[c] < MIN_PER_CATEGORY:
            err(f"category {c}: {cats[c]} (< {MIN_PER_CATEGORY})")
    if nlab < MIN_LABELS:
        err(f"only {nlab} labels (< {MIN_LABELS})")
    for k in KINDS:
        lim = MIN_ATTRIBUTIVE if k == "attributive" else MIN_PER_KIND
        if kinds[k] < lim:
            err(f"kind {k}: {kinds[k]} (< {lim})")
    if len(TRAPS) < MIN_TRAPS:
        err(f"only {len(TRAPS)} traps (< {MIN_TRAPS})")

    counts_md = render_counts(rows, cats, kinds, traps_by_file)
    traps_md = render_traps()
    print(counts_md)
    if write_readme:
        update_readme(counts_md, traps_md)
    if errors:
        print(f"\n{len(errors)} problem(s):")
        for e in errors:
            print("  -", e)
        sys.exit(1)
    print("OK: all texts verbatim and in order, counts and coverage consistent; all checks passed.")


def render_counts(rows, cats, kinds, traps_by_file):
    head = ("| file | words | paras | quotes | loaded | " + " | ".join(CATEGORIES)
            + " | labels | " + " | ".join(KINDS) + " | traps |")
    out = [head, "|" + "---|" * 4 + "---:|" * (2 + len(CATEGORIES) + len(KINDS) + 1)]
    tw = 0
    for s, nw, npara, q, d in rows:
        c = Counter(it["category"] for it in d["loaded"])
        k = Counter(it["kind"] for it in d["labels"])
        tw += nw
        out.append(f"| `{s}` | {nw} | {npara} | {q} | {len(d['loaded'])} | "
                   + " | ".join(str(c[x]) for x in CATEGORIES)
                   + f" | {len(d['labels'])} | " + " | ".join(str(k[x]) for x in KINDS)
                   + f" | {len(traps_by_file.get(s, []))} |")
    out.append(f"| **total ({len(rows)} files)** | {tw} | | | **{sum(cats.values())}** | "
               + " | ".join(str(cats[x]) for x in CATEGORIES)
               + f" | **{sum(kinds.values())}** | " + " | ".join(str(kinds[x]) for x in KINDS)
               + f" | **{len(TRAPS)}** |")
    actors = Counter(it["actor"] for *_, d in rows for it in d["labels"])
    out.append("")
    out.append(f"Distinct labelled actors: {len(actors)}. Distinct loaded texts: "
               f"{len({it['text'].lower() for *_, d in rows for it in d['loaded']})}.")
    return "\n".join(out)


def render_traps():
    out = ["| file | word | context (verbatim) |", "|---|---|---|"]
    for f, w, ctx in TRAPS:
        out.append(f"| `{f}` | {w} | {ctx} |")
    return "\n".join(out)


def update_readme(counts_md, traps_md):
    p = HERE / "README.md"
    s = p.read_text(encoding="utf-8")
    for tag, body in (("COUNTS", counts_md), ("TRAPS", traps_md)):
        a, b = f"<!-- {tag}:BEGIN -->", f"<!-- {tag}:END -->"
        if a not in s or b not in s:
            err(f"README.md lacks {a} ... {b}")
            continue
        s = s[: s.index(a) + len(a)] + "\n" + body + "\n" + s[s.index(b):]
    p.write_text(s, encoding="utf-8")


if __name__ == "__main__":
    main()
