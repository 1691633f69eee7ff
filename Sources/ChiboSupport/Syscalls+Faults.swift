// The seam of failures a test plans; debug builds only (see Package.swift).
#if CHIBO_FAULTS
    import Synchronization

    extension Syscalls {
        /// Failures a test plans, in debug builds only (the seam of swift-system's mocking): a call of
        /// `operation` on a path under `folder` fails with `errno` instead of being made, once `after`
        /// such calls have been made. Plans are keyed by folder, so that tests running at once in
        /// their own temporary folders never meet each other's.
        package enum Faults {
            package enum Operation: Sendable {
                case write, rename, makeFolder, link
            }

            struct Plan: Sendable {
                var operation: Operation
                var folder: String
                var errno: Int32
                var after: Int
            }

            static let plans = Mutex<[Plan]>([])

            /// Makes calls of `operation` under `folder` fail with `errno` after `after` have succeeded.
            package static func plan(_ operation: Operation, under folder: String, errno: Int32, after: Int = 0) {
                plans.withLock { $0.append(Plan(operation: operation, folder: folder, errno: errno, after: after)) }
            }

            /// Removes the plans of `folder`.
            package static func clear(under folder: String) {
                plans.withLock { $0.removeAll { $0.folder == folder } }
            }

            /// The errno a planned failure gives this call, or nil for a call to be made.
            static func injected(_ operation: Operation, _ path: String) -> Int32? {
                plans.withLock { plans in
                    guard
                        let index = plans.firstIndex(where: {
                            $0.operation == operation && (path == $0.folder || path.hasPrefix($0.folder + "/"))
                        })
                    else { return nil }
                    if plans[index].after > 0 {
                        plans[index].after -= 1
                        return nil
                    }
                    return plans[index].errno
                }
            }
        }
    }
#endif
