/// Shared input checks for the cycle tools, naming the field and index at fault.
enum CycleValidation {
    static func finite(_ x: [Double], _ field: String) throws {
        if let i = x.firstIndex(where: { !$0.isFinite }) {
            throw RegimeError(.nonFinite, "\(field)[\(i)] is \(x[i]); expected finite values")
        }
    }

    static func minimumCount(_ x: [Double], _ n: Int, _ field: String, _ why: String) throws {
        if x.count < n {
            throw RegimeError(.insufficientData, "\(field) has \(x.count) values; \(why) needs at least \(n)")
        }
    }
}
