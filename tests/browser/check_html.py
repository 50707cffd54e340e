#!/usr/bin/env python3
"""Check a page of kiln's html exporter against the csv tables of the same run.

usage: check_html.py PAGE MENTIONS_CSV TARGETS_CSV [--dom] [--doc ID]

PAGE is either the file kiln wrote (static checks: tags balance, no
network, no script) or, with --dom, the DOM Chromium dumped after loading
it (then the parse is the browser's own; the checks on content are the
same). --doc ID keeps only that document's rows of the tables (a run of
several documents). Exits 1 with one line per problem.
"""
import csv
import re
import sys
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
        "meta", "source", "track", "wbr"}
# SVG shapes kiln writes self-closed ("<rect .../>").
SELF_CLOSED_OK = {"rect", "line", "path", "circle"}
URL_ATTRS = {"href", "src", "action", "srcset", "poster", "data", "xlink:href"}


class Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.problems = [], []
        self.ids = set()
        self.text_depth = None   # depth of <div class="text"> while inside
        self.marks = []          # data-n of mark.m inside the text
        self.mark_text = {}      # data-n -> text content
        self.open_mark = None
        self.targets = []        # attrs of each .target card
        self.progress_text = []  # text of each card's .progress
        self.in_progress = False
        self.tags = []

    def error(self, message):  # older Pythons call this
        self.problems.append(message)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append(tag)
        for k, v in attrs:
            if k in URL_ATTRS and v and not v.startswith("#") and \
                    re.match(r"^([a-z][a-z0-9+.-]*:|//)", v, re.I):
                self.problems.append(f"external URL in <{tag} {k}={v!r}>")
        if "id" in a:
            if a["id"] in self.ids:
                self.problems.append(f"duplicate id {a['id']}")
            self.ids.add(a["id"])
        classes = (a.get("class") or "").split()
        if tag == "div" and "text" in classes:
            self.text_depth = len(self.stack)
        if tag == "mark" and "m" in classes:
            if self.text_depth is None:
                self.problems.append("mention element outside the text")
            for need in ("tabindex", "title", "data-tip", "id"):
                if need not in a:
                    self.problems.append(f"mention {a.get('id')} lacks {need}")
            self.marks.append(a.get("data-n"))
            self.mark_text[a.get("data-n")] = ""
            self.open_mark = a.get("data-n")
        if tag == "div" and "target" in classes:
            self.targets.append(a)
        if tag == "span" and "progress" in classes:
            self.in_progress = True
            self.progress_text.append("")
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            if tag not in SELF_CLOSED_OK:
                self.problems.append(f"self-closed <{tag}/>")
            self.stack.pop()

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(
                f"</{tag}> closes <{self.stack[-1] if self.stack else 'nothing'}>"
                f" at line {self.getpos()[0]}")
            if tag in self.stack:
                while self.stack.pop() != tag:
                    pass
            return
        self.stack.pop()
        if tag == "mark":
            self.open_mark = None
        if tag == "span":
            self.in_progress = False
        if self.text_depth is not None and len(self.stack) == self.text_depth:
            self.text_depth = None

    def handle_data(self, data):
        if self.open_mark is not None:
            self.mark_text[self.open_mark] += data
        if self.in_progress:
            self.progress_text[-1] += data


def read_csv(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def main(argv):
    if len(argv) < 4:
        print(__doc__, file=sys.stderr)
        return 2
    page_path, mentions_path, targets_path = argv[1:4]
    dom = "--dom" in argv[4:]
    doc = argv[argv.index("--doc") + 1] if "--doc" in argv[4:] else None
    raw = open(page_path, encoding="utf-8").read()
    p = Page()
    p.feed(raw)
    p.close()
    problems = list(p.problems)
    if p.stack:
        problems.append(f"unclosed elements at the end: {p.stack}")
    lowered = raw.lower()
    for bad in ("<script", "<link", "<iframe", "<object", "@import", "url("):
        if bad in lowered:
            problems.append(f"page contains {bad!r}: not self-contained")
    if not dom and not raw.startswith("<!DOCTYPE html>"):
        problems.append("page does not start with <!DOCTYPE html>")

    mentions = [r for r in read_csv(mentions_path)
                if doc is None or r["doc"] == doc]
    targets = [r for r in read_csv(targets_path)
               if doc is None or r["doc"] == doc]
    # every mention highlighted, once, with its own text
    if len(p.marks) != len(mentions):
        problems.append(f"{len(p.marks)} mention elements, "
                        f"{len(mentions)} rows in the mentions table")
    for row in mentions:
        n = row["mention"]
        if n not in p.mark_text:
            problems.append(f"mention {n} ({row['text']}) has no element")
        elif p.mark_text[n] != row["text"].replace("\r\n", "").replace("\n", ""):
            problems.append(f"mention {n}: element reads {p.mark_text[n]!r}, "
                            f"table {row['text']!r}")
    # every target a card with its bar and values
    if len(p.targets) != len(targets):
        problems.append(f"{len(p.targets)} target cards, "
                        f"{len(targets)} rows in the targets table")
    cards = sorted((t.get("data-indicator", ""), t.get("data-target", ""),
                    t.get("data-baseline", ""), t.get("data-progress", ""))
                   for t in p.targets)
    rows = []
    for r in targets:
        prog = r.get("progress", "")
        prog = f"{float(prog) * 100:.1f}".rstrip("0").rstrip(".") if prog else ""
        rows.append((r["indicator"], r["target_text"], r["baseline_text"],
                     prog))
    rows.sort()
    for card, row in zip(cards, rows):
        if card != row:
            problems.append(f"target card {card} != table row {row}")
            break
    indicators = [t.get("data-indicator", "") for t in p.targets]
    # the progress a person reads is the one the card carries
    for t, shown in zip(p.targets, p.progress_text):
        want = t.get("data-progress", "")
        if shown != (want + "%" if want else "–"):
            problems.append(f"card {t.get('id')} shows {shown!r}, "
                            f"data-progress {want!r}")
    if len(p.progress_text) != len(p.targets):
        problems.append("a target card lacks its progress figure")
    for group in ("amount", "percent"):
        names = [t.get("data-indicator", "") for t in p.targets
                 if group in (t.get("class") or "").split()]
        named = [n for n in names if n]
        if named != sorted(named):
            problems.append(f"{group} targets not sorted by indicator")
    if targets and "svg" not in p.tags:
        problems.append("no SVG bar")
    for msg in problems[:30]:
        print(f"{page_path}: {msg}")
    if not problems:
        print(f"{page_path}: OK: {len(p.marks)} mentions highlighted, "
              f"{len(p.targets)} target bars, {len(set(indicators))} indicators")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
