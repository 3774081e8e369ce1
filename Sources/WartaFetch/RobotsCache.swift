/// robots.txt per host, fetched once and kept until it expires; concurrent requests for a host
/// share one download.
actor RobotsCache {
    /// What robots.txt means for a host.
    enum Answer: Sendable {
        /// Rules to apply, and how long to keep them.
        case rules(RobotsTxt, keepFor: Duration)
        /// The host itself cannot be fetched (refused address, bad scheme, backing off); not cached.
        case failed(FetchFailure.Kind)
    }

    private enum Entry {
        case loading(Task<Answer, Never>)
        case loaded(RobotsTxt, expires: Duration)
    }

    private let clock: SchedulerClock
    private let load: @Sendable (HostKey) async -> Answer
    private var entries: [HostKey: Entry] = [:]

    /// - Parameter load: downloads and interprets one host's robots.txt.
    init(clock: SchedulerClock, load: @escaping @Sendable (HostKey) async -> Answer) {
        self.clock = clock
        self.load = load
    }

    /// The host's rules, from the cache or freshly loaded.
    func answer(for key: HostKey) async -> Answer {
        switch entries[key] {
        case .loaded(let robots, let expires) where clock.now < expires:
            return .rules(robots, keepFor: expires - clock.now)
        case .loading(let task):
            return await task.value
        case .loaded, nil:
            break
        }
        // An unstructured task, so that a caller giving up does not cancel the download other
        // callers for the same host are waiting on.
        let task = Task { [load] in await load(key) }
        entries[key] = .loading(task)
        let answer = await task.value
        switch answer {
        case .rules(let robots, let keepFor):
            entries[key] = .loaded(robots, expires: clock.now + keepFor)
        case .failed:
            entries[key] = nil
        }
        pruneIfLarge()
        return answer
    }

    private func pruneIfLarge() {
        guard entries.count > 4096 else { return }
        let now = clock.now
        entries = entries.filter { _, entry in
            if case .loaded(_, let expires) = entry { return expires > now }
            return true
        }
    }
}
