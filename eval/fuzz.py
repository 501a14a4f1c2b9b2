"""The long crash hunt behind ``make fuzz``: hundreds of generated stories, the timed
pathological cases, and every real story in ``../shared/realdata``.

python eval/fuzz.py                    # 500 generated stories, the big cases, all real data
python eval/fuzz.py --examples 2000 --seed 7
python eval/fuzz.py --no-realdata      # generated stories and big cases only
python eval/fuzz.py --only realdata    # one part: generated, big or realdata

Every story runs through the whole default pipeline with ``PARALLAX_DEBUG=1``; an
exception, a ``stage-failed`` warning or an offset outside its article's text is a
failure.  Failures are grouped by exception and place, and the generated stories that
failed are written (they are invented text) to ``--out`` for replay.  Exit status 1
when anything failed.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import traceback
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "eval"))
sys.path.insert(0, str(ROOT / "tests"))

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import seed as hypothesis_seed  # noqa: E402

import parallax  # noqa: E402
import realdata  # noqa: E402
from checked import analyse_checked, debug_mode  # noqa: E402
from fuzz_articles import huge_paragraph, stories  # noqa: E402
from parallax.build import RawArticle, build_article  # noqa: E402
from parallax.errors import InputError  # noqa: E402
from parallax.model import Article  # noqa: E402

SLOW_SECONDS = 60.0
LONG_CHARS = 1_100_000


def long_article(chars: int) -> str:
    """Paragraphs of about 1,000 words each, ``chars`` characters in all."""
    paragraph = huge_paragraph(1000)
    return "\n".join([paragraph] * (chars // (len(paragraph) + 1) + 1))


@dataclass
class Tally:
    stories: int = 0
    articles: int = 0
    failures: Counter[str] = field(default_factory=Counter)
    failed: list[str] = field(default_factory=list)
    slow: list[str] = field(default_factory=list)


def _where(exc: BaseException) -> str:
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if "parallax" in f.filename]
    if not frames:
        return "?"
    last = frames[-1]
    return f"{last.filename.rsplit('/src/', 1)[-1]}:{last.lineno} ({last.name})"


def _built(raws: Sequence[RawArticle]) -> list[Article]:
    out: list[Article] = []
    for raw in raws:
        try:
            out.append(build_article(raw).article)
        except InputError:
            continue
    return out


def run_one(label: str, articles: list[Article], tally: Tally) -> bool:
    """Analyse one story; record what went wrong.  True when it was sound."""
    tally.stories += 1
    tally.articles += len(articles)
    started = time.perf_counter()
    try:
        _, problems = analyse_checked(articles)
    except Exception as exc:
        key = f"{type(exc).__name__} at {_where(exc)}: {str(exc)[:120]}"
        tally.failures[key] += 1
        tally.failed.append(f"{label}: {key}")
        return False
    finally:
        took = time.perf_counter() - started
        if took > SLOW_SECONDS:
            tally.slow.append(f"{label}: {took:.0f} s for {len(articles)} articles")
    for problem in problems:
        tally.failures[problem.split(":", 1)[0] + ": " + problem[:160]] += 1
        tally.failed.append(f"{label}: {problem[:300]}")
    return not problems


def generated(count: int, seed: int, out: Path, tally: Tally) -> None:
    """``count`` stories from the Hypothesis strategies (failures do not stop the run)."""
    number = 0

    @hypothesis_seed(seed)
    @settings(
        max_examples=count,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(stories())
    def check(raws: list[RawArticle]) -> None:
        nonlocal number
        number += 1
        articles = _built(raws)
        if len(articles) < 2:
            return
        if not run_one(f"generated #{number}", articles, tally):
            out.mkdir(parents=True, exist_ok=True)
            path = out / f"seed{seed}-{number}.json"
            path.write_text(json.dumps([asdict(r) for r in raws], ensure_ascii=False, indent=1))
        if number % 50 == 0:
            print(f"  {number} generated stories, {len(tally.failed)} failures", flush=True)

    check()


def big_cases(words: int, tally: Tally) -> None:
    """The pathological sizes, timed stage by stage."""
    normal = (
        "Police fired tear gas at dockworkers blocking the main gate on Friday.\n"
        "“We are not moving,” said Maren Okafor, the union's general secretary.\n"
        "At least 112 people were arrested, according to the Coast Guard."
    )
    cases: list[tuple[str, Callable[[], list[RawArticle]]]] = [
        (
            f"one paragraph of {words:,} words",
            lambda: [
                RawArticle(source="huge", body=huge_paragraph(words), outlet="Meridian Press"),
                RawArticle(source="normal", body=normal, outlet="Channel 9 News"),
            ],
        ),
        (
            "200 one-word paragraphs",
            lambda: [
                RawArticle(
                    source="words",
                    body="\n".join(["Strike", "police", "fire", "112", "“No”"] * 40),
                    outlet="Meridian Press",
                ),
                RawArticle(source="normal", body=normal, outlet="Channel 9 News"),
            ],
        ),
        (
            "two copies of a 5,000-word paragraph",
            lambda: [
                RawArticle(source="a", body=huge_paragraph(5000), outlet="Meridian Press"),
                RawArticle(
                    source="b",
                    body=huge_paragraph(5000).replace("said", "claimed"),
                    outlet="Channel 9 News",
                ),
            ],
        ),
        (
            # A long transcript or document dump: within the 5 MiB input cap, over the
            # 1,000,000 characters spaCy parses by default.
            f"an article of {LONG_CHARS:,} characters in 1,000-word paragraphs",
            lambda: [
                RawArticle(source="long", body=long_article(LONG_CHARS), outlet="Meridian Press"),
                RawArticle(source="normal", body=normal, outlet="Channel 9 News"),
            ],
        ),
    ]
    for label, make in cases:
        started = time.perf_counter()
        articles = _built(make())
        try:
            with debug_mode():
                analysis = parallax.analyse(articles)
            timings = ", ".join(f"{k} {v:.1f} s" for k, v in analysis.timings.items())
        except Exception as exc:
            timings = f"failed: {type(exc).__name__}: {exc}"
        tally.stories += 1
        tally.articles += len(articles)
        took = time.perf_counter() - started
        print(f"  {label}: {took:.1f} s ({timings})", flush=True)
        if timings.startswith("failed"):
            tally.failures[f"{label}: {timings}"] += 1
            tally.failed.append(f"{label}: {timings}")
        if took > SLOW_SECONDS:
            tally.slow.append(f"{label}: {took:.0f} s")


def real(tally: Tally) -> None:
    if not realdata.available():
        print(f"  no real data at {realdata.root()}: skipped (set PARALLAX_REALDATA)")
        return
    everything = realdata.stories()
    for i, story in enumerate(everything, 1):
        run_one(story.id, realdata.build_story(story), tally)
        if i % 50 == 0:
            print(f"  {i}/{len(everything)} real stories, {len(tally.failed)} failures", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=500, help="generated stories")
    parser.add_argument("--seed", type=int, default=0, help="Hypothesis seed")
    parser.add_argument("--words", type=int, default=50_000, help="words in the huge paragraph")
    parser.add_argument("--no-realdata", action="store_true", help="skip ../shared/realdata")
    parser.add_argument("--only", choices=["generated", "big", "realdata"], help="run one part")
    parser.add_argument(
        "--out", type=Path, default=ROOT / ".venv" / "fuzz-failures", help="failing examples"
    )
    args = parser.parse_args(argv)
    parts = [args.only] if args.only else ["generated", "big", "realdata"]
    if args.no_realdata and "realdata" in parts:
        parts.remove("realdata")
    total_started = time.perf_counter()
    tallies: dict[str, Tally] = {}
    for part in parts:
        tally = tallies[part] = Tally()
        started = time.perf_counter()
        print(f"{part}:", flush=True)
        if part == "generated":
            generated(args.examples, args.seed, args.out, tally)
        elif part == "big":
            big_cases(args.words, tally)
        else:
            real(tally)
        took = time.perf_counter() - started
        print(
            f"{part}: {tally.stories} stories, {tally.articles} articles, "
            f"{len(tally.failed)} failures, {took:.0f} s",
            flush=True,
        )
    failed = 0
    for part, tally in tallies.items():
        for key, n in tally.failures.most_common():
            print(f"FAILED {part} x{n}: {key}")
        for line in tally.failed[:50]:
            print(f"  {line}")
        for line in tally.slow:
            print(f"SLOW {part}: {line}")
        failed += len(tally.failed)
    print(
        f"fuzz: {sum(t.stories for t in tallies.values())} stories, "
        f"{sum(t.articles for t in tallies.values())} articles, {failed} failures "
        f"in {time.perf_counter() - total_started:.0f} s"
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
