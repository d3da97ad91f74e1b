#!/usr/bin/env python3
"""check-include-cycles.py - fails when modules include each other in a circle.

A module is a folder under core/src or server-stub/src (files directly in such a root form
the module "."). Each `#include "a/b.h"` (resolved against the root or the including file's
folder) is an edge from the including file's module to the header's module. Any strongly
connected component of two or more modules is a cycle: printed with one include line per edge
that makes it, and the exit status is 1.

Usage: scripts/check-include-cycles.py [ROOT ...]   (default: core/src server-stub/src)
"""
import os
import re
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"')


def module_of(root, path):
    rel = os.path.relpath(path, root)
    parts = rel.split(os.sep)
    return parts[0] if len(parts) > 1 else "."


def edges_of(root):
    edges = {}  # (from, to) -> first "file:line: include"
    for folder, _, files in os.walk(root):
        for name in sorted(files):
            if not name.endswith((".c", ".h")):
                continue
            path = os.path.join(folder, name)
            src = module_of(root, path)
            with open(path, encoding="utf-8") as f:
                for number, line in enumerate(f, 1):
                    m = INCLUDE.match(line)
                    if not m:
                        continue
                    target = None
                    for base in (folder, root):
                        candidate = os.path.normpath(os.path.join(base, m.group(1)))
                        if os.path.isfile(candidate) and candidate.startswith(root):
                            target = candidate
                            break
                    if target is None:
                        continue  # a public or system header
                    dst = module_of(root, target)
                    if dst != src:
                        edges.setdefault((src, dst), f"{path}:{number}: {line.strip()}")
    return edges


def cycles(nodes, edges):
    """Tarjan's strongly connected components of size > 1."""
    graph = {n: sorted(b for (a, b) in edges if a == n) for n in nodes}
    index, low, stack, on_stack, result = {}, {}, [], set(), []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                result.append(sorted(component))

    for n in sorted(nodes):
        if n not in index:
            visit(n)
    return result


def main(argv):
    roots = argv[1:] or ["core/src", "server-stub/src"]
    failed = False
    for root in roots:
        root = os.path.normpath(root)
        edges = edges_of(root)
        nodes = {a for a, _ in edges} | {b for _, b in edges}
        found = cycles(nodes, edges)
        if not found:
            print(f"include cycles: none among the {len(nodes)} modules of {root}")
            continue
        failed = True
        for component in found:
            print(f"include cycle in {root}: {' <-> '.join(component)}")
            for (a, b), where in sorted(edges.items()):
                if a in component and b in component:
                    print(f"  {a} -> {b}  ({where})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
