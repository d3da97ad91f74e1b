#!/usr/bin/env python3
"""check-module-map.py - fails when docs/architecture.md's module table and a source root differ.

The table under "## core/src" (or "## server-stub/src": the heading is the root) in
docs/architecture.md has one row per module (folder of the root):
| `name/` | layer | owns | may include |. This check fails (exit status 1) when
- a folder of the root has no row, or a row names no folder;
- a module includes a header of a module its row does not list under "may include"
  (edges as scripts/check-include-cycles.py finds them);
- a row lets a module include one of the same or a higher layer.

Usage: scripts/check-module-map.py [DOC [ROOT]]   (default: docs/architecture.md core/src)
"""
import importlib.util
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROW = re.compile(r"^\|\s*`([\w-]+)/`\s*\|\s*(\d+)\s*\|[^|]*\|([^|]*)\|\s*$")
MODULE = re.compile(r"`([\w-]+)/`")


def load_edges(root):
    spec = importlib.util.spec_from_file_location(
        "include_cycles", os.path.join(HERE, "check-include-cycles.py"))
    checker = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(checker)
    return checker.edges_of(root)


def table_of(doc, heading="core/src"):
    """{module: (layer, {allowed modules})} from the rows under the "## <heading>" heading."""
    rows, inside = {}, False
    with open(doc, encoding="utf-8") as f:
        for line in f:
            if line.startswith("## "):
                inside = line.strip() == "## " + heading
                continue
            m = ROW.match(line) if inside else None
            if m:
                rows[m.group(1)] = (int(m.group(2)), set(MODULE.findall(m.group(3))))
    return rows


def main(argv):
    doc = argv[1] if len(argv) > 1 else "docs/architecture.md"
    root = os.path.normpath(argv[2] if len(argv) > 2 else "core/src")
    rows = table_of(doc, root)
    folders = {d for d in os.listdir(root) if os.path.isdir(os.path.join(root, d))}
    problems = []
    for name in sorted(folders - rows.keys()):
        problems.append(f"{root}/{name}/ has no row in {doc} (## {root})")
    for name in sorted(rows.keys() - folders):
        problems.append(f"{doc} lists `{name}/`, which is not a folder of {root}")
    for name, (layer, allowed) in sorted(rows.items()):
        for other in sorted(allowed):
            if other in rows and rows[other][0] >= layer:
                problems.append(f"{doc}: `{name}/` (layer {layer}) may include `{other}/`"
                                f" (layer {rows[other][0]}): includes must point down")
    for (src, dst), where in sorted(load_edges(root).items()):
        if src in rows and dst not in rows[src][1]:
            problems.append(f"{src} -> {dst} is not in {doc}: {where}")
    for p in problems:
        print(p)
    if problems:
        return 1
    print(f"module map: {doc} matches the {len(folders)} modules of {root}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
