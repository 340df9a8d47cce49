"""Lay an HTML page out in a real browser (headless Chromium) and report what a reader
would see broken: an id (``SH-001``, ``daily-opening``, a date) split across two lines,
a word of a column header split, or a cell whose content spills over its border.

Tests that use it are skipped when no Chromium is installed (``apt-get install
chromium``).
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

CHROMIUM = next((p for p in (shutil.which(n) for n in ("chromium", "chromium-browser",
                                                        "google-chrome")) if p), None)

_PROBE = r"""<script>
addEventListener('load', () => {
  const out = {broken: [], spilled: []};
  const lines = (node, start, end) => {
    const r = document.createRange(); r.setStart(node, start); r.setEnd(node, end);
    return new Set(Array.from(r.getClientRects()).map(x => Math.round(x.top))).size;
  };
  for (const cell of document.querySelectorAll('th, td')) {
    const words = cell.tagName === 'TH' ? /[\x21-\x7e]+/g
                                        : /[A-Za-z0-9]+(?:-[A-Za-z0-9]+)+/g;
    const walk = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let n = walk.nextNode(); n; n = walk.nextNode()) {
      for (const m of n.data.matchAll(words)) {
        if (lines(n, m.index, m.index + m[0].length) > 1) out.broken.push(m[0]);
      }
    }
    if (cell.scrollWidth > cell.clientWidth + 1) out.spilled.push(cell.textContent);
  }
  document.title = JSON.stringify(out);
});
</script>"""


def layout(page: str, folder: Path, width: int = 1123) -> dict[str, Any]:
    """``{"broken": [...], "spilled": [...]}`` of ``page`` shown ``width`` pixels wide
    (1123 px: A4 landscape at 96 dpi). The page's content security policy is lifted so
    the probe script may run; nothing else changes."""
    assert CHROMIUM is not None
    probed = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", page)
    probed = probed.replace("</body>", _PROBE + "</body>")
    path = folder / "probe.html"
    path.write_text(probed, encoding="utf-8")
    done = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         f"--user-data-dir={folder / 'chromium-profile'}", f"--window-size={width},800",
         "--virtual-time-budget=5000", "--dump-dom", path.as_uri()],
        capture_output=True, text=True, timeout=120, check=True)
    found = re.search(r"<title>(.*?)</title>", done.stdout, re.S)
    assert found, done.stdout[:500]
    return dict(json.loads(html.unescape(found.group(1))))
