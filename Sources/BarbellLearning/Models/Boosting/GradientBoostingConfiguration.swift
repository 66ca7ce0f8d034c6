/// Settings for a ``GradientBoosting`` model, mapped one to one onto XGBoost parameters.
public struct GradientBoostingConfiguration: Sendable, Equatable {
    /// What the trees fit.
    public enum Objective: Sendable, Equatable {
        /// Squared-error regression (`reg:squarederror`); default metric rmse.
        case regression
        /// Binary classification on labels 0/1, predicting P(1) (`binary:logistic`); default metric logloss.
        case binary
        /// Multi-class on labels 0..<classes, predicting one probability per class
        /// (`multi:softprob`); default metric mlogloss.
        case multiClass(classes: Int)

        var name: String {
            switch self {
            case .regression: "reg:squarederror"
            case .binary: "binary:logistic"
            case .multiClass: "multi:softprob"
            }
        }
    }

    /// The loss.
    public var objective: Objective
    /// Boosting rounds (trees per output).
    public var rounds: Int = 100
    /// Learning rate (`eta`).
    public var eta: Double = 0.3
    /// Maximum tree depth (`max_depth`).
    public var maxDepth: Int = 6
    /// Row subsample ratio per tree (`subsample`, in (0, 1]).
    public var subsample: Double = 1
    /// Column subsample ratio per tree (`colsample_bytree`, in (0, 1]).
    public var colsampleByTree: Double = 1
    /// L2 penalty on leaf weights (`lambda`).
    public var lambda: Double = 1
    /// L1 penalty on leaf weights (`alpha`).
    public var alpha: Double = 0
    /// Minimum hessian sum in a child (`min_child_weight`).
    public var minChildWeight: Double = 1
    /// Tree construction algorithm (`tree_method`).
    public var treeMethod: String = "hist"
    /// Random seed (`seed`, its low 63 bits); the same seed and thread count give identical models.
    public var seed: UInt64 = 0
    /// Threads (`nthread`); 0 lets XGBoost choose.
    public var threads: Int = 0

    /// A configuration with XGBoost's defaults except `tree_method = hist`.
    public init(objective: Objective) { self.objective = objective }

    /// The number of outputs per row (classes for multi-class, else 1).
    public var outputs: Int {
        if case .multiClass(let classes) = objective { return classes }
        return 1
    }

    /// Checks every value against its domain.
    func validate() throws(LearningError) {
        func fail(_ what: String) -> LearningError { LearningError(.invalidArgument, what) }
        if case .multiClass(let classes) = objective, classes < 2 {
            throw fail("multiClass classes = \(classes): expected ≥ 2")
        }
        guard rounds >= 1 else { throw fail("rounds = \(rounds): expected ≥ 1") }
        guard eta.isFinite, eta > 0 else { throw fail("eta = \(eta): expected finite > 0") }
        guard maxDepth >= 0 else { throw fail("maxDepth = \(maxDepth): expected ≥ 0") }
        guard subsample > 0, subsample <= 1 else { throw fail("subsample = \(subsample): expected in (0, 1]") }
        guard colsampleByTree > 0, colsampleByTree <= 1 else {
            throw fail("colsampleByTree = \(colsampleByTree): expected in (0, 1]")
        }
        guard lambda.isFinite, lambda >= 0 else { throw fail("lambda = \(lambda): expected finite ≥ 0") }
        guard alpha.isFinite, alpha >= 0 else { throw fail("alpha = \(alpha): expected finite ≥ 0") }
        guard minChildWeight.isFinite, minChildWeight >= 0 else {
            throw fail("minChildWeight = \(minChildWeight): expected finite ≥ 0")
        }
        guard threads >= 0 else { throw fail("threads = \(threads): expected ≥ 0") }
    }

    /// The XGBoost parameters, in the order they are set. Doubles are written with Swift's
    /// shortest round-trip form so XGBoost parses back exactly the value given.
    var parameters: [(String, String)] {
        var list: [(String, String)] = [
            ("objective", objective.name),
            ("eta", "\(eta)"),
            ("max_depth", "\(maxDepth)"),
            ("subsample", "\(subsample)"),
            ("colsample_bytree", "\(colsampleByTree)"),
            ("lambda", "\(lambda)"),
            ("alpha", "\(alpha)"),
            ("min_child_weight", "\(minChildWeight)"),
            ("tree_method", treeMethod),
            // XGBoost reads `seed` as a signed 64-bit integer and refuses larger values; the top
            // bit is dropped so every UInt64 seed is accepted (and distinct seeds below 2⁶³ stay distinct).
            ("seed", "\(seed & 0x7FFF_FFFF_FFFF_FFFF)"),
            ("nthread", "\(threads)"),
        ]
        if case .multiClass(let classes) = objective { list.append(("num_class", "\(classes)")) }
        return list
    }
}

/// Which per-feature total ``GradientBoosting/featureImportance(kind:)`` reports.
public enum FeatureImportanceKind: String, Sendable, CaseIterable {
    /// Splits using the feature.
    case weight
    /// Mean loss reduction of those splits.
    case gain
    /// Summed loss reduction.
    case totalGain = "total_gain"
    /// Mean hessian cover of those splits.
    case cover
    /// Summed hessian cover.
    case totalCover = "total_cover"
}
