/// The input columns handed to a batch kernel, in the descriptor's input order, all of
/// ``count`` values.
///
/// With ``NaNPolicy/skipLeading`` the columns start at the first bar where every input is a
/// number, exactly as the TA-Lib Python wrapper slices them before calling the C function.
public struct BatchInputs {
    public let count: Int
    @usableFromInline let columns: [UnsafeBufferPointer<Double>]

    public init(count: Int, columns: [UnsafeBufferPointer<Double>]) {
        self.count = count
        self.columns = columns
    }

    /// Column `i` (the descriptor's `inputs[i]`).
    @inlinable public subscript(i: Int) -> UnsafeBufferPointer<Double> { columns[i] }
}

/// The output columns a batch kernel writes, one per descriptor output, ``count`` values each,
/// pre-filled with the descriptor's `warmupValue` (NaN unless it says otherwise) so a kernel
/// writes only from its lookback on. With `writesEveryOutput` only the warm-up prefix is
/// pre-filled and the kernel must write every slot from its lookback on.
public struct BatchOutputs {
    public let count: Int
    @usableFromInline let columns: [UnsafeMutableBufferPointer<Double>]

    public init(count: Int, columns: [UnsafeMutableBufferPointer<Double>]) {
        self.count = count
        self.columns = columns
    }

    @inlinable public subscript(i: Int) -> UnsafeMutableBufferPointer<Double> { columns[i] }
}
