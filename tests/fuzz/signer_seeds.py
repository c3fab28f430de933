#!/usr/bin/env python3
"""Writes the signer target's seeds (seeds/signer/) and reproducers (regressions/signer/).

The signer target decodes its input with `arbitrary` 1.5 (`#[derive(Arbitrary)] struct Input`
in fuzz_targets/signer.rs); this writes the bytes that decode to the readable inputs below, so
that the seeds are real requests. It follows arbitrary's format for inputs under 256 bytes: an
enum is a little-endian u32 scaled to the variant count, each collection element is preceded by a
byte with the low bit set (a clear one ends it), an Option is such a byte then the value, a
string's length is one byte taken from the end of the input, the last field takes what is left.
Check one with `cargo fuzz fmt --fuzz-dir tests/fuzz --sanitizer none -O -a signer FILE`; rerun
this when `Input` changes: `python3 tests/fuzz/signer_seeds.py`.
"""
import os

METHODS = ["GET", "POST", "PUT", "DELETE", "PATCH"]


def encode(method, segments, query, headers, derived, content_type, body):
    front, back = bytearray(), bytearray()
    front += int((METHODS.index(method) + 0.5) * 2**32 / len(METHODS)).to_bytes(4, "little")

    def string(s):
        b = s.encode()
        back.append(len(b))
        front.extend(b)

    for s in segments:
        front.append(1)
        string(s)
    front.append(0)
    for pairs in (query, headers):
        for k, v in pairs:
            front.append(1)
            string(k)
            string(v)
        front.append(0)
    if derived:
        front.append(1)
        string(derived[0])
        string(derived[1])
    else:
        front.append(0)
    if content_type is not None:
        front.append(1)
        string(content_type)
    else:
        front.append(0)
    rest = bytearray()
    for b in body:
        rest += bytes([1, b])
    out = bytes(front + rest + bytes(reversed(back)))
    assert len(out) <= 256, f"{len(out)} bytes: lengths would take more than one byte"
    return out


SEEDS = {
    "get-list-users": ("GET", ["v1", "0a1b2c3d4e5f", "instances", "inst-01", "users"],
                       [("offset", "0"), ("limit", "10")], [("X-Project-Id", "0a1b2c3d4e5f")], None, None, b""),
    "post-json-body": ("POST", ["v1", "p", "instances", "i", "users"], [],
                       [("X-Security-Token", "tok"), ("User-Agent", "huaweicloud-sdk-rust/0.1")], None,
                       "application/json;charset=UTF-8", b'{"users":[{"name":"ddm"}]}'),
    "reserved-characters": ("PUT", ["a b", "c/d", "%2F", "..", "\u00e9\u4e2d"],
                            [("a b", "x&y=z"), ("flag", ""), ("k", "v"), ("k", "a")],
                            [("X-Custom_Unsigned", " padded "), ("x-lower", "\tv\t")], None, None, b""),
    "derived-key": ("DELETE", ["v2", "p", "clusters", "c"], [("force", "true")],
                    [("X-Sdk-Date", "20250101T000000Z")], ("cn-north-4", "dws"), None, b""),
    "unsigned-payload": ("PATCH", ["v3", "upload"], [], [("X-Trace", "1")], ("ap-southeast-1", "iam"),
                         "application/octet-stream", b"\x00\x01binary"),
}

# A request with two headers of the same name (here a spec header parameter `Content-Type` next
# to the one the client always sends) is signed with one canonical line per header, which no
# server rebuilds: see README.md, "Crashes found".
REGRESSIONS = {
    "duplicate-header-name": ("POST", ["v1", "p", "users"], [], [("content-type", "application/json;charset=UTF-8")],
                              None, None, b"{}"),
}

here = os.path.dirname(os.path.abspath(__file__))
for folder, inputs in (("seeds/signer", SEEDS), ("regressions/signer", REGRESSIONS)):
    os.makedirs(os.path.join(here, folder), exist_ok=True)
    for name, fields in inputs.items():
        with open(os.path.join(here, folder, name), "wb") as f:
            f.write(encode(*fields))
