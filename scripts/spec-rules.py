#!/usr/bin/env python3
"""Regenerates docs/spec-rules.txt: the names of the specification's reduction rules
(and of the module-level definitions of instantiation and invocation) that
docs/semantics.md indexes, grouped by the section of the specification document that
presents them.

It reads a git clone of WebAssembly/spec (no work tree needed):

    python3 scripts/spec-rules.py [SPEC_REPO [COMMIT]] > docs/spec-rules.txt

SPEC_REPO defaults to /work/.mirror/WebAssembly+spec/repo, COMMIT to 285a903 (the commit
spectests/ pins). Only names are taken from the specification, never its prose.

Where the names come from:
- every `rule` of specification/wasm-3.0/4.3-execution.instructions.spectec;
- the `def`s that document/core/exec/modules.rst splices into its "Instantiation" and
  "Invocation" sections, checked against 4.4-execution.modules.spectec. (Allocation,
  the instances' constructors, lies outside the index.)

Where a rule's section comes from: the `~~~` subsection of document/core/exec/
instructions.rst whose `$${rule: ...}` or `$${rule-prose: ...}` splice first names it
(`*` in a splice matches any suffix). Section numbers are counted from the toctrees of
document/core/index.rst and document/core/exec/index.rst. A rule no splice names is
placed as follows: the structural rules (`Step/pure`, `Step/read`, `Steps/*`,
`Step/ctxt-*`) under "Structural", the trap propagation rules (`Step_pure/trap-*`,
which the document only describes in its section on administrative instructions)
under "Traps", and any other with the rule before it in the .spectec file (a note on
standard error says which).
"""

import fnmatch
import re
import subprocess
import sys

SPEC = "specification/wasm-3.0"
DOC = "document/core"


def show(repo, commit, path):
    return subprocess.run(
        ["git", "-C", repo, "show", f"{commit}:{path}"],
        check=True, capture_output=True, text=True).stdout


def toctree(text):
    """The entries of the first toctree of an index.rst, in order."""
    entries, inside = [], False
    for line in text.splitlines():
        if line.strip().startswith(".. toctree::"):
            inside = True
            continue
        if inside:
            s = line.strip()
            if not s or s.startswith(":"):
                if entries and not s:
                    break
                continue
            if not line.startswith(" "):
                break
            entries.append(s)
    return entries


def subsections(text, underline):
    """(title, body lines) of each section underlined with `underline` characters."""
    lines = text.splitlines()
    sections, current = [], None
    for i, line in enumerate(lines):
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if line.strip() and re.fullmatch(re.escape(underline) + "{3,}", nxt) and len(nxt) >= len(line.rstrip()):
            current = (line.strip(), [])
            sections.append(current)
        elif current is not None:
            current[1].append(line)
    return sections


def splices(lines, kinds):
    """The names of `$${kind: ...}` splices in order, braces removed."""
    names = []
    for line in lines:
        for m in re.finditer(r"\$\$\{(" + "|".join(kinds) + r"):\s*([^}]*?)\}*\s*\}", line):
            names.extend(m.group(2).replace("{", " ").split())
    return names


STRUCTURAL = re.compile(r"^(Step/pure|Step/read|Steps/.*|Step/ctxt-.*)$")
TRAPS = re.compile(r"^Step_pure/trap-.*$")


def main():
    repo = sys.argv[1] if len(sys.argv) > 1 else "/work/.mirror/WebAssembly+spec/repo"
    commit = sys.argv[2] if len(sys.argv) > 2 else "285a903"
    full = subprocess.run(["git", "-C", repo, "rev-parse", "--short=7", commit],
                          check=True, capture_output=True, text=True).stdout.strip()

    chapter = 1 + toctree(show(repo, commit, f"{DOC}/index.rst")).index("exec/index")
    exec_toc = toctree(show(repo, commit, f"{DOC}/exec/index.rst"))
    instr_no = f"{chapter}.{1 + exec_toc.index('instructions')}"
    module_no = f"{chapter}.{1 + exec_toc.index('modules')}"

    spectec = show(repo, commit, f"{SPEC}/4.3-execution.instructions.spectec")
    rules = [m.group(1) for m in re.finditer(r"^rule\s+([^\s:]+)\s*:", spectec, re.M)]
    if len(rules) != len(set(rules)):
        sys.exit("duplicate rule names in the .spectec file")

    # The section of each rule, from the document's splices.
    sections = subsections(show(repo, commit, f"{DOC}/exec/instructions.rst"), "~")
    titles = [f"{instr_no}.{k + 1} {title}" for k, (title, _) in enumerate(sections)]
    place = {}
    for title, (_, body) in zip(titles, sections):
        for pattern in splices(body, ["rule", "rule-prose"]):
            for r in rules:
                if r not in place and fnmatch.fnmatchcase(r, pattern):
                    place[r] = title
    previous = None
    for r in rules:
        if r not in place:
            if STRUCTURAL.match(r):
                place[r] = "Structural"
            elif TRAPS.match(r):
                place[r] = "Traps"
            elif previous is not None and previous not in ("Structural", "Traps"):
                place[r] = previous
                print(f"note: {r} is named by no splice; placed with the rule before it in {previous}",
                      file=sys.stderr)
            else:
                sys.exit(f"cannot place {r}")
        previous = place[r]

    # The module-level definitions of instantiation and invocation.
    defs = set(re.findall(r"^def\s+\$([A-Za-z0-9_]+)", show(repo, commit, f"{SPEC}/4.4-execution.modules.spectec"), re.M))
    module_sections = []
    for k, (title, body) in enumerate(subsections(show(repo, commit, f"{DOC}/exec/modules.rst"), "~")):
        if title == "Allocation":
            continue
        names = []
        for d in splices(body, ["definition"]):
            if d not in defs:
                sys.exit(f"modules.rst splices ${d}, which 4.4-execution.modules.spectec does not define")
            if f"${d}" not in names:
                names.append(f"${d}")
        module_sections.append((f"{module_no}.{k + 1} {title}", names))

    out = [
        "# The names of the WebAssembly 3.0 specification's reduction rules of instructions, and",
        "# of its module-level definitions of instantiation and invocation, that",
        "# docs/semantics.md indexes: identifiers only, one a line, under `## section` lines.",
        f"# From WebAssembly/spec commit {full}: the `rule`s of",
        f"# {SPEC}/4.3-execution.instructions.spectec (in its order), placed in the",
        f"# sections of {DOC}/exec/instructions.rst that splice them, and the `def`s that",
        f"# {DOC}/exec/modules.rst splices into Instantiation and Invocation.",
        "# \"Structural\" rules are realised by the evaluator's design, not by one function;",
        "# \"Traps\" are the trap propagation rules, which the document presents in no subsection.",
        "# Regenerate: python3 scripts/spec-rules.py SPEC_REPO [COMMIT] > docs/spec-rules.txt",
    ]
    order = ["Structural"] + titles + ["Traps"]
    for title in order:
        names = [r for r in rules if place[r] == title]
        if names:
            out += ["", f"## {title}"] + names
    for title, names in module_sections:
        out += ["", f"## {title}"] + names
    print("\n".join(out))


if __name__ == "__main__":
    main()
