"""Fill empty plural entries of a .po file from a Python dict file (developer tool).

Usage: python scripts/fill_plurals.py CATALOGUE.po PLURALS.py
PLURALS.py defines P = {msgid: (German singular, German plural)}; msgid is the English
singular. Entries already translated are kept; fuzzy flags of filled entries are removed.
"""

import re
import runpy
import sys

path, table = sys.argv[1], runpy.run_path(sys.argv[2])["P"]
with open(path, encoding="utf-8") as source:
    blocks = source.read().split("\n\n")


def quote(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


missing = []
for index, block in enumerate(blocks):
    found = re.search(r'msgid ((?:".*"\n)+)msgid_plural', block)
    if not found or not re.search(r'msgstr\[0\] ""\n(msgstr|$)', block + "\n"):
        continue
    msgid = "".join(re.findall(r'"(.*)"', found.group(1))).replace('\\"', '"')
    if msgid not in table:
        missing.append(msgid)
        continue
    one, many = table[msgid]
    block = re.sub(r'msgstr\[0\] "".*', f'msgstr[0] "{quote(one)}"', block)
    block = re.sub(r'msgstr\[1\] "".*', f'msgstr[1] "{quote(many)}"', block)
    blocks[index] = block.replace("#, fuzzy, python-format", "#, python-format").replace(
        "#, fuzzy\n", ""
    )
with open(path, "w", encoding="utf-8") as target:
    target.write("\n\n".join(blocks))
for msgid in missing:
    print("no translation:", msgid)
