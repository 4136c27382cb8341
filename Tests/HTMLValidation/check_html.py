#!/usr/bin/env python3
"""Open the HTML report of every example exam in headless Chromium and check what a printed report must show.

For each exam in Tests/Examples/ and Tests/Examples/clinical/ (and the follow-up example with its prior and the
facility file), `dxa report --format html` is written to a temporary folder, then Chromium:
  - loads it (--dump-dom): the document parses, with every chart and the physician's section;
  - prints it to PDF on Letter (the page's own size) and on A4; poppler's pdftotext reads the PDFs back and checks
    that every page carries the patient's name, ID, exam date and "Page n of N", and that chart text prints at
    7 pt or more (the smallest SVG font size times the printed scale, measured from the 10-year age ticks, which
    are 50 viewBox units apart).
With --screenshot FILE it also saves a PNG of the follow-up example's first screen (the README shows it).

Needs: chromium and poppler-utils (Debian: apt-get install -y chromium poppler-utils) and a built dxa
(`swift build`; or DXA=/path/to/dxa). Exit 0 when every check passes, 1 when one fails, 2 when a tool is missing.
Usage: python3 Tests/HTMLValidation/check_html.py [--screenshot PATH] [--keep DIR]
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "Tests" / "Examples"
AS_OF = "2026-01-01"
MINIMUM_CHART_POINTS = 7.0
# 10-year age ticks on the BMD-versus-age charts are 50 viewBox units apart (see SiteChart+SVG.swift).
UNITS_PER_AGE_TICK = 50.0


def tool(name):
    path = shutil.which(name)
    if path is None:
        print(f"missing: {name} (Debian: apt-get install -y chromium poppler-utils)", file=sys.stderr)
        sys.exit(2)
    return path


def chromium(*arguments):
    command = [tool("chromium"), "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"]
    return subprocess.run(command + list(arguments), capture_output=True, text=True, timeout=120)


def exams():
    """(name, dxa arguments) for every example exam."""
    cases = []
    for path in sorted(EXAMPLES.glob("*.json")) + sorted((EXAMPLES / "clinical").glob("*.json")):
        if path.name in ("facility.json", "expectations.json"):
            continue
        cases.append((path.stem, [str(path)]))
    follow_up = [str(EXAMPLES / "exam-follow-up.json"), "--prior", str(EXAMPLES / "exam-baseline.json"),
                 "--facility", str(EXAMPLES / "facility.json")]
    cases.append(("exam-follow-up-with-prior", follow_up))
    return cases


def patient(html):
    """The name and ID as the page's header margin box shows them, and the exam date."""
    who = re.search(r'@top-left \{ content: "([^"]*)"', html).group(1)
    date = re.search(r'exam (\d{4}-\d{2}-\d{2})"', html).group(1)
    return who, date


def words(bbox_html):
    """Per page: the words with their boxes, from `pdftotext -bbox`."""
    pages = []
    for page in bbox_html.split("<page ")[1:]:
        found = re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', page)
        pages.append([(float(a), float(b), float(c), float(d), text) for a, b, c, d, text in found])
    return pages


def points_per_unit(page_words):
    """The chart scale on a page (PDF points per viewBox unit), from two neighbouring 10-year age ticks on one
    baseline; None when the page has no age axis."""
    rows = {}
    for x_min, y_min, x_max, _, text in page_words:
        if re.fullmatch(r"\d0", text):
            rows.setdefault(round(y_min, 1), []).append(((x_min + x_max) / 2, int(text)))
    spacings = []
    for ticks in rows.values():
        ticks.sort()
        for (x1, age1), (x2, age2) in zip(ticks, ticks[1:]):
            if age2 - age1 == 10 and 5 < x2 - x1 < 80:
                spacings.append(x2 - x1)
    return min(spacings) / UNITS_PER_AGE_TICK if spacings else None


def check(name, arguments, dxa, folder, failures):
    html_path = folder / f"{name}.html"
    run = subprocess.run([dxa, "report"] + arguments + ["--as-of", AS_OF, "--format", "html", "-o", str(html_path)],
                         capture_output=True, text=True)
    if run.returncode != 0:
        failures.append(f"{name}: dxa report failed: {run.stderr.strip()}")
        return None
    html = html_path.read_text(encoding="utf-8")
    # Loaded by Chromium: the DOM has the report's parts and as many charts as the file.
    dom = chromium("--dump-dom", html_path.as_uri()).stdout
    for part in ('<main class="page">', 'id="physician"', "</html>"):
        if part not in dom:
            failures.append(f"{name}: Chromium's DOM lacks {part}")
    if dom.count("<svg") != html.count("<svg"):
        failures.append(f"{name}: {html.count('<svg')} charts in the file, {dom.count('<svg')} in Chromium's DOM")
    who, date = patient(html)
    fonts = [float(size) for svg in re.findall(r"<svg.*?</svg>", html, re.S)
             for size in re.findall(r'font-size="([\d.]+)"', svg)]
    smallest_font = min(fonts) if fonts else None
    summary = {"name": name}
    for paper in ("Letter", "A4"):
        source = html_path
        if paper == "A4":
            source = folder / f"{name}-a4.html"
            source.write_text(html.replace("</head>", "<style>@page { size: A4; }</style>\n</head>"), encoding="utf-8")
        pdf = folder / f"{name}-{paper}.pdf"
        chromium("--no-pdf-header-footer", f"--print-to-pdf={pdf}", source.as_uri())
        if not pdf.exists():
            failures.append(f"{name}: Chromium printed no PDF on {paper}")
            continue
        info = subprocess.run([tool("pdfinfo"), str(pdf)], capture_output=True, text=True).stdout
        pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
        bbox = subprocess.run([tool("pdftotext"), "-bbox", str(pdf), "-"], capture_output=True, text=True).stdout
        per_page = words(bbox)
        for number, page_words in enumerate(per_page, 1):
            text = " ".join(word[4] for word in page_words)
            for expected in (who, f"exam {date}", f"Page {number} of {pages}"):
                if " ".join(expected.split()) not in text:
                    failures.append(f"{name} ({paper}): page {number} lacks '{expected}'")
        scales = [scale for scale in map(points_per_unit, per_page) if scale is not None]
        chart_points = None
        if smallest_font is not None:
            if not scales:
                failures.append(f"{name} ({paper}): charts in the file, but no age axis found in the PDF")
            else:
                chart_points = smallest_font * min(scales)
                if chart_points < MINIMUM_CHART_POINTS:
                    failures.append(f"{name} ({paper}): chart text prints at {chart_points:.2f} pt, under 7 pt")
        summary[paper] = (pages, chart_points)
    return summary


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--screenshot", help="save a PNG of the follow-up example here")
    parser.add_argument("--keep", help="write the HTML and PDFs here instead of a temporary folder")
    options = parser.parse_args()
    tool("chromium")
    tool("pdftotext")
    dxa = os.environ.get("DXA") or str(ROOT / ".build" / "debug" / "dxa")
    if not Path(dxa).exists():
        print(f"missing: {dxa} (run 'swift build' first, or set DXA)", file=sys.stderr)
        return 2
    version = chromium("--version").stdout.strip() or subprocess.run(
        [tool("chromium"), "--version"], capture_output=True, text=True).stdout.strip()
    print(f"{version}; dxa {subprocess.run([dxa, '--version'], capture_output=True, text=True).stdout.strip()}")
    failures = []
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(options.keep or temporary)
        folder.mkdir(parents=True, exist_ok=True)
        print(f"{'exam':44} {'Letter':>16} {'A4':>16}")
        for name, arguments in exams():
            summary = check(name, arguments, dxa, folder, failures)
            if summary is None:
                continue
            cells = []
            for paper in ("Letter", "A4"):
                pages, points = summary.get(paper, (0, None))
                cells.append(f"{pages} p, " + (f"{points:.2f} pt" if points else "no chart"))
            print(f"{name:44} {cells[0]:>16} {cells[1]:>16}")
        if options.screenshot:
            source = folder / "exam-follow-up-with-prior.html"
            chromium("--window-size=900,1250", f"--screenshot={Path(options.screenshot).resolve()}", source.as_uri())
            print(f"screenshot: {options.screenshot}")
    for failure in failures:
        print(f"FAIL {failure}", file=sys.stderr)
    print("all checks passed" if not failures else f"{len(failures)} checks failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
