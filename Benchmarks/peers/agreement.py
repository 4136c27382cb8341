#!/usr/bin/env python3
"""How often a peer's results equal dxa's, row by row: the peers' computation is comparable work, not dxa's rules
(no maker spine databases, binary floating point), so the benchmark says how far apart the numbers are.

    python agreement.py DXA.csv PEER.csv NAME
"""
import csv
import sys

COMPARED = ["status", "t_score", "z_score", "category"]


def main(dxa_path, peer_path, name):
    with open(dxa_path, newline="", encoding="utf-8", errors="replace") as dxa_file, \
            open(peer_path, newline="", encoding="utf-8", errors="replace") as peer_file:
        dxa, peer = csv.DictReader(dxa_file), csv.DictReader(peer_file)
        rows, equal = 0, dict.fromkeys(COMPARED, 0)
        for ours, theirs in zip(dxa, peer):
            rows += 1
            for column in COMPARED:
                equal[column] += ours[column] == theirs[column]
        lost = sum(1 for _ in dxa) + sum(1 for _ in peer)
    shares = ", ".join(f"{column} {100 * equal[column] / max(rows, 1):.2f}%" for column in COMPARED)
    print(f"{name}: equal to dxa's on {rows:,} rows: {shares}")
    if lost:
        print(f"{name}: {lost} rows more in one output than the other")
    sys.exit(1 if lost else 0)


if __name__ == "__main__":
    main(*sys.argv[1:4])
