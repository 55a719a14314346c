"""Writes data/moral-scenarios.csv: minimal pairs of short scenarios from the ETHICS commonsense-
morality test set (Hendrycks et al. 2021, MIT license).

Usage: python3 data/make_moral_scenarios.py PATH/TO/ethics/commonsense/cm_test.csv [PAIRS]

Short, unedited rows are read in file order; two consecutive rows form a pair when their labels
differ (one acceptable, one wrong) and they begin with the same three words: the benchmark's
minimal pairs ("I told my baby I loved / hated her when she cried."). The first PAIRS pairs
(default 150) are kept, so the labels are exactly balanced. Run it from the repository root.
"""
import csv
import sys


def first_words(text, count=3):
    return text.lower().split()[:count]


def pairs(rows):
    index = 0
    while index + 1 < len(rows):
        a, b = rows[index], rows[index + 1]
        if a["label"] != b["label"] and first_words(a["input"]) == first_words(b["input"]):
            yield a, b
            index += 2
        else:
            index += 1


def main():
    source = sys.argv[1]
    wanted = int(sys.argv[2]) if len(sys.argv) > 2 else 150
    with open(source, newline="", encoding="utf-8") as handle:
        rows = [dict(row, source_row=number) for number, row in enumerate(csv.DictReader(handle), start=1)]
    short = [row for row in rows if row["is_short"] == "True" and row["edited"] == "False"]
    chosen = []
    for a, b in pairs(short):
        chosen.append((a, b))
        if len(chosen) == wanted:
            break
    with open("data/moral-scenarios.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["id", "pair", "label", "input", "source_row"])
        number = 0
        for pair_number, pair in enumerate(chosen, start=1):
            for row in pair:
                number += 1
                writer.writerow([f"s{number:03d}", f"p{pair_number:03d}", row["label"], row["input"].strip(), row["source_row"]])
    print(f"wrote {2 * len(chosen)} scenarios in {len(chosen)} pairs")


if __name__ == "__main__":
    main()
