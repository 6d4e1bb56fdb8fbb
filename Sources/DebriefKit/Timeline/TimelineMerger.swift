/// Merges per-source entry lists, each already in time order, into one timeline.
///
/// A k-way merge over a binary heap: O(n log k) for n events from k sources. The order is total and
/// independent of thread timing: by instant, then by the source's position in the ingest order, then
/// by the event's position within its source.
public struct TimelineMerger: Sendable {
    /// Creates a merger.
    public init() {}

    /// Merges `sources` (each sorted by time) into one time-ordered list.
    public func merge(_ sources: [[TimelineEntry]]) -> [TimelineEntry] {
        var heap = CursorHeap()
        for (index, events) in sources.enumerated() where !events.isEmpty {
            heap.push(Cursor(source: index, position: 0, time: events[0].time))
        }
        var merged: [TimelineEntry] = []
        merged.reserveCapacity(sources.reduce(0) { $0 + $1.count })
        while var cursor = heap.pop() {
            let events = sources[cursor.source]
            merged.append(events[cursor.position])
            cursor.position += 1
            if cursor.position < events.count {
                cursor.time = events[cursor.position].time
                heap.push(cursor)
            }
        }
        return merged
    }

    struct Cursor {
        var source: Int
        var position: Int
        var time: Instant

        @inline(__always)
        static func precedes(_ a: Cursor, _ b: Cursor) -> Bool {
            if a.time != b.time { return a.time < b.time }
            if a.source != b.source { return a.source < b.source }
            return a.position < b.position
        }
    }

    struct CursorHeap {
        var items: [Cursor] = []

        mutating func push(_ cursor: Cursor) {
            items.append(cursor)
            var child = items.count - 1
            while child > 0 {
                let parent = (child - 1) / 2
                guard Cursor.precedes(items[child], items[parent]) else { break }
                items.swapAt(child, parent)
                child = parent
            }
        }

        mutating func pop() -> Cursor? {
            guard !items.isEmpty else { return nil }
            let top = items[0]
            let last = items.removeLast()
            if !items.isEmpty {
                items[0] = last
                var parent = 0
                while true {
                    let left = 2 * parent + 1
                    let right = left + 1
                    var best = parent
                    if left < items.count, Cursor.precedes(items[left], items[best]) { best = left }
                    if right < items.count, Cursor.precedes(items[right], items[best]) { best = right }
                    if best == parent { break }
                    items.swapAt(parent, best)
                    parent = best
                }
            }
            return top
        }
    }
}
