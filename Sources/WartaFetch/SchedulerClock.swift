/// A `Clock` with `Duration` steps, reduced to "time since start" and "sleep until".
///
/// The scheduler stores instants as durations since the clock was wrapped, so it needs no generic
/// parameter; tests can still pass a clock of their own.
struct SchedulerClock: Sendable {
    private let nowSinceStart: @Sendable () -> Duration
    private let sleepUntil: @Sendable (Duration) async throws -> Void

    init<C: Clock>(_ clock: C) where C.Duration == Duration {
        let origin = clock.now
        nowSinceStart = { origin.duration(to: clock.now) }
        sleepUntil = { deadline in try await clock.sleep(until: origin.advanced(by: deadline), tolerance: nil) }
    }

    /// Time since the clock was wrapped.
    var now: Duration { nowSinceStart() }

    /// Sleeps until `now` reaches `deadline`.
    ///
    /// - Throws: `CancellationError` when the task is cancelled.
    func sleep(until deadline: Duration) async throws {
        try await sleepUntil(deadline)
    }
}
