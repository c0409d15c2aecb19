#!/usr/bin/env python3
"""A generated job season for bench/season.sh: N applications of 4 documents each (a letter,
the CV or its short variant, a research statement naming the institution, a teaching
statement), built from the example packet's CV and statements.

Writes into DIR: packet.toml (the season), letters/NAME.md, and for the same documents built
one by one: single/NAME-letter.toml (a letter file) and single/commands.txt (one cvtex build
command line per document, tab-separated arguments).

Usage: gen_season.py EXAMPLES_PACKET_DIR DIR N
"""
import os
import shutil
import sys

src, out, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
os.makedirs(os.path.join(out, "letters"), exist_ok=True)
os.makedirs(os.path.join(out, "single"), exist_ok=True)
for f in ("cv.toml", "research.toml", "research.md", "teaching.toml", "teaching.md"):
    shutil.copy(os.path.join(src, f), os.path.join(out, f))
# The CV's .bib beside it, not in the folder above.
shutil.copy(os.path.join(src, "..", "cheng-li.bib"), os.path.join(out, "cheng-li.bib"))
with open(os.path.join(out, "cv.toml")) as f:
    cv = f.read()
assert '"../cheng-li.bib"' in cv
with open(os.path.join(out, "cv.toml"), "w") as f:
    f.write(cv.replace('"../cheng-li.bib"', '"cheng-li.bib"'))

cities = ["Boston", "Austin", "Seattle", "Chicago", "Denver", "Atlanta", "Portland", "Madison"]
letter = {
    "subject": "Application for the position of {{position}}",
    "salutation": "Dear Members of the {{committee}},",
    "closing": "Sincerely,",
}
body = """I am writing to apply for the position of {{position}} at {{institution}}.

My research turns the performance of deep learning systems from folklore into evidence: I build
profilers, benchmarks and specifications that explain where time goes, from the model down to
the hardware. I would welcome the chance to work with colleagues in {{lab}}.

- a profiler that attributes time to layers and kernels;
- benchmarks that others reproduce.

I enclose my CV and my research and teaching statements. Thank you for your consideration.
"""

packet = ['cv = "cv.toml"', "", "[packet]", 'output = "applications"',
          'order = ["letter", "cv", "research", "teaching"]', "",
          "[packet.letter]"]
packet += [f'{k} = "{v}"' for k, v in letter.items()]
packet += ["", "[[packet.document]]", 'name = "research"', 'file = "research.toml"', "",
           "[[packet.document]]", 'name = "teaching"', 'file = "teaching.toml"', ""]
commands = []
for i in range(n):
    name = f"u{i:02d}"
    city = cities[i % len(cities)]
    v = {
        "institution": f"University of {city} {i}",
        "position": "Assistant Professor of Computer Science",
        "committee": "Faculty Search Committee",
        "lab": f"the Systems Laboratory {i}",
    }
    short = i % 3 == 0
    with open(os.path.join(out, "letters", name + ".md"), "w") as f:
        f.write(body)
    packet += ["[[application]]", f'name = "{name}"', f'institution = "{v["institution"]}"',
               f'position = "{v["position"]}"', f'committee = "{v["committee"]}"',
               f'deadline = "2027-01-{1 + i % 28:02d}"']
    if short:
        packet.append('variant = "short"')
    packet += [f'variables = {{ lab = "{v["lab"]}" }}',
               f'letter = {{ body_file = "letters/{name}.md" }}', "",
               "[application.recipient]", 'name = "Faculty Search Committee"',
               f'institution = "{v["institution"]}"', f'address = ["1 Main Street", "{city}"]', ""]
    # The same four documents, one cvtex build each.
    with open(os.path.join(out, "single", name + "-letter.toml"), "w") as f:
        f.write('cv = "../cv.toml"\n\n[letter]\n')
        for k, val in letter.items():
            f.write(f'{k} = "{val}"\n')
        f.write(f'body_file = "../letters/{name}.md"\n\n[letter.recipient]\n'
                f'name = "Faculty Search Committee"\ninstitution = "{v["institution"]}"\n'
                f'address = ["1 Main Street", "{city}"]\n')
    variables = [a for k, val in v.items() for a in ("--var", f"{k}={val}")]
    commands.append(["single/" + name + "-letter.toml", "-o", f"single/{name}-letter.pdf"]
                    + variables)
    commands.append(["cv.toml", "-o", f"single/{name}-cv.pdf"] + (["--variant", "short"] if short else []))
    commands.append(["research.toml", "-o", f"single/{name}-research.pdf",
                     "--var", f"institution={v['institution']}"])
    commands.append(["teaching.toml", "-o", f"single/{name}-teaching.pdf"])

with open(os.path.join(out, "packet.toml"), "w") as f:
    f.write("\n".join(packet))
with open(os.path.join(out, "single", "commands.txt"), "w") as f:
    for c in commands:
        f.write("\t".join(c) + "\n")
