"""The guides for users list every parameter of the law packs with each version's date and act, as the packs
hold them: docs/benefits.md for benefits.toml, docs/contributions.md for base.toml and contributions.toml."""

from pathlib import Path

import pytest

from ansinh.policy.services import PACKS_DIR, read_pack

DOCS = Path(__file__).resolve().parents[3] / "docs"
GUIDES = {"benefits": "benefits.md", "base": "contributions.md", "contributions": "contributions.md"}


def _rows(guide: str) -> dict[str, str]:
    text = (DOCS / guide).read_text(encoding="utf-8")
    return {line.split("`")[1]: line for line in text.splitlines() if line.startswith("| `")}


@pytest.mark.parametrize("pack", sorted(GUIDES))
def test_every_version_of_every_parameter_is_in_its_guide_with_its_act(pack):
    rows = _rows(GUIDES[pack])
    missing = []
    for version in read_pack(PACKS_DIR / f"{pack}.toml"):
        entry = f"{version['valid_from']}: {version['source'].replace('|', '/')}"
        if entry not in rows.get(version["key"], ""):
            missing.append(f"{version['key']} {entry}")
    assert not missing, f"{GUIDES[pack]} does not list: {missing}"
