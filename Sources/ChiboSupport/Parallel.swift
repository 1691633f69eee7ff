import Foundation
import Synchronization

/// Work spread over every core, results in the order of the input.
package enum Parallel {
    package static func map<T: Sendable, R: Sendable>(_ items: [T], _ transform: @Sendable (T) -> R) -> [R] {
        guard items.count > 1 else { return items.map(transform) }
        let results = Mutex([R?](repeating: nil, count: items.count))
        DispatchQueue.concurrentPerform(iterations: items.count) { index in
            let result = transform(items[index])
            results.withLock { $0[index] = result }
        }
        return results.withLock { $0.compactMap { $0 } }
    }

    /// `first` and `second` at once, on two cores.
    package static func both<A: Sendable, B: Sendable>(
        _ first: @Sendable () -> A, _ second: @Sendable () -> B
    ) -> (A, B) {
        let results = Mutex<(A?, B?)>((nil, nil))
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            if index == 0 {
                let value = first()
                results.withLock { $0.0 = value }
            } else {
                let value = second()
                results.withLock { $0.1 = value }
            }
        }
        let (firstResult, secondResult) = results.withLock { $0 }
        guard let firstValue = firstResult, let secondValue = secondResult else {
            preconditionFailure("concurrentPerform runs both iterations")
        }
        return (firstValue, secondValue)
    }

    /// Runs `body` on every item, on every core.
    package static func forEach<T: Sendable>(_ items: [T], _ body: @Sendable (T) -> Void) {
        DispatchQueue.concurrentPerform(iterations: items.count) { body(items[$0]) }
    }
}
