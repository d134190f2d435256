#!/usr/bin/env python3
# Copyright 2026 Crossborder Ops
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Write each addon's README.rst from its manifest and readme/ fragments.

OCA's ``oca-gen-addon-readme`` does this in OCA repositories; it is not on
PyPI, so this small stand-in keeps the same layout: title, summary, badges
line, then the fragments in a fixed order. Run by pre-commit; exits 1 when
it changed a file, like a fixer.
"""

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SECTIONS = [
    ("DESCRIPTION", None),
    ("CONTEXT", "Context"),
    ("INSTALL", "Installation"),
    ("CONFIGURE", "Configuration"),
    ("USAGE", "Usage"),
    ("ROADMAP", "Known issues / Roadmap"),
    ("HISTORY", "Changelog"),
    ("CONTRIBUTORS", "Contributors"),
]


def md_to_rst(text):
    """The fragments use a small Markdown subset that maps line by line."""
    out = []
    for line in text.strip().splitlines():
        stripped = line.lstrip()
        if stripped.startswith("#"):
            title = stripped.lstrip("#").strip()
            out.extend([title, "~" * len(title)])
            continue
        out.append(line.replace("`", "``").replace("````", "``"))
    return "\n".join(out)


def render(addon):
    manifest = ast.literal_eval((addon / "__manifest__.py").read_text())
    name = manifest["name"]
    lines = [
        "=" * len(name),
        name,
        "=" * len(name),
        "",
        manifest.get("summary", ""),
        "",
        f"**Version** {manifest['version']} · **License** {manifest['license']} · "
        f"**Status** {manifest.get('development_status', 'Beta')}",
        "",
        ".. contents::",
        "   :local:",
        "",
    ]
    for fragment, title in SECTIONS:
        path = addon / "readme" / f"{fragment}.md"
        if not path.exists():
            continue
        if title:
            lines.extend([title, "=" * len(title), ""])
        lines.extend([md_to_rst(path.read_text()), ""])
    lines.extend(
        [
            "Maintainers",
            "===========",
            "",
            "This module is maintained by " + ", ".join(manifest.get("maintainers", [])) + ".",
            "",
            f"Source: {manifest.get('website', '')}",
            "",
        ]
    )
    return "\n".join(lines)


def main():
    changed = False
    for manifest in sorted(ROOT.glob("*/__manifest__.py")):
        addon = manifest.parent
        target = addon / "README.rst"
        text = render(addon)
        if not target.exists() or target.read_text() != text:
            target.write_text(text)
            print(f"wrote {target.relative_to(ROOT)}")
            changed = True
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main())
