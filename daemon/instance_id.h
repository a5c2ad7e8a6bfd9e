// The instance id: a random id kept in the state directory (file `instance_id`), made on the
// first start and stable across restarts. newsflowd derives its Kafka transactional.id from
// it when the config names none (`<group_id>-<instance id>`), so instances started from one
// installed config each get their own id, and a restarted instance fences its own zombie.
// A state directory copied to a second machine carries the id with it: the two would fence
// each other in turns (delete the copy's `instance_id`).
#pragma once

#include <sys/types.h>

#include <string>

#include "pipeline/status.h"

namespace newsflow {

// Reads `<state_dir>/instance_id`, or makes one (16 hex digits; the directory is created).
StatusOr<std::string> LoadOrCreateInstanceId(const std::string& state_dir);

// The process holding the state store's lock (`<state_dir>/LOCK`, RocksDB's fcntl lock): a
// running instance on this state directory; 0 when no other process holds it (or there is
// no store yet).
pid_t StateDirLockHolder(const std::string& state_dir);

// The transactional.id of an instance whose config names none.
std::string DerivedTransactionalId(const std::string& group_id, const std::string& instance_id);

}  // namespace newsflow
