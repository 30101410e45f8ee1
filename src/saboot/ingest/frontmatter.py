"""Front matter: ``key: value`` lines between two ``---`` lines at the top of
a text or Markdown report (title, outlet, published, author, url, language).

The front matter is metadata; the stored text is the body after it, so that
evidence offsets point into the report itself.
"""

from __future__ import annotations

import re

from saboot.model import ReportMeta

_FIELDS = {"title", "author", "outlet", "published", "language", "url"}
_BLOCK = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.DOTALL)


def split_front_matter(text: str) -> tuple[ReportMeta, str]:
    match = _BLOCK.match(text)
    if not match:
        return ReportMeta(), text
    values: dict[str, str] = {}
    for line in match.group(1).splitlines():
        key, sep, value = line.partition(":")
        key = key.strip().lower()
        if sep and key in _FIELDS and value.strip():
            values[key] = value.strip().strip("\"'")
    if not values:
        return ReportMeta(), text
    return ReportMeta(**values), text[match.end() :]
