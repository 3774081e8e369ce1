/// What one fetch produced. Expected failures (refusals, timeouts, HTTP errors) are values, not
/// thrown errors, so a crawl loop can count them by kind.
public enum FetchResult: Sendable, Hashable {
    /// A 2xx response with its body.
    case fetched(FetchedPage)
    /// The server answered 304 to a conditional request: the stored copy is current.
    case notModified
    /// The fetch did not produce a page.
    case failed(FetchFailure)

    /// The page, when there is one.
    public var page: FetchedPage? {
        if case .fetched(let page) = self { return page }
        return nil
    }

    /// The failure, when there is one.
    public var failure: FetchFailure? {
        if case .failed(let failure) = self { return failure }
        return nil
    }
}
