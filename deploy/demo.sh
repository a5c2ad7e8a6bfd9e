#!/usr/bin/env bash
# make demo: newsflowd on an embedded Kafka (librdkafka's mock cluster), fed the sample pages in
# deploy/demo/pages, then the ArticleEvents it published read back from the output topics and
# printed as JSON. Exits 0 when events were published.
set -euo pipefail
BUILD_DIR="${1:-build}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BIN="$ROOT/$BUILD_DIR/bin"
WORK="$(mktemp -d)"
trap 'kill "$DAEMON" 2>/dev/null || true; wait "$DAEMON" 2>/dev/null || true; rm -rf "$WORK"' EXIT

cat > "$WORK/demo.toml" <<TOML
[kafka]
group_id = "newsflow-demo"
transactional_id = "newsflow-demo-0"
batch_max_ms = 200

[storage]
path = "$WORK/state"
sync_wal = false

[classify]
taxonomy_path = "$ROOT/deploy/topics/iptc_media_topics.toml"

[log]
level = "info"
stats_interval_s = 1

[metrics]
port = 0
TOML

echo "== starting newsflowd --embedded-kafka"
"$BIN/newsflowd" --config "$WORK/demo.toml" --embedded-kafka > "$WORK/daemon.out" 2> "$WORK/daemon.log" &
DAEMON=$!
for _ in $(seq 100); do
  grep -q "bootstrap:" "$WORK/daemon.out" 2>/dev/null && break
  sleep 0.1
done
BROKERS="$(sed -n 's/^embedded kafka bootstrap: //p' "$WORK/daemon.out")"
[ -n "$BROKERS" ] || { echo "newsflowd did not start:"; cat "$WORK/daemon.log"; exit 1; }
echo "   embedded Kafka at $BROKERS"

echo "== producing the sample pages (deploy/demo/pages) to topic 'pages'"
"$BIN/newsflowctl" produce --brokers "$BROKERS" --topic pages "$ROOT/deploy/demo/pages"

echo "== waiting for newsflowd to process them"
for _ in $(seq 100); do
  grep -q "messages=4 " "$WORK/daemon.log" 2>/dev/null && break
  sleep 0.2
done

echo "== ArticleEvents on topic 'articles' (CREATED / UPDATED):"
"$BIN/newsflowctl" tail --brokers "$BROKERS" --topic articles --timeout-ms 3000 | tee "$WORK/articles.jsonl"
echo "== ArticleEvents on topic 'articles.duplicates' (DUPLICATE):"
"$BIN/newsflowctl" tail --brokers "$BROKERS" --topic articles.duplicates --timeout-ms 2000 | tee "$WORK/dups.jsonl"
echo "== dead-letter topic 'pages.dlq':"
"$BIN/newsflowctl" tail --brokers "$BROKERS" --topic pages.dlq --dead-letters --timeout-ms 2000

BINDINGS="$ROOT/$BUILD_DIR/examples/python"
if [ -f "$BINDINGS/newsflow/v1/article_event_pb2.py" ] && /usr/bin/python3 -c 'import confluent_kafka' 2>/dev/null; then
  echo "== the example consumer (examples/python_consumer): events read, then its story table"
  /usr/bin/python3 "$ROOT/examples/python_consumer/story_consumer.py" --brokers "$BROKERS" \
    --bindings "$BINDINGS" --idle-ms 3000
fi

METRICS="$(grep -o 'metrics on http://[^ ]*/metrics' "$WORK/daemon.log" | head -1 | cut -d' ' -f3)"
if [ -n "$METRICS" ] && command -v curl > /dev/null; then
  echo "== a few of newsflowd's metrics ($METRICS):"
  curl -s "$METRICS" | grep -E '^newsflow_(pages_in|events_out|dead_letters)_total' | grep -v ' 0$' || true
fi

kill -TERM "$DAEMON"
wait "$DAEMON" || true
echo "== newsflowd log (tail):"
tail -5 "$WORK/daemon.log"
n=$(wc -l < "$WORK/articles.jsonl")
echo "== demo done: $n article event(s), $(wc -l < "$WORK/dups.jsonl") duplicate event(s)"
[ "$n" -gt 0 ]
