"""Fill empty msgstr entries of a .po file from a Python dict file (developer tool).

Usage: python scripts/fill_po.py CATALOGUE.po TRANSLATIONS.py
TRANSLATIONS.py defines T = {msgid: msgstr, (context, msgid): msgstr}. Entries already
translated are kept; fuzzy flags of filled entries are removed.
"""

import re
import runpy
import sys

path, table = sys.argv[1], runpy.run_path(sys.argv[2])["T"]
with open(path, encoding="utf-8") as source:
    text = source.read()
blocks = text.split("\n\n")
missing = []


def quote(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


for index, block in enumerate(blocks):
    match = re.search(r'(?:msgctxt "(.*)"\n)?msgid ((?:".*"\n?)+)msgstr ""\s*$', block)
    if not match:
        continue
    context = match.group(1)
    msgid = "".join(re.findall(r'"(.*)"', match.group(2))).replace('\\"', '"').replace("\\n", "\n")
    if not msgid:
        continue
    key = (context, msgid) if context else msgid
    if key not in table:
        missing.append(key)
        continue
    block = block[: match.end(2)] + f'msgstr "{quote(table[key])}"'
    block = block.replace("#, fuzzy\n", "").replace(", fuzzy", "")
    blocks[index] = block
header = blocks[0].replace("#, fuzzy\n", "").replace('"Language: \\n"', '"Language: de\\n"')
blocks[0] = header
with open(path, "w", encoding="utf-8") as target:
    target.write("\n\n".join(blocks))
for key in missing:
    print("untranslated:", key)
