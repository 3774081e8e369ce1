extension Duration {
    /// The duration in seconds, fractions included, for reports and rates.
    public var seconds: Double {
        let (whole, fraction) = components
        return Double(whole) + Double(fraction) / 1e18
    }
}
