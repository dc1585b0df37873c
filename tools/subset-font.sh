#!/usr/bin/env bash
# Makes src/main/resources/fonts/DroidSansFallback-subset.ttf, the CJK font embedded in the
# bulletin PDFs: Droid Sans Fallback (Apache License 2.0, Debian package fonts-droid-fallback)
# cut down with fontTools to ASCII, Latin-1, CJK punctuation, full-width forms, every character
# of GB 2312, every character of the Henan division names and of our templates and messages
# (about 7,900 characters, 1.0 MB instead of 4.0 MB). Run from the repository root after
# changing the division data or adding text with rare characters.
set -euo pipefail
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && apt-get download fonts-droid-fallback python3-fonttools >/dev/null)
for deb in "$work"/*.deb; do dpkg-deb -x "$deb" "$work/x"; done
python3 - "$work/chars.txt" <<'PY'
import glob, sys
chars = set()
for hi in range(0xA1, 0xF8):
    for lo in range(0xA1, 0xFF):
        try:
            chars.add(bytes([hi, lo]).decode("gb2312"))
        except UnicodeDecodeError:
            pass
for f in ["../shared/data/henan-divisions.csv", *glob.glob("src/main/resources/messages*.properties"),
          *glob.glob("src/main/resources/templates/**/*.html", recursive=True)]:
    chars.update(open(f, encoding="utf-8").read())
for lo, hi in [(0x20, 0x7F), (0xA0, 0x100), (0x3000, 0x3040), (0xFF00, 0xFFEF)]:
    chars.update(chr(c) for c in range(lo, hi))
chars.update("—–…‰′″※←↑→↓△▲▼●○■□★☆¥")
open(sys.argv[1], "w", encoding="utf-8").write("".join(sorted(c for c in chars if c.isprintable())))
PY
PYTHONPATH="$work/x/usr/lib/python3/dist-packages" python3 -m fontTools.subset \
  "$work/x/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf" \
  --text-file="$work/chars.txt" --layout-features='*' --name-IDs='*' \
  --output-file=src/main/resources/fonts/DroidSansFallback-subset.ttf

# The Latin letters and signs (arrows for rank changes) of the bulletins: DejaVu Sans
# (Debian package fonts-dejavu-core, Bitstream Vera licence), cut down to what they print.
(cd "$work" && apt-get download fonts-dejavu-core >/dev/null)
dpkg-deb -x "$work"/fonts-dejavu-core_*.deb "$work/x"
python3 -c 'import sys; open(sys.argv[1], "w", encoding="utf-8").write("".join(sorted(set(
    [chr(c) for c in range(0x20, 0x7F)] + [chr(c) for c in range(0xA0, 0x100)]
    + list("—–…‰′″※←↑→↓△▲▼●○■□★☆¥·•‹›«»“”‘’")))))' "$work/latin.txt"
PYTHONPATH="$work/x/usr/lib/python3/dist-packages" python3 -m fontTools.subset \
  "$work/x/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf" \
  --text-file="$work/latin.txt" --layout-features='*' --name-IDs='*' \
  --output-file=src/main/resources/fonts/DejaVuSans-subset.ttf
