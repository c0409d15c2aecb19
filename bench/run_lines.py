#!/usr/bin/env python3
"""Runs `CVTEX build ARGS... --force -q` for every line of a file of tab-separated arguments,
JOBS at a time; fails when one fails. For bench/season.sh: a season built one document at a
time, as a Makefile without cvtex packet would.

Usage: run_lines.py CVTEX COMMANDS_FILE JOBS
"""
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

cvtex, path, jobs = sys.argv[1], sys.argv[2], int(sys.argv[3])
with open(path) as f:
    lines = [line.rstrip("\n").split("\t") for line in f if line.strip()]


def build(args):
    return subprocess.run([cvtex, "build", *args, "--force", "-q"]).returncode


with ThreadPoolExecutor(max_workers=jobs) as pool:
    codes = list(pool.map(build, lines))
sys.exit(1 if any(codes) else 0)
