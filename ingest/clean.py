"""Strip page furniture from scraped article text before NLP.

`clean_text` removes bylines, share/reaction widgets ("Like Love Haha Wow Sad Angry"),
"Related Posts"/"Read more" blocks, cookie and subscription prompts, and normalises
whitespace. It is idempotent: ``clean_text(clean_text(t)) == clean_text(t)``.
Only whole lines (or a trailing run of furniture) are removed, never words inside a
sentence, so that character offsets of the remaining sentences stay meaningful.
"""
from __future__ import annotations

import re

# A whole line that is page furniture.
_FURNITURE_LINE = re.compile(
    r"""^\s*(?:
        (?:like|love|haha|wow|sad|angry|share|tweet|email|e-mail|print|pin|whatsapp|facebook|twitter|linkedin|reddit)
            (?:[\s,|/·•]+(?:like|love|haha|wow|sad|angry|share|tweet|email|e-mail|print|pin|whatsapp|facebook|twitter|linkedin|reddit))*
      | share\s+(?:this|on)\b.*
      | (?:related|recommended|popular|more)\s+(?:posts?|articles?|stories|news|on\s+this\s+story)\b.*
      | (?:read|see)\s+(?:more|also)\s*:?.*
      | advertisement | sponsored(?:\s+content)? | subscribe\b.* | sign\s+up\b.*newsletter.*
      | (?:image|photo|picture)\s+(?:copyright|caption|credit)\b.*
      | (?:by|words\s+by|written\s+by)\s+[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3}(?:\s*[,|]\s*.{0,60})?
      | (?:posted|published|updated|last\s+updated)\s*(?:on|at|:)?\s*\d.{0,60}
      | \d+\s+comments?
      | (?:accept|we\s+use)\s+cookies\b.*
      | tags?\s*:.*
    )\s*$""",
    re.IGNORECASE | re.VERBOSE,
)
# Furniture glued to the end of the text without a newline ("... Related Posts").
_TRAILING = re.compile(
    r"(?:\s*(?:Like Love Haha Wow Sad Angry|Related Posts|Related Articles|Share this(?: article)?|Read more))+\s*$",
    re.IGNORECASE,
)


def clean_text(text: str) -> str:
    """Return `text` without bylines, share widgets, related-post blocks and similar furniture."""
    if not text:
        return ""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    prev = None
    while prev != text:
        prev = text
        text = _TRAILING.sub("", text)
    lines = []
    for line in text.split("\n"):
        if _FURNITURE_LINE.match(line):
            continue
        lines.append(line.rstrip())
    out = "\n".join(lines)
    out = re.sub(r"\n{3,}", "\n\n", out)
    return out.strip()
