/// pandas' rolling functions turn ±inf into NaN before they run (`_prep_values`), so every
/// value entering a pandas-style rolling primitive goes through this.
@inline(__always)
func pandasValue(_ x: Double) -> Double { x.isFinite ? x : .nan }
