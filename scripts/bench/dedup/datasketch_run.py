"""datasketch's MinHash-LSH over the benchmark's documents, timed like `warta bench dedup`.

Run with the throwaway venv's Python (datasketch 2.x). Documents are read and decoded first (not timed);
the timed loop is, per document in file order: shingling (shingles.py), MinHash with num_perm=128 through
`update_batch`, `MinHashLSH.query`, then `insert`. MinHashLSH uses threshold=0.8 and its default weights,
so it picks its own bands and rows. The permutations are generated once and reused (the same as
`MinHash.bulk`), which is datasketch's fastest CPU path; a fresh `MinHash()` per document would
regenerate them every time and be slower. datasketch does not verify candidates: a document whose query
returns earlier documents joins the group of the earliest of them, as its candidates are its duplicates.

Usage: datasketch_run.py INPUT.jsonl[.gz] OUT.tsv [--threshold 0.8] [--field text] [--repeat 1]
Output: id <TAB> origin_id for every document (origin_id = id for a group's first document); a summary
line on stdout: "datasketch docs=N seconds=S docs_per_s=R groups=G duplicates=D bands=B rows=R".
"""

import argparse
import time

import datasketch
from datasketch import MinHash, MinHashLSH

import shingles


def run(documents, threshold):
    """Returns (origin index per document, seconds, lsh)."""
    template = MinHash(num_perm=128)
    permutations = template.permutations
    scheme = template.scheme
    lsh = MinHashLSH(threshold=threshold, num_perm=128)
    origins = []
    started = time.perf_counter()
    for index, (_, text) in enumerate(documents):
        minhash = MinHash(num_perm=128, permutations=permutations, scheme=scheme)
        minhash.update_batch(shingles.shingle_strings(text))
        candidates = lsh.query(minhash)
        origins.append(origins[min(candidates)] if candidates else index)
        lsh.insert(index, minhash)
    seconds = time.perf_counter() - started
    return origins, seconds, lsh


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("input")
    parser.add_argument("output")
    parser.add_argument("--threshold", type=float, default=0.8)
    parser.add_argument("--field", default="text")
    parser.add_argument("--unit", choices=shingles.UNITS, default="linker", help="what is compared (shingles.py)")
    parser.add_argument("--repeat", type=int, default=1, help="timed runs; the output is from the last")
    args = parser.parse_args()
    documents = shingles.read_documents(args.input, args.field, args.unit)
    for _ in range(args.repeat):
        origins, seconds, lsh = run(documents, args.threshold)
        duplicates = sum(1 for index, origin in enumerate(origins) if origin != index)
        groups = len({origin for index, origin in enumerate(origins) if origin != index})
        print(
            f"datasketch {datasketch.__version__} docs={len(documents)} seconds={seconds:.3f} "
            f"docs_per_s={len(documents) / seconds:.0f} groups={groups} duplicates={duplicates} "
            f"bands={lsh.b} rows={lsh.r}",
            flush=True,
        )
    with open(args.output, "w", encoding="utf-8") as out:
        for (identifier, _), origin in zip(documents, origins):
            out.write(f"{identifier}\t{documents[origin][0]}\n")


if __name__ == "__main__":
    main()
