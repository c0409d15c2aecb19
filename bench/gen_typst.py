#!/usr/bin/env python3
"""The content of a cvtex CV (TOML) as a Typst document of the same shape, for
bench/peer-typst.sh: a centred header (name, contact line), section headings with a rule,
entries with a bold first line, dates flush right, details in italics, bullet lists, the
publication list numbered with the owner in bold. Only what the reference CV uses.

Usage: gen_typst.py CV.toml > cv.typ
"""
import sys
import tomllib


def esc(s):
    s = str(s)
    for ch in "\\#$*_`@<>[]~\"":
        s = s.replace(ch, "\\" + ch)
    return s


def when(e):
    if "date" in e:
        return esc(e["date"])
    start, end = e.get("start", ""), e.get("end", "")
    return esc(f"{start} – {end}") if start or end else ""


cv = tomllib.load(open(sys.argv[1], "rb"))
p = cv["person"]
owner = p["name"]
out = ['#set page(paper: "us-letter", margin: (x: 0.75in, y: 0.7in))',
       '#set text(font: "New Computer Modern", size: 10.5pt)',
       "#set par(justify: true)",
       '#show heading: it => block(above: 1.1em, below: 0.6em)[#text(size: 12pt, weight: "bold", it.body) #v(-0.8em) #line(length: 100%, stroke: 0.5pt)]',
       "#let entry(left, right, sub: none) = block(above: 0.8em, below: 0.3em)[#grid(columns: (1fr, auto), [*#left*], [#right]) #if sub != none [#emph(sub)]]",
       "",
       f"#align(center)[#text(size: 22pt)[{esc(owner)}]]",
       "#align(center)[" + " · ".join(esc(p[k]) for k in ("address", "website", "email", "github", "phone") if k in p) + "]",
       ""]
for s in cv["section"]:
    out.append(f"= {esc(s['title'])}")
    kind = s["kind"]
    if kind == "text":
        out.append(esc(s["text"]))
    for e in s.get("entry", []):
        if kind == "education":
            sub = f"{e['degree']} in {e['area']}, GPA {e['gpa']}, {e['location']}"
            out.append(f"#entry([{esc(e['institution'])}], [{when(e)}], sub: [{esc(sub)}])")
            if "thesis" in e:
                out.append(f"Thesis: {esc(e['thesis'])}")
        elif kind == "experience":
            out.append(f"#entry([{esc(e['organization'])}], [{when(e)}], "
                       f"sub: [{esc(e['position'])}, {esc(e['location'])}])")
            for h in e.get("highlights", []):
                out.append(f"- {esc(h)}")
        elif kind == "publications":
            authors = ", ".join(f"*{esc(a)}*" if a == owner else esc(a) for a in e["authors"])
            out.append(f"+ {authors}. {esc(e['title'])}. _{esc(e.get('venue', ''))}_, {esc(e['date'])}.")
        elif kind == "list":
            out.append(", ".join(esc(i) for i in e["items"]))
        else:
            out.append(esc(e))
    if "note" in s:
        out.append(f"_{esc(s['note'])}_")
    out.append("")
print("\n".join(out))
