"""Check gold annotation files (docs/annotation.md) against the articles they annotate.

    python tools/check_gold.py --articles /work/shared/corpus/ant-2018 gold/ant-2018/dev [more files or dirs]

For every gold YAML file: the header matches the article (and SOURCES.tsv when the articles' folder has
one); every evidence and skipped quote is exactly `text[start:end]` of the article read as UTF-8 and NFC;
event types and sub-types, skip kinds and governorates come from the guide's lists; ids run g01, g02 … in
order of first mention; dates are real, earliest <= latest <= published; killed low <= high; actor slugs
exist in the seeds' actors.yaml. Prints one line per problem (file, id, problem) and exits 1 if any.
"""
import argparse
import csv
import datetime as dt
import sys
import unicodedata
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
ACTORS = ROOT / "src" / "conflictkg" / "resources" / "seeds" / "actors.yaml"
GUIDE = "docs/annotation.md v1"
MAX_QUOTE = 250  # the guide says "at most ~200 characters"; this leaves room for a clause that runs on

EVENT_TYPES = {
    "Battles": {"Armed clash", "Government regains territory", "Non-state actor overtakes territory"},
    "Explosions/Remote violence": {"Chemical weapon", "Air/drone strike", "Suicide bomb",
                                   "Shelling/artillery/missile attack", "Remote explosive/landmine/IED", "Grenade"},
    "Violence against civilians": {"Sexual violence", "Attack", "Abduction/forced disappearance"},
    "Protests": {"Peaceful protest", "Protest with intervention", "Excessive force against protesters"},
    "Riots": {"Violent demonstration", "Mob violence"},
    "Strategic developments": {"Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
                               "Headquarters or base established", "Looting/property destruction",
                               "Non-violent transfer of territory", "Other"},
}
GOVERNORATES = {"Aleppo", "Al-Hasakeh", "Ar-Raqqa", "As-Sweida", "Damascus", "Dara", "Deir ez Zor", "Hama", "Homs",
                "Idleb", "Lattakia", "Quneitra", "Rural Damascus", "Tartous"}
SKIP_KINDS = {"pattern", "background", "anticipated", "denial", "tally", "statement", "not-syria"}
HEADER = {"article", "published", "outlet", "guide", "events", "skipped"}
EVENT_KEYS = {"id", "event_type", "sub_event_type", "actor1", "actor1_ref", "actor2", "actor2_ref", "date",
              "governorate", "location", "location_ar", "killed", "evidence", "note"}
REQUIRED = EVENT_KEYS - {"actor1_ref", "actor2_ref", "note"}


def read_article(path: Path) -> str:
    return unicodedata.normalize("NFC", path.read_text("utf-8"))


def read_sources(articles: Path) -> dict[str, dict]:
    tsv = articles / "SOURCES.tsv"
    if not tsv.exists():
        return {}
    with tsv.open(encoding="utf-8", newline="") as f:
        return {row["file"]: row for row in csv.DictReader(f, delimiter="\t")}


def actor_slugs() -> set[str]:
    return {a["id"] for a in yaml.safe_load(ACTORS.read_text(encoding="utf-8"))}


class Checker:
    """Collects the problems of one gold file."""

    def __init__(self, path: Path, articles: Path, sources: dict, slugs: set[str]):
        self.path, self.articles, self.sources, self.slugs = path, articles, sources, slugs
        self.problems: list[str] = []
        self.text = ""
        self.events = self.skips = 0

    def bad(self, where: str, problem: str) -> None:
        self.problems.append(f"{self.path}: {where}: {problem}")

    def run(self) -> list[str]:
        try:
            doc = yaml.safe_load(self.path.read_text(encoding="utf-8"))
        except yaml.YAMLError as e:
            self.bad("yaml", f"does not load: {e}")
            return self.problems
        if not isinstance(doc, dict):
            self.bad("file", "is not a mapping with article, published, outlet, guide, events, skipped")
            return self.problems
        if self.header(doc):
            events = doc.get("events")
            if not isinstance(events, list):
                self.bad("events", "missing or not a list (an article with no event has `events: []`)")
                events = []
            self.events = len(events)
            for i, event in enumerate(events):
                self.event(i, event, doc["published"])
            self.order(events)
            skipped = doc.get("skipped") or []
            if not isinstance(skipped, list):
                self.bad("skipped", "not a list")
                skipped = []
            self.skips = len(skipped)
            for i, skip in enumerate(skipped):
                self.skip(i, skip)
        return self.problems

    def header(self, doc: dict) -> bool:
        for key in sorted(set(doc) - HEADER):
            self.bad("header", f"unknown key {key!r}")
        for key in ("article", "published", "outlet", "guide"):
            if key not in doc:
                self.bad("header", f"missing {key!r}")
        article = doc.get("article")
        if not isinstance(article, str) or article != self.path.stem + ".txt":
            self.bad("header", f"article {article!r} should be {self.path.stem + '.txt'!r} (the file's stem + .txt)")
            return False
        source = self.articles / article
        if not source.exists():
            self.bad("header", f"article not found in {self.articles}: pass the corpus folder with --articles")
            return False
        self.text = read_article(source)
        if doc.get("guide") != GUIDE:
            self.bad("header", f"guide should be {GUIDE!r}")
        if not isinstance(doc.get("published"), dt.date):
            self.bad("header", "published should be a date YYYY-MM-DD")
            return False
        row = self.sources.get(article)
        if row:
            if str(doc["published"]) != row["published"]:
                self.bad("header", f"published {doc['published']} but SOURCES.tsv says {row['published']}")
            if doc.get("outlet") != row["outlet"]:
                self.bad("header", f"outlet {doc.get('outlet')!r} but SOURCES.tsv says {row['outlet']!r}")
        return True

    def span(self, where: str, item) -> int | None:
        """Check one {start, end, quote}; return its start, or None when it is wrong."""
        if not isinstance(item, dict) or not {"start", "end", "quote"} <= set(item):
            self.bad(where, "needs start, end and quote")
            return None
        start, end, quote = item["start"], item["end"], item["quote"]
        if not (isinstance(start, int) and isinstance(end, int) and isinstance(quote, str)):
            self.bad(where, "start and end must be integers and quote a string")
            return None
        if quote != unicodedata.normalize("NFC", quote):
            self.bad(where, "quote is not NFC")
        if not 0 <= start < end <= len(self.text):
            self.bad(where, f"offsets {start}:{end} outside the article (length {len(self.text)})")
            return None
        if self.text[start:end] != quote:
            found = self.text.find(quote)
            hint = f"; the quote is at {found}:{found + len(quote)}" if found >= 0 else "; the quote is not in the text"
            self.bad(where, f"text[{start}:{end}] is {self.text[start:end]!r}, not the quote{hint}")
            return None
        if len(quote) > MAX_QUOTE:
            self.bad(where, f"quote of {len(quote)} characters: keep it to the clause (at most ~200)")
        return start

    # long: one check per field of the guide, in the guide's order, reads best as one list
    def event(self, i: int, event, published: dt.date) -> None:
        if not isinstance(event, dict):
            self.bad(f"events[{i}]", "not a mapping")
            return
        eid = event.get("id")
        where = str(eid) if eid else f"events[{i}]"
        if eid != f"g{i + 1:02d}":
            self.bad(where, f"id should be g{i + 1:02d} (ids run g01, g02 … in order)")
        for key in sorted(set(event) - EVENT_KEYS):
            self.bad(where, f"unknown field {key!r}")
        for key in sorted(REQUIRED - set(event)):
            self.bad(where, f"missing field {key!r} (write null when the text does not say)")
        etype, sub = event.get("event_type"), event.get("sub_event_type")
        if etype not in EVENT_TYPES:
            self.bad(where, f"event_type {etype!r} is not one of {sorted(EVENT_TYPES)}")
        elif sub not in EVENT_TYPES[etype]:
            self.bad(where, f"sub_event_type {sub!r} is not a sub-type of {etype}: {sorted(EVENT_TYPES[etype])}")
        if not isinstance(event.get("actor1"), str) or not event["actor1"].strip():
            self.bad(where, "actor1 is required (ACLED's rule: an event has at least one actor)")
        if event.get("actor2") is not None and not isinstance(event["actor2"], str):
            self.bad(where, "actor2 must be a name or null")
        for key in ("actor1_ref", "actor2_ref"):
            ref = event.get(key)
            if ref is not None and ref not in self.slugs:
                self.bad(where, f"{key} {ref!r} is not an id in seeds/actors.yaml (omit it or use null)")
        if event.get("actor2_ref") is not None and event.get("actor2") is None:
            self.bad(where, "actor2_ref without actor2")
        self.date(where, event.get("date"), published)
        gov = event.get("governorate")
        if gov is not None and gov not in GOVERNORATES:
            self.bad(where, f"governorate {gov!r} is not an ACLED admin1 spelling: {sorted(GOVERNORATES)}")
        loc, loc_ar = event.get("location"), event.get("location_ar")
        if (loc is None) != (loc_ar is None):
            self.bad(where, "location and location_ar go together (both null or both given)")
        if isinstance(loc_ar, str) and loc_ar not in self.text:
            self.bad(where, f"location_ar {loc_ar!r} is not written so in the text")
        self.killed(where, event.get("killed"))
        evidence = event.get("evidence")
        if not isinstance(evidence, list) or not evidence:
            self.bad(where, "evidence must list at least one mention")
        else:
            for j, item in enumerate(evidence):
                self.span(f"{where} evidence[{j}]", item)
        note = event.get("note")
        if note is not None and (not isinstance(note, str) or not note.strip()):
            self.bad(where, "note must be a non-empty string when given")

    def date(self, where: str, date, published: dt.date) -> None:
        if not isinstance(date, dict) or set(date) != {"earliest", "latest"}:
            self.bad(where, "date must be {earliest: YYYY-MM-DD, latest: YYYY-MM-DD}")
            return
        early, late = date["earliest"], date["latest"]
        if not (isinstance(early, dt.date) and isinstance(late, dt.date)):
            self.bad(where, "date earliest and latest must be dates YYYY-MM-DD")
        elif early > late:
            self.bad(where, f"date earliest {early} is after latest {late}")
        elif late > published:
            self.bad(where, f"date latest {late} is after publication {published}: a future event is a skip")

    def killed(self, where: str, killed) -> None:
        if killed is None:
            return
        if not isinstance(killed, dict) or set(killed) != {"low", "high"}:
            self.bad(where, "killed must be null or {low: N, high: N or null}")
            return
        low, high = killed["low"], killed["high"]
        if not isinstance(low, int) or isinstance(low, bool) or low < 0:
            self.bad(where, f"killed low {low!r} must be a whole number >= 0")
        elif high is not None and (not isinstance(high, int) or isinstance(high, bool) or high < low):
            self.bad(where, f"killed high {high!r} must be null or a whole number >= low ({low})")

    def order(self, events: list) -> None:
        """Ids follow the order of first mention: the earliest evidence of each event."""
        firsts = []
        for event in events:
            starts = [e.get("start") for e in (event.get("evidence") or []) if isinstance(e, dict)] \
                if isinstance(event, dict) else []
            starts = [s for s in starts if isinstance(s, int)]
            if starts:
                firsts.append((min(starts), event.get("id")))
        for (a, ida), (b, idb) in zip(firsts, firsts[1:]):
            if b < a:
                self.bad(str(idb), f"first mentioned at {b}, before {ida} (at {a}): number events by first mention")

    def skip(self, i: int, skip) -> None:
        where = f"skipped[{i}]"
        if not isinstance(skip, dict):
            self.bad(where, "not a mapping")
            return
        for key in sorted(set(skip) - {"kind", "start", "end", "quote", "why"}):
            self.bad(where, f"unknown field {key!r}")
        if skip.get("kind") not in SKIP_KINDS:
            self.bad(where, f"kind {skip.get('kind')!r} is not one of {sorted(SKIP_KINDS)}")
        if not isinstance(skip.get("why"), str) or not skip["why"].strip():
            self.bad(where, "why is required")
        self.span(where, skip)


def gold_files(paths: list[str]) -> list[Path]:
    out = []
    for p in map(Path, paths):
        out.extend(sorted(p.glob("*.yaml")) if p.is_dir() else [p])
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", required=True, type=Path, help="folder of the annotated .txt articles")
    parser.add_argument("gold", nargs="+", help="gold YAML files or folders of them")
    args = parser.parse_args(argv)
    if not args.articles.is_dir():
        print(f"--articles {args.articles}: not a folder", file=sys.stderr)
        return 2
    files = gold_files(args.gold)
    if not files:
        print(f"no gold files in {' '.join(args.gold)}", file=sys.stderr)
        return 2
    sources, slugs = read_sources(args.articles), actor_slugs()
    problems, events, skips = [], 0, 0
    for path in files:
        checker = Checker(path, args.articles, sources, slugs)
        problems += checker.run()
        events, skips = events + checker.events, skips + checker.skips
    for line in problems:
        print(line)
    if problems:
        print(f"{len(problems)} problem(s) in {len(files)} file(s)", file=sys.stderr)
        return 1
    print(f"{len(files)} file(s), {events} event(s), {skips} skip(s): all quotes match their offsets")
    return 0


if __name__ == "__main__":
    sys.exit(main())
