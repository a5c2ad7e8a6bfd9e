// PoisonGuard: keeps a page that kills the process (a crash in a parser) from being retried
// forever with its partition stuck behind it. One guard per batch, on newsflowd's store
// (namespace "inflight", one v1::InflightRecord per partition; pipeline/namespaces.h).
//
// The rules:
// - BeginBatch records, per partition, the range of fresh offsets the batch will run (a
//   "marker") and commits it unsynced: it must survive the process, not the machine.
// - A marker found there that overlaps the batch's range means the last process died on
//   those offsets: the partition is careful, and so is the whole batch (a death on another
//   partition's page would otherwise be blamed on a careful page whose outcome is not yet
//   committed).
// - In a careful batch, BeforePage names the page in the marker and commits (with the
//   outcomes and state of the pages before it), and AfterPage commits the page's outcome once
//   it survived, so a death is blamed on the page that was running.
// - A page that processes died on kMaxPageDeaths times — once in its batch, once alone — is
//   not run again: BeforePage answers kDeadLetter.
// - After a committed batch (EndCommitted) no marker remains, except that a careful partition
//   keeps what the dead process's marker says of offsets the batch did not reach, so a page
//   it died on is not given fresh attempts; after an aborted one (EndAborted) the markers are
//   put back as they were before the batch (the replay must neither run careful for nothing
//   nor forget a death).
//
// The guard relies on a partition's messages being processed in order by one process (one
// consumer per partition in the group); markers are per state directory, so it counts the
// deaths of this instance only. Cost: one unsynced commit per batch, two per page when careful.
#pragma once

#include <map>
#include <vector>

#include "daemon/kafka/source_position.h"
#include "newsflow/v1/state.pb.h"
#include "pipeline/state_store.h"
#include "pipeline/status.h"
#include "storage/rocksdb_state_store.h"

namespace newsflow {

class PoisonGuard {
 public:
  // Once this many processes died on a page it is dead-lettered instead of run again.
  static constexpr int kMaxPageDeaths = 2;

  static NamespaceSpec Namespace();

  explicit PoisonGuard(RocksDbStateStore* store) : store_(store) {}

  // A partition in careful mode: the dead process's marker and this batch's.
  struct CarefulPartition {
    TopicPartition topic_partition;
    v1::InflightRecord died_on;
    v1::InflightRecord now;
  };

  // Writes and commits the markers of the partitions of `fresh` (the messages the pipeline
  // will run) and decides careful mode. Nothing is written when `fresh` is empty.
  Status BeginBatch(const std::vector<SourcePosition>& fresh);
  bool careful() const { return careful_; }
  std::vector<CarefulPartition> CarefulPartitions() const;

  struct PageVerdict {
    bool dead_letter = false;
    int deaths = 0;  // processes that died on the page before
  };
  // Before a fresh page (one of BeginBatch's). Outside careful mode: run it, nothing written.
  StatusOr<PageVerdict> BeforePage(const SourcePosition& page);
  // After a fresh page survived: in careful mode, commits its outcome now.
  Status AfterPage();

  // After the batch's transaction committed: puts the final markers into the store's open
  // batch, which the caller commits.
  void EndCommitted();
  // After the batch aborted, with the store rolled back: restores the markers and commits.
  Status EndAborted();

 private:
  struct PartitionState {
    v1::InflightRecord marker;  // as written for this batch
    bool careful = false;
    v1::InflightRecord died_on;  // careful: the marker the dead process left
  };

  RocksDbStateStore* store_;
  std::map<TopicPartition, PartitionState> partitions_;
  bool careful_ = false;
};

}  // namespace newsflow
