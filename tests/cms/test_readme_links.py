"""README links only to files a clone of the repository has."""

from __future__ import annotations

import re
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]


def test_readme_links_point_inside_the_repository():
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    targets = re.findall(r"\]\(([^)#]+)\)", readme)
    assert "docs/API.md" in targets
    for target in targets:
        if re.match(r"https?://", target):
            continue
        assert (PROJECT / target).exists(), target
    assert "../shared" not in readme
    for mentioned in re.findall(r"`([\w./-]+\.md)`", readme):
        assert (PROJECT / mentioned).exists() or (PROJECT / "docs" / mentioned).exists(), mentioned
