#!/usr/bin/env python3
"""Writes the hostile pages of bench/page_memory.sh into DIR (fictional text, made here).

usage: bench/gen_hostile_pages.py DIR

Pages (the kinds issue 10 measured, plus a few of our own):
  big_30mb.html        a 30 MB article: a headline and 30 MB of paragraphs
  elems_1m.html        8 MB, one million elements (<p> with a <b> inside, 500,000 times)
  deep_10mb.html       10 MB of nested <div> (two million levels)
  deep_bogus_end.html  10 MB of <div></x>: nesting that a byte scan counting end tags misses
  reformat.html        512 open <b class=..> then 2.5 million "<p>x": each paragraph makes
                       the parser reopen every formatting element (HTML5 "reconstruct")
  text_wall.html       30 MB of text in one block, no markup inside <body>
  text_8mb.html        an article of 8 MB of paragraphs (just within the text budget)
  budget_edge.html     32 MB just within every budget: 160,000 paragraphs with long classes
  end_tags.html        32 MB of "</x>": tokens that build nothing
  attributes.html      32 MB of <b> with 64 attributes each
  comments.html        32 MB of "<!x>": bogus comments, a node each
  text_30mb.txt        30 MB of plain text
  bomb.html.gz         2 MB of gzip that inflates to 2 GiB
  utf16le.html         an article in UTF-16LE with a byte-order mark
  utf16be.html         the same in UTF-16BE with a byte-order mark
"""
import os
import random
import sys
import zlib

SENTENCE = ("The harbour council of Wexmoor voted on Tuesday to extend the ferry timetable, "
            "citing a rise in commuters, tourists and freight since the bridge closed. ")
ARTICLE_HEAD = ("<!doctype html><html lang=en><head><meta charset=utf-8>"
                "<title>Wexmoor extends ferry timetable | Wexmoor Gazette</title></head>"
                "<body><article><h1>Wexmoor extends ferry timetable</h1>")
ARTICLE_TAIL = "</article></body></html>"


def write(path, data):
    with open(path, "wb") as f:
        f.write(data)


def repeated(unit, total_bytes):
    return unit * max(1, total_bytes // len(unit))


def budget_edge():
    """32 MB within every default budget: 480,000 tags, 160,000 elements, 7 MB of text."""
    rng = random.Random(1)
    words = SENTENCE.lower().replace(",", "").replace(".", "").split()
    parts = [ARTICLE_HEAD]
    for i in range(160_000):
        cls = " ".join(rng.choice(words) + str(i) for _ in range(12))[:140]
        text = " ".join(rng.choice(words) for _ in range(7))[:45]
        parts.append('<p class="%s">%s.</p>' % (cls, text))
    parts.append(ARTICLE_TAIL)
    return "".join(parts)


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    para = "<p>" + SENTENCE * 6 + "</p>\n"
    write(os.path.join(out, "big_30mb.html"),
          (ARTICLE_HEAD + repeated(para, 30_000_000) + ARTICLE_TAIL).encode())
    write(os.path.join(out, "elems_1m.html"),
          ("<html><body>" + "<p>a<b>b</b></p>" * 500_000 + "</body></html>").encode())
    write(os.path.join(out, "deep_10mb.html"),
          ("<html><body>" + "<div>" * 2_000_000 + "deep" + "</body></html>").encode())
    write(os.path.join(out, "deep_bogus_end.html"),
          ("<html><body>" + "<div></x>" * 1_100_000 + "deep" + "</body></html>").encode())
    opened = "".join('<b class="c%d">' % i for i in range(512))
    write(os.path.join(out, "reformat.html"),
          ("<html><body>" + opened + "<p>x" * 2_500_000 + "</body></html>").encode())
    write(os.path.join(out, "text_wall.html"),
          ("<html><body>" + repeated(SENTENCE, 30_000_000) + "</body></html>").encode())
    write(os.path.join(out, "text_8mb.html"),
          (ARTICLE_HEAD + repeated(para, 8_000_000) + ARTICLE_TAIL).encode())
    write(os.path.join(out, "budget_edge.html"), budget_edge().encode())
    write(os.path.join(out, "end_tags.html"),
          ("<html><body><p>Wexmoor</p>" + "</x>" * 8_000_000 + "</body></html>").encode())
    write(os.path.join(out, "attributes.html"),
          ("<html><body>" + ("<b" + " id" * 64 + ">a</b>") * 160_000 + "</body></html>").encode())
    write(os.path.join(out, "comments.html"),
          ("<html><body>" + "<!x>" * 8_000_000 + "</body></html>").encode())
    write(os.path.join(out, "text_30mb.txt"),
          ("Wexmoor extends ferry timetable\n\n" + repeated(SENTENCE + "\n", 30_000_000)).encode())
    with open(os.path.join(out, "bomb.html.gz"), "wb") as f:
        # gzip container (wbits 31) around 2 GiB of one byte: about 2 MB compressed.
        z = zlib.compressobj(9, zlib.DEFLATED, 31)
        chunk = b"a" * (1 << 20)
        for _ in range(2048):
            f.write(z.compress(chunk))
        f.write(z.flush())
    article = (ARTICLE_HEAD + ("<p>" + SENTENCE * 3 + "</p>") * 4 +
               "<p>Fähren über den Sund: «Ça va», said the ticket clerk.</p>" + ARTICLE_TAIL)
    write(os.path.join(out, "utf16le.html"), b"\xff\xfe" + article.encode("utf-16-le"))
    write(os.path.join(out, "utf16be.html"), b"\xfe\xff" + article.encode("utf-16-be"))


if __name__ == "__main__":
    main()
