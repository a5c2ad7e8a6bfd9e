#!/usr/bin/python3
"""The example consumer (examples/python_consumer/story_consumer.py) against newsflowd on its
embedded Kafka (librdkafka's mock cluster): the story table it ends with.

The demo's two harbour-bridge pages are sent poorer first: the recrawl (no date, no tags)
becomes the story, CREATED at revision 1; the full page is then a DUPLICATE of it (same
canonical URL, same text) and brings its date and tags as an UPDATED of the same article_id,
revision 2 (METADATA_MERGED). A JSON page with its body as text (body_text) shows
crawler_metadata and referrer_url carried through to its event.

usage: story_consumer_test.py --newsflowd BIN --newsflowctl BIN --bindings DIR --source-dir DIR
"""
import argparse
import io
import json
import os
import signal
import subprocess
import sys
import tempfile
import time

HARBOUR_URL = "https://gazette.example/local/harbour-bridge-reopens"
OTTER_URL = "https://courier.example/environment/otter-count"
# A fictional article, as the visible text a headless browser would scrape.
OTTER_TEXT = """Volunteers count a record number of river otters

By Mira Castell

More than four hundred volunteers spent last weekend walking the banks of the Ashwater and
its tributaries, and counted otter signs at 212 sites, the highest number since the survey
began twenty years ago.

Ecologists said cleaner water and the removal of two old weirs had let the animals return to
stretches of the river they had abandoned in the 1980s, and that the count would be repeated
in the autumn to see whether the young of this year stay in the valley.
"""


def fail(why, log=None):
    print("FAIL:", why, file=sys.stderr)
    if log and os.path.exists(log):
        print("-- newsflowd log (tail):", file=sys.stderr)
        print("".join(open(log, encoding="utf8", errors="replace").readlines()[-30:]),
              file=sys.stderr)
    sys.exit(1)


def start_daemon(args, work):
    state = os.path.join(work, "state")
    config = os.path.join(work, "newsflow.toml")
    with open(config, "w", encoding="utf8") as f:
        f.write(f"""[kafka]
group_id = "story-consumer-test"
batch_max_ms = 100

[[inputs]]
topic = "pages"
format = "protobuf"

[[inputs]]
topic = "pages.json"
format = "json"

[storage]
path = "{state}"
sync_wal = false

[classify]
taxonomy_path = "{args.source_dir}/deploy/topics/iptc_media_topics.toml"

[metrics]
port = 0
""")
    out = open(os.path.join(work, "daemon.out"), "w")
    log = os.path.join(work, "daemon.log")
    daemon = subprocess.Popen([args.newsflowd, "--config", config, "--embedded-kafka"],
                              stdout=out, stderr=open(log, "w"))
    for _ in range(300):
        text = open(os.path.join(work, "daemon.out"), encoding="utf8").read()
        for line in text.splitlines():
            if line.startswith("embedded kafka bootstrap: "):
                return daemon, line.split(": ", 1)[1].strip(), log
        if daemon.poll() is not None:
            fail(f"newsflowd exited {daemon.returncode}", log)
        time.sleep(0.1)
    fail("newsflowd printed no bootstrap address", log)


def story_by_url(table, url):
    for e in table.stories.values():
        if e.url == url:
            return e
    return None


def main():
    p = argparse.ArgumentParser()
    for flag in ("--newsflowd", "--newsflowctl", "--bindings", "--source-dir"):
        p.add_argument(flag, required=True)
    args = p.parse_args()
    try:
        import confluent_kafka  # noqa: F401
        import google.protobuf  # noqa: F401
    except ImportError as e:
        fail(f"{e}: install python3-confluent-kafka and python3-protobuf (make deps)")
    sys.path.insert(0, os.path.join(args.source_dir, "examples", "python_consumer"))
    import story_consumer as sc

    pages = os.path.join(args.source_dir, "deploy", "demo", "pages")
    with tempfile.TemporaryDirectory() as work:
        daemon, brokers, log = start_daemon(args, work)
        consumer = None
        try:
            table = sc.StoryTable(sc.load_bindings(args.bindings))
            consumer = sc.make_consumer(brokers, "story-table-test",
                                        ["articles", "articles.duplicates"])
            lines = io.StringIO()

            def produce(page):
                subprocess.run([args.newsflowctl, "produce", "--brokers", brokers, "--topic",
                                "pages", os.path.join(pages, page)], check=True,
                               stderr=subprocess.DEVNULL)

            def wait(what, until):
                if not sc.consume(consumer, table, idle_ms=60000, until=until, out=lines):
                    fail(f"{what}; events read:\n{lines.getvalue()}", log)

            # 1. The poorer copy first: the story, revision 1, no date, no tags.
            produce("03_harbour_bridge_recrawl.html")
            wait("no CREATED for the recrawl", lambda t: story_by_url(t, HARBOUR_URL))
            first = story_by_url(table, HARBOUR_URL)
            ev = table.pb.ArticleEvent
            if (first.event_type, first.revision, first.published_at, list(first.tags)) != (
                    ev.CREATED, 1, "", []):
                fail(f"recrawl: {first}")

            # 2. The richer page: a DUPLICATE, and the story's revision 2 with its metadata.
            produce("01_harbour_bridge.html")
            wait("no revision 2 of the story",
                 lambda t: t.stories[first.article_id].revision >= 2 and t.copies)
            story = table.stories[first.article_id]
            expect = {"revision": 2, "published_at": "2025-05-30T08:15:00Z", "tags": ["Local"],
                      "update_reason": "METADATA_MERGED", "page_url": first.page_url,
                      "title": "Harbour bridge reopens after two-year repair"}
            got = table.as_json()[first.article_id]
            for k, v in expect.items():
                if got[k] != v:
                    fail(f"story {k}: {got[k]!r}, expected {v!r}\n{json.dumps(got)}")
            copies = table.copies.get(first.article_id, [])
            if len(copies) != 1 or not copies[0].endswith("01_harbour_bridge.html"):
                fail(f"copies of the story: {copies}")
            if list(story.merge.fields) != ["published_text", "published_at", "tags"]:
                fail(f"merge.fields: {list(story.merge.fields)}")

            # 3. JSON input, the page as text: crawler metadata and referrer carried through.
            from confluent_kafka import Producer
            producer = Producer({"bootstrap.servers": brokers})
            producer.produce("pages.json", key=OTTER_URL, value=json.dumps({
                "url": OTTER_URL, "fetched_at_ms": "1748779200000", "content_type": "text/plain",
                "body_text": OTTER_TEXT, "crawler_metadata": {"crawl_id": "c-7", "depth": "2"},
                "referrer_url": "https://courier.example/environment"}))
            producer.flush(30)

            def otter(t):
                return next((e for e in t.stories.values() if e.page_url == OTTER_URL), None)
            wait("no event for the JSON page", otter)
            got = table.as_json()[otter(table).article_id]
            if got["crawler_metadata"] != {"crawl_id": "c-7", "depth": "2"} or \
                    got["referrer_url"] != "https://courier.example/environment" or \
                    got["revision"] != 1:
                fail(f"JSON page: {json.dumps(got)}")
            if "otter" not in otter(table).title.lower():
                fail(f"JSON page title: {otter(table).title!r}")
            print(lines.getvalue(), end="")
            print(json.dumps(table.as_json(), sort_keys=True))
        finally:
            if consumer is not None:
                consumer.close()
            daemon.send_signal(signal.SIGTERM)
            try:
                daemon.wait(30)
            except subprocess.TimeoutExpired:
                daemon.kill()
    print("OK")


if __name__ == "__main__":
    main()
