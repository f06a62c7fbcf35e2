"""Puts one section into bench/RESULTS.md, leaving the others as they are: the section's
`## (x) …` heading names it; an existing section of that letter is replaced (up to the next
`## ` heading), a new one goes before the fault suite's `## (q)` (kept last) or at the end.
Used by bench/run.sh when BENCH_ONLY measures one section.

    python3 bench/splice_section.py RESULTS.md SECTION.md
"""

import os
import re
import sys


def splice(results: str, section: str) -> str:
    section = section.strip() + "\n"
    key = re.match(r"## \(([a-z]+)\)", section)
    if not key:
        raise SystemExit("the section does not start with a '## (x)' heading")
    lines = results.splitlines(keepends=True)
    heading = f"## ({key.group(1)})"
    start = next((i for i, l in enumerate(lines) if l.startswith(heading)), None)
    if start is None:
        at = next((i for i, l in enumerate(lines) if l.startswith("## (q)")), len(lines))
        before = "".join(lines[:at]).rstrip("\n") + "\n\n"
        after = "".join(lines[at:])
        return before + section + ("\n" + after if after else "")
    end = next(
        (i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines)
    )
    after = "".join(lines[end:])
    return "".join(lines[:start]) + section + ("\n" + after if after else "")


if __name__ == "__main__":
    results_path, section_path = sys.argv[1], sys.argv[2]
    results = open(results_path).read() if os.path.exists(results_path) else "# Benchmark results\n"
    with open(section_path) as f:
        section = f.read()
    with open(results_path, "w") as f:
        f.write(splice(results, section))
