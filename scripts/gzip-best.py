#!/usr/bin/env python3
"""Writes again, smaller, the gzip files that `cargo leptos build --precompress`
put beside the site's assets (its gzip encoder compresses ~15% worse than
zopfli): each `<file>.gz` becomes the zopfli encoding of `<file>`, a plain
gzip stream any client inflates. Brotli files are left as they are.

    scripts/gzip-best.py target/site/pkg

Prints the bytes before and after. Needs the `zopfli` package (PyPI).
"""
import os
import sys

import zopfli.gzip


# zopfli's passes per block: more gain a few bytes for much more time.
ITERATIONS = 5


def main():
    before = after = 0
    for root in sys.argv[1:]:
        for directory, _, files in os.walk(root):
            for name in files:
                if not name.endswith(".gz"):
                    continue
                gz = os.path.join(directory, name)
                plain = gz[: -len(".gz")]
                if not os.path.exists(plain):
                    continue
                with open(plain, "rb") as f:
                    data = f.read()
                smaller = zopfli.gzip.compress(data, numiterations=ITERATIONS)
                size = os.path.getsize(gz)
                before += size
                if len(smaller) < size:
                    tmp = gz + ".tmp"
                    with open(tmp, "wb") as f:
                        f.write(smaller)
                    os.replace(tmp, gz)
                    size = len(smaller)
                after += size
    print(f"gzip files: {before:,} -> {after:,} bytes")


if __name__ == "__main__":
    main()
