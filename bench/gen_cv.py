#!/usr/bin/env python3
"""Generates a synthetic cvtex CV with N entries, for the front-end benchmarks.

Usage: gen_cv.py N > cv.toml

The entries cycle through every section kind so each code path is exercised; the output is
deterministic (no randomness), so the same N always gives the same file.
"""
import sys


def main() -> None:
    n = int(sys.argv[1])
    out = ['[settings]', 'date_style = "short"', '', '[person]',
           'name = "Bench Mark"', 'email = "bench@example.org"', 'github = "bench"', '']
    kinds = ["experience", "education", "publications", "dated"]
    per_section = 50
    made = 0
    section = 0
    while made < n:
        kind = kinds[section % len(kinds)]
        out += ['[[section]]', f'title = "Section {section} ({kind})"', f'kind = "{kind}"', '']
        for i in range(min(per_section, n - made)):
            year = 1990 + (made + i) % 35
            if kind == "experience":
                out += ['[[section.entry]]', f'organization = "Organisation {made + i} & Co."',
                        'position = "Senior *Researcher*"', 'location = "Bellevue, WA"',
                        f'start = "{year}-05"', f'end = "{year + 1}-08"',
                        'highlights = ["Analyzed **latency** of models (50% faster).", '
                        '"Built tools_for users; see [docs](https://example.org/a_b)."]', '']
            elif kind == "education":
                out += ['[[section.entry]]', f'institution = "University {made + i}"',
                        'degree = "Ph.D."', 'area = "Computer Science"', f'date = "{year}-08"',
                        'gpa = "3.95/4.0"', 'thesis = "Performance of Deep Learning Inference"', '']
            elif kind == "publications":
                out += ['[[section.entry]]', f'title = "Paper number {made + i}: a study"',
                        'authors = ["Bench Mark", "Abdul Dakkak", "Wen-Mei Hwu"]',
                        'equal = ["Bench Mark", "Abdul Dakkak"]', 'venue = "IPDPS"',
                        f'date = {year}', 'award = "Best Paper"', '']
            else:
                out += ['[[section.entry]]', f'title = "Award {made + i}"', f'date = "{year}-03"',
                        'details = "One of three, out of 400."', '']
        made += min(per_section, n - made)
        section += 1
    sys.stdout.write("\n".join(out))


if __name__ == "__main__":
    main()
