"""The methodology for the report's readers, and the developer document ``roi/methodology.md``.

:func:`page` writes the full methodology page that sits beside every report
(:data:`PAGE`), in the report's language: the text of ``templates/roi/methodology.<lang>.md``
(Spanish and English, written for readers: no source files or functions) and the table of
the indicators with the targets, floors and weights in force (``roi.index.catalogue``).

The developer document ``roi/methodology.md``:

The appendix shows, for each family and for the index, the section of
``roi/methodology.md`` (package data, so an installed package carries it) that defines
it, so that the document and the report cannot
drift apart. The Markdown is converted by a deliberately small converter: everything is
HTML-escaped first, then paragraphs, lists, headings, tables, code (indented, fenced and
inline), bold and italics are rendered; links keep their text only (a self-contained report
links to no other server). Should the file be missing, :func:`methodology_sections`
returns an empty mapping and the appendix shows the catalogue alone.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

__all__ = ["PAGE", "SECTION_TITLES", "doc_path", "markdown_to_html", "methodology_sections", "page", "reader_text",
           "split_sections"]

#: The file name of the methodology page beside each report (the report links to it).
PAGE = "methodology.html"
_READER = Path(__file__).resolve().parent / "templates" / "roi"

#: The level-2 heading of ``roi/methodology.md`` where each part of the appendix starts.
SECTION_TITLES = {"speed": "Response speed", "empathy": "Empathy", "satisfaction": "Satisfaction",
                  "transparency": "Transparency", "index": "The Intangible ROI Index"}


def doc_path() -> Path | None:
    """``roi/methodology.md``, or None if the installation lacks it."""
    path = Path(__file__).resolve().parents[1] / "methodology.md"
    return path if path.is_file() else None


def split_sections(markdown: str, level: int = 2) -> dict[str, str]:
    """``{heading text: body}`` of every heading of ``level`` (bodies run to the next heading of that level or above)."""
    sections: dict[str, str] = {}
    title, body = None, []
    in_fence = False
    for line in markdown.splitlines():
        if line.lstrip().startswith("```"):
            in_fence = not in_fence
        match = None if in_fence else re.match(r"^(#{1,6})\s+(.*?)\s*#*\s*$", line)
        if match and len(match.group(1)) <= level:
            if title is not None:
                sections[title] = "\n".join(body).strip("\n")
            title, body = (match.group(2), []) if len(match.group(1)) == level else (None, [])
            continue
        if title is not None:
            body.append(line)
    if title is not None:
        sections[title] = "\n".join(body).strip("\n")
    return sections


def methodology_sections(path: Path | None = None) -> dict[str, tuple[str, str]]:
    """``{"speed": (heading, markdown body), ...}`` from ``roi/methodology.md``; empty without the file."""
    path = path or doc_path()
    if path is None or not Path(path).is_file():
        return {}
    sections = split_sections(Path(path).read_text(encoding="utf-8"))
    found = {}
    for key, prefix in SECTION_TITLES.items():
        for heading, body in sections.items():
            if heading.startswith(prefix):
                found[key] = (heading, body)
                break
    return found


def _inline(text: str) -> str:
    parts = re.split(r"(`[^`]*`)", text)
    out = []
    for part in parts:
        if len(part) >= 2 and part.startswith("`") and part.endswith("`"):
            out.append(f"<code>{html.escape(part[1:-1])}</code>")
            continue
        part = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", part)  # links: text only
        part = html.escape(part)
        part = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", part)
        part = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"<em>\1</em>", part)
        out.append(part)
    return "".join(out)


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


def _table(lines: list[str]) -> str:
    head, rows = _cells(lines[0]), [_cells(x) for x in lines[1:] if not re.fullmatch(r"[\s|:-]+", x)]
    thead = "".join(f'<th scope="col">{_inline(c)}</th>' for c in head)
    body = "".join("<tr>" + "".join(f"<td>{_inline(c)}</td>" for c in row) + "</tr>" for row in rows)
    return f'<table class="roi-table"><thead><tr>{thead}</tr></thead><tbody>{body}</tbody></table>'


_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")


def markdown_to_html(markdown: str, *, heading_offset: int = 1) -> str:
    """A safe HTML rendering of a limited Markdown subset (see the module docstring).

    Headings move down by ``heading_offset`` levels (``###`` -> ``<h4>`` by default).
    """
    lines = markdown.splitlines()
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            i += 1
        elif line.lstrip().startswith("```"):
            j = i + 1
            while j < len(lines) and not lines[j].lstrip().startswith("```"):
                j += 1
            out.append(f"<pre><code>{html.escape(chr(10).join(lines[i + 1:j]))}</code></pre>")
            i = j + 1
        elif m := re.match(r"^(#{1,6})\s+(.*?)\s*#*\s*$", line):
            level = min(len(m.group(1)) + heading_offset, 6)
            out.append(f"<h{level}>{_inline(m.group(2))}</h{level}>")
            i += 1
        elif line.startswith("    ") or line.startswith("\t"):
            j = i
            while j < len(lines) and (lines[j].startswith("    ") or lines[j].startswith("\t") or not lines[j].strip()):
                j += 1
            block = "\n".join(x[4:] if x.startswith("    ") else x.lstrip("\t") for x in lines[i:j]).strip("\n")
            out.append(f"<pre><code>{html.escape(block)}</code></pre>")
            i = j
        elif line.lstrip().startswith("|"):
            j = i
            while j < len(lines) and lines[j].lstrip().startswith("|"):
                j += 1
            out.append(_table(lines[i:j]))
            i = j
        elif _ITEM.match(line):
            ordered = bool(re.match(r"^\s*\d", line))
            items: list[str] = []
            j = i
            while j < len(lines) and lines[j].strip():
                if _ITEM.match(lines[j]):
                    items.append(_ITEM.sub("", lines[j]).strip())
                else:
                    items[-1] += " " + lines[j].strip()
                j += 1
            tag = "ol" if ordered else "ul"
            out.append(f"<{tag}>" + "".join(f"<li>{_inline(x)}</li>" for x in items) + f"</{tag}>")
            i = j
        else:
            j = i
            while (j < len(lines) and lines[j].strip() and not lines[j].startswith("    ")
                   and not re.match(r"^(#{1,6}\s|\||```)", lines[j].lstrip()) and not (j > i and _ITEM.match(lines[j]))):
                j += 1
            j = max(j, i + 1)
            out.append(f"<p>{_inline(' '.join(x.strip() for x in lines[i:j]))}</p>")
            i = j
    return "\n".join(out)


def reader_text(lang: str) -> str:
    """The readers' methodology in ``lang`` (Markdown)."""
    return (_READER / f"methodology.{lang}.md").read_text(encoding="utf-8")


#: The methodology page's style: readable on a phone (the table scrolls inside its box), A4 when printed.
_STYLE = ("body{font-family:system-ui,'Segoe UI',Roboto,Arial,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a;"
          "max-width:48rem;margin:0 auto;padding:1rem}h1{font-size:1.8rem}h2{font-size:1.35rem;margin-top:2rem;"
          "border-bottom:2px solid #0072B2}a{color:#0056a3}.roi-table-wrap{overflow-x:auto}"
          "table{border-collapse:collapse;margin:.8rem 0;font-size:.95rem}caption{text-align:left;font-weight:600}"
          "th,td{border:1px solid #c8c8c8;padding:.3rem .5rem;text-align:left;vertical-align:top}"
          "thead th{background:#eef3f8}tbody th{font-weight:normal}"
          "@page{size:A4;margin:15mm}@media print{body{max-width:none;padding:0;font-size:11pt}a{color:#1a1a1a}"
          "tr,li{break-inside:avoid}h2{break-after:avoid}}")


def page(config, lang: str) -> str:
    """The full methodology page (self-contained HTML) in ``lang``, with the catalogue in force under ``config``."""
    import pandas as pd

    from roi.index import catalogue
    from roi.report import charts
    from roi.report.labels import indicator_label, indicator_value
    from roi.report.texts import text

    cat = catalogue(config)
    table = pd.DataFrame({
        text("indicator", lang): [indicator_label(n, lang) for n in cat["indicator"]],
        text("family", lang): [text("families", lang)[f] for f in cat["family"]],
        text("direction", lang): [text(d, lang) for d in cat["direction"]],
        text("target", lang): [indicator_value(n, v, lang) for n, v in zip(cat["indicator"], cat["target"], strict=True)],
        text("floor", lang): [indicator_value(n, v, lang) for n, v in zip(cat["indicator"], cat["floor"], strict=True)],
        text("family_weight", lang): [_weight_text(w, lang) for w in cat["family_weight"]],
    })
    body = markdown_to_html(reader_text(lang), heading_offset=0)
    title = text("methodology_page", lang)
    return (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><meta name="viewport" '
            f'content="width=device-width, initial-scale=1"><title>{html.escape(title)}</title>'
            f"<style>{_STYLE}</style></head><body><main>"
            f'<p><a href="report.html">{html.escape(text("back_link", lang))}</a></p>{body}'
            f"<h2>{html.escape(text('catalogue', lang))}</h2>"
            + charts.html_table(table, text("catalogue", lang), stack=False) + "</main></body></html>\n")


def _weight_text(value, lang: str) -> str:
    from roi.report.formatting import number

    return number(value, lang, 2 if float(value) % 1 else 0)
