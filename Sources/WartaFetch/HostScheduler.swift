/// Politeness bookkeeping: one request in flight per host, a minimum gap between requests to one
/// host, back-off after 429/503, and a global cap on requests in flight.
///
/// A request first waits for its host (FIFO), then for the host's next allowed time, then for a
/// global slot. The gap is measured from the end of one request to the start of the next.
actor HostScheduler {
    struct Configuration: Sendable {
        /// Gap between two requests to one host.
        var minDelay: Duration
        /// Requests in flight over all hosts.
        var maxConcurrentRequests: Int
        /// `Crawl-delay` is honoured up to this.
        var maxCrawlDelay: Duration
        /// First back-off without `Retry-After`; doubles per consecutive 429/503.
        var initialBackoff: Duration
        /// Upper bound for any back-off, `Retry-After` included.
        var maxBackoff: Duration
        /// A request that would wait longer than this for its host fails instead of waiting.
        var maxHostWait: Duration
    }

    /// Proof that the caller holds its host and a global slot; hand it back to ``release(_:feedback:)``.
    struct Permit: Sendable {
        let key: HostKey
    }

    enum Admission: Sendable {
        case granted(Permit)
        /// The host may not be contacted for this long, longer than `maxHostWait`.
        case backingOff(Duration)
        case cancelled
    }

    /// What the finished request says about the host.
    enum Feedback: Sendable {
        case normal
        /// 429 or 503, with the server's `Retry-After` when it sent one.
        case backOff(retryAfter: Duration?)
    }

    private struct Waiter {
        let id: UInt64
        let continuation: CheckedContinuation<Bool, Never>
    }

    private struct HostState {
        var busy = false
        var waiters: [Waiter] = []
        /// Time (on ``SchedulerClock``) before which no request may start.
        var nextAllowed: Duration = .zero
        var crawlDelay: Duration?
        var consecutiveBackoffs = 0
    }

    private let configuration: Configuration
    private let clock: SchedulerClock
    private var hosts: [HostKey: HostState] = [:]
    private var inFlight = 0
    private var globalWaiters: [Waiter] = []
    private var nextWaiterID: UInt64 = 0

    init(configuration: Configuration, clock: SchedulerClock) {
        self.configuration = configuration
        self.clock = clock
    }

    /// Waits for the host's turn and a global slot.
    func acquire(_ key: HostKey) async -> Admission {
        // 1. The host: at most one request in flight.
        if hosts[key, default: HostState()].busy {
            // On wake-up the host is already marked busy for us (hand-over in `releaseHost`).
            guard await enqueue(.host(key)) else { return .cancelled }
        } else {
            hosts[key, default: HostState()].busy = true
        }
        // 2. The host's delay or back-off.
        let nextAllowed = hosts[key]?.nextAllowed ?? .zero
        let remaining = nextAllowed - clock.now
        if remaining > configuration.maxHostWait {
            releaseHost(key)
            return .backingOff(remaining)
        }
        if remaining > .zero {
            do {
                try await clock.sleep(until: nextAllowed)
            } catch {
                releaseHost(key)
                return .cancelled
            }
        }
        // 3. A global slot.
        if inFlight < configuration.maxConcurrentRequests {
            inFlight += 1
        } else if !(await enqueue(.global)) {
            releaseHost(key)
            return .cancelled
        }
        return .granted(Permit(key: key))
    }

    /// Ends a request: frees the global slot, schedules the host's next allowed time, and hands the
    /// host to the next waiter.
    func release(_ permit: Permit, feedback: Feedback) {
        if globalWaiters.isEmpty {
            inFlight -= 1
        } else {
            // The slot passes straight to the next waiter; `inFlight` stays the same.
            globalWaiters.removeFirst().continuation.resume(returning: true)
        }
        let now = clock.now
        var state = hosts[permit.key, default: HostState()]
        var gap = max(configuration.minDelay, state.crawlDelay ?? .zero)
        switch feedback {
        case .normal:
            state.consecutiveBackoffs = 0
        case .backOff(let retryAfter):
            state.consecutiveBackoffs += 1
            gap = max(gap, min(retryAfter ?? exponentialBackoff(state.consecutiveBackoffs), configuration.maxBackoff))
        }
        state.nextAllowed = max(state.nextAllowed, now + gap)
        hosts[permit.key] = state
        releaseHost(permit.key)
        pruneIfLarge(now: now)
    }

    /// Raises the host's gap to its robots.txt `Crawl-delay`, capped at `maxCrawlDelay`.
    func setCrawlDelay(_ delay: Duration?, for key: HostKey) {
        hosts[key, default: HostState()].crawlDelay = delay.map { min($0, configuration.maxCrawlDelay) }
    }

    /// The gap the host currently gets between requests.
    func delay(for key: HostKey) -> Duration {
        max(configuration.minDelay, hosts[key]?.crawlDelay ?? .zero)
    }

    private func exponentialBackoff(_ attempt: Int) -> Duration {
        var backoff = configuration.initialBackoff
        for _ in 1..<max(1, attempt) where backoff < configuration.maxBackoff {
            backoff *= 2
        }
        return min(backoff, configuration.maxBackoff)
    }

    private func releaseHost(_ key: HostKey) {
        guard var state = hosts[key] else { return }
        if state.waiters.isEmpty {
            state.busy = false
            hosts[key] = state
        } else {
            let next = state.waiters.removeFirst()
            hosts[key] = state
            next.continuation.resume(returning: true)
        }
    }

    /// Forgets idle hosts whose gap has passed, so a long crawl over many hosts stays bounded.
    private func pruneIfLarge(now: Duration) {
        guard hosts.count > 4096 else { return }
        hosts = hosts.filter { _, state in
            state.busy || state.nextAllowed > now || state.consecutiveBackoffs > 0 || state.crawlDelay != nil
        }
    }

    // MARK: Waiting

    /// What a waiter waits for.
    private enum Queue: Sendable {
        case host(HostKey)
        case global
    }

    /// Suspends until a releaser resumes the waiter with `true`, or cancellation removes it with `false`.
    ///
    /// The operation closure of `withTaskCancellationHandler` may run off the actor, so it only calls back into the
    /// actor (``register(_:id:continuation:)``), which checks again whether the wait is still needed: a release that
    /// ran in between must not be missed, and the queues must never be touched from another thread.
    private func enqueue(_ queue: Queue) async -> Bool {
        nextWaiterID += 1
        let id = nextWaiterID
        return await withTaskCancellationHandler {
            await self.suspend(queue, id: id)
        } onCancel: {
            Task { await self.cancelWaiter(id) }
        }
    }

    private func suspend(_ queue: Queue, id: UInt64) async -> Bool {
        await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
            register(queue, id: id, continuation: continuation)
        }
    }

    /// Runs on the actor, in one piece with the decision to wait: takes what is free at once, else queues the waiter.
    /// A task cancelled before it got here is not queued (its cancellation hop may have run already).
    private func register(_ queue: Queue, id: UInt64, continuation: CheckedContinuation<Bool, Never>) {
        assertIsolated("the scheduler's queues are touched on the actor only")
        if Task.isCancelled {
            continuation.resume(returning: false)
            return
        }
        switch queue {
        case .host(let key):
            if hosts[key, default: HostState()].busy {
                hosts[key, default: HostState()].waiters.append(Waiter(id: id, continuation: continuation))
            } else {
                hosts[key, default: HostState()].busy = true
                continuation.resume(returning: true)
            }
        case .global:
            if inFlight < configuration.maxConcurrentRequests {
                inFlight += 1
                continuation.resume(returning: true)
            } else {
                globalWaiters.append(Waiter(id: id, continuation: continuation))
            }
        }
    }

    private func cancelWaiter(_ id: UInt64) {
        if let index = globalWaiters.firstIndex(where: { $0.id == id }) {
            globalWaiters.remove(at: index).continuation.resume(returning: false)
            return
        }
        for (key, var state) in hosts {
            guard let index = state.waiters.firstIndex(where: { $0.id == id }) else { continue }
            let waiter = state.waiters.remove(at: index)
            hosts[key] = state
            waiter.continuation.resume(returning: false)
            return
        }
        // Not found: the waiter was already resumed with its slot and will release it normally.
    }
}
