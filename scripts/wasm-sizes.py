#!/usr/bin/env python3
"""What is big in a WASM file: the largest functions (by code size, named
from the file's `name` section, demangled by rustfilt-like trimming) and the
code per crate, plus the data segments. Use it on the client as rustc and
wasm-bindgen leave it (names kept), e.g.

    scripts/wasm-sizes.py $CARGO_TARGET_DIR/site/pkg/*.wasm   # after wasm-opt: no names
    scripts/wasm-sizes.py $CARGO_TARGET_DIR/front/wasm32-unknown-unknown/wasm-release/frontend.wasm

Options: --top N (default 25).
"""
import re
import sys
from collections import Counter


def leb(buf, i):
    result = shift = 0
    while True:
        b = buf[i]
        i += 1
        result |= (b & 0x7F) << shift
        shift += 7
        if b < 0x80:
            return result, i


def sections(buf):
    assert buf[:4] == b"\0asm", "not a WASM file"
    i = 8
    while i < len(buf):
        sid = buf[i]
        size, j = leb(buf, i + 1)
        yield sid, buf[j : j + size]
        i = j + size


def imported_functions(payload):
    count, i = leb(payload, 0)
    funcs = 0
    for _ in range(count):
        for _ in range(2):  # module, field
            n, i = leb(payload, i)
            i += n
        kind = payload[i]
        i += 1
        if kind == 0:
            _, i = leb(payload, i)
            funcs += 1
        elif kind == 1:
            i += 1
            flags, i = leb(payload, i)
            _, i = leb(payload, i)
            if flags & 1:
                _, i = leb(payload, i)
        elif kind == 2:
            flags, i = leb(payload, i)
            _, i = leb(payload, i)
            if flags & 1:
                _, i = leb(payload, i)
        elif kind == 3:
            i += 2
        elif kind == 4:
            i += 1
            _, i = leb(payload, i)
    return funcs


def function_names(payload):
    n, i = leb(payload, 0)
    name = payload[i : i + n].decode()
    i += n
    if name != "name":
        return None
    names = {}
    while i < len(payload):
        sub = payload[i]
        size, i = leb(payload, i + 1)
        end = i + size
        if sub == 1:
            count, j = leb(payload, i)
            for _ in range(count):
                idx, j = leb(payload, j)
                ln, j = leb(payload, j)
                names[idx] = payload[j : j + ln].decode(errors="replace")
                j += ln
        i = end
    return names


HASH = re.compile(r"::h[0-9a-f]{16}$")


def demangle(name):
    # Legacy Rust mangling (_ZN...E) is what rustc's names section holds.
    if name.startswith("_ZN") and name.endswith("E"):
        parts, i, s = [], 3, name
        while i < len(s) - 1 and s[i].isdigit():
            j = i
            while s[j].isdigit():
                j += 1
            n = int(s[i:j])
            parts.append(s[j : j + n])
            i = j + n
        name = "::".join(parts)
        for a, b in (("$LT$", "<"), ("$GT$", ">"), ("$u20$", " "), ("$C$", ","), ("$RF$", "&"),
                     ("$BP$", "*"), ("..", "::"), ("$u7b$", "{"), ("$u7d$", "}"), ("$u27$", "'"),
                     ("$u5b$", "["), ("$u5d$", "]"), ("$u3b$", ";"), ("$u2b$", "+"), ("$u22$", '"')):
            name = name.replace(a, b)
    return HASH.sub("", name)


def crate_of(name):
    name = name.lstrip("<&*( ")
    if name.startswith("_<"):
        name = name[2:]
    m = re.match(r"([A-Za-z_][A-Za-z0-9_]*)::", name)
    return m.group(1) if m else "(other)"


def main():
    args = sys.argv[1:]
    top = 25
    if "--top" in args:
        k = args.index("--top")
        top = int(args[k + 1])
        del args[k : k + 2]
    for path in args:
        buf = open(path, "rb").read()
        imported = 0
        bodies = []
        names = {}
        data = 0
        for sid, payload in sections(buf):
            if sid == 2:
                imported = imported_functions(payload)
            elif sid == 10:
                count, i = leb(payload, 0)
                for _ in range(count):
                    size, j = leb(payload, i)
                    bodies.append(size + (j - i))
                    i = j + size
            elif sid == 11:
                data = len(payload)
            elif sid == 0:
                found = function_names(payload)
                if found is not None:
                    names = found
        code = sum(bodies)
        print(f"\n{path}: {len(buf):,} bytes; code {code:,} in {len(bodies):,} functions; data {data:,}")
        if not names:
            print("  (no name section: use the file rustc and wasm-bindgen wrote, before wasm-opt)")
            continue
        named = [(size, demangle(names.get(imported + k, f"func[{imported + k}]")))
                 for k, size in enumerate(bodies)]
        per_crate = Counter()
        for size, name in named:
            per_crate[crate_of(name)] += size
        print(f"  code per crate (top {top}):")
        for crate, size in per_crate.most_common(top):
            print(f"    {size:>10,}  {100 * size / code:5.1f}%  {crate}")
        print(f"  largest functions (top {top}):")
        for size, name in sorted(named, reverse=True)[:top]:
            print(f"    {size:>10,}  {name[:150]}")


if __name__ == "__main__":
    main()
