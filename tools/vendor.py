#!/usr/bin/env python3
"""Vendor the map page's third-party assets from their published npm releases.

Reads geo/static/vendor/vendor.toml, downloads each package's tarball with `npm pack`
(so npm's registry settings apply), checks it against the recorded sha512 integrity,
copies the listed files (licence included) and writes geo/static/vendor/SHA256SUMS.

Usage:  python3 tools/vendor.py          (from the repository root; needs npm)
        python3 tools/vendor.py --check  (only compare the vendored files with the tarballs)
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import io
import subprocess
import sys
import tarfile
import tempfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENDOR = ROOT / "geo" / "static" / "vendor"


def fetch_tarball(name: str, version: str, integrity: str, workdir: Path) -> bytes:
    out = subprocess.run(
        ["npm", "pack", f"{name}@{version}", "--silent"],
        cwd=workdir,
        check=True,
        capture_output=True,
        text=True,
    )
    data = (workdir / out.stdout.strip().splitlines()[-1]).read_bytes()
    algo, _, expected = integrity.partition("-")
    got = base64.b64encode(hashlib.new(algo, data).digest()).decode()
    if got != expected:
        sys.exit(f"{name}@{version}: tarball {algo} is {got}, expected {expected}")
    return data


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare only; write nothing")
    args = parser.parse_args()
    manifest = tomllib.loads((VENDOR / "vendor.toml").read_text(encoding="utf-8"))
    sums: list[str] = []
    differ = 0
    with tempfile.TemporaryDirectory() as tmp:
        for pkg in manifest["package"]:
            data = fetch_tarball(pkg["name"], pkg["version"], pkg["integrity"], Path(tmp))
            with tarfile.open(fileobj=io.BytesIO(data)) as tar:
                for member, target in pkg["files"].items():
                    content = tar.extractfile(member).read()
                    path = VENDOR / target
                    if args.check:
                        if not path.is_file() or path.read_bytes() != content:
                            print(f"differs from {pkg['name']}@{pkg['version']}: {target}")
                            differ += 1
                    else:
                        path.parent.mkdir(parents=True, exist_ok=True)
                        path.write_bytes(content)
                    sums.append(f"{hashlib.sha256(content).hexdigest()}  {target}")
    if args.check:
        print("all vendored files match their releases" if not differ else f"{differ} differ")
        return 1 if differ else 0
    (VENDOR / "SHA256SUMS").write_text("\n".join(sorted(sums, key=lambda s: s[66:])) + "\n")
    print(f"vendored {len(sums)} files into {VENDOR.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
