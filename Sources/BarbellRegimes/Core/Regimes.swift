import BarbellQuant

// BarbellRegimes: market regimes (hidden Markov models, mixtures, the regime detector), change
// points and anomalies, cycles and pattern matching, and market networks.
//
// Errors are BarbellQuant's `QuantError` (a stable code and a message naming the offending
// field), so the CLI and callers handle the quant core and the regime models alike.

/// The error type of the regime models (BarbellQuant's, re-exported under this name).
public typealias RegimeError = QuantError
