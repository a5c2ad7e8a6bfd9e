// newsflowctl's commands, one file each (daemon/ctl/<command>.cc). Each takes the parsed
// command line and returns the process's exit code: 0 done, 1 failed (the reason on stderr),
// 2 bad usage (the usage on stderr).
#pragma once

#include "daemon/ctl/args.h"

namespace newsflow::ctl {

int Process(const Args& a);      // process: pages through the pipeline, events as JSON lines
int Produce(const Args& a);      // produce: pages to a Kafka topic
int Tail(const Args& a);         // tail: events (or dead letters) from a topic as JSON lines
int Inspect(const Args& a);      // inspect: one stored article by id or URL
int TrainTopics(const Args& a);  // train-topics: a learned topic model from labelled rows
int Bench(const Args& a);        // bench: pages/s, CPU per page and stage, peak RSS
int MockCluster(const Args& a);  // mock-cluster: librdkafka's mock cluster, fault controls

}  // namespace newsflow::ctl
