import BarbellFeatures

/// A walk-forward experiment declared in YAML or JSON: the data, the features, the label, the
/// model, the validation scheme and the seed. Every section but `data` and `model` has defaults,
/// so a file names only what it changes.
///
/// ```yaml
/// name: equities-xgboost
/// seed: 7
/// data: {files: [Samples/skfolio_sp500_dataset.csv.gz], symbols: [AAPL, MSFT, JPM], from: 2005-01-01}
/// features: [ROC5, ROC20, STD20, MA20, CORD10]       # or a built-in set name: alpha158
/// label: {kind: forward-return, horizon: 1}
/// validation: {window: expanding, testBars: 250, firstTest: 0.5, validation: 0.2}
/// model: {type: xgboost, rounds: 200, eta: 0.05, maxDepth: 4, earlyStopping: 20}
/// ```
public struct ExperimentConfiguration: Sendable, Equatable, Codable {
    /// The experiment's name; runs are listed under it.
    public var name: String
    /// The seed of every random choice (model fits, the shuffled-label control).
    public var seed: UInt64
    public var data: DataSection
    public var features: FeatureSection
    public var label: LabelSection
    public var validation: ValidationSection
    public var model: ModelConfiguration
    /// Models to compare on the same data, folds and seed (each run and recorded on its own, as
    /// `name/model-name`); when given, `model` may be left out and defaults to the first.
    public var models: [NamedModel]?
    /// The tuning study's settings (read by `barbell tune`), kept as given.
    public var tune: ConfigValue?

    public init(name: String, seed: UInt64 = 0, data: DataSection, features: FeatureSection = .builtin("alpha158"),
                label: LabelSection = LabelSection(), validation: ValidationSection = ValidationSection(),
                model: ModelConfiguration, models: [NamedModel]? = nil, tune: ConfigValue? = nil) {
        self.name = name
        self.seed = seed
        self.data = data
        self.features = features
        self.label = label
        self.validation = validation
        self.model = model
        self.models = models
        self.tune = tune
    }

    /// One model of a comparison: a short name and its configuration.
    public struct NamedModel: Sendable, Equatable, Codable {
        public var name: String
        public var model: ModelConfiguration
        public init(name: String, model: ModelConfiguration) {
            self.name = name
            self.model = model
        }
    }

    /// One configuration per model to run: this one when it names a single model, else one per
    /// entry of ``models``, named `name/model-name`.
    public var variants: [ExperimentConfiguration] {
        guard let models, !models.isEmpty else { return [self] }
        return models.map { entry in
            var variant = self
            variant.name = "\(name)/\(entry.name)"
            variant.model = entry.model
            variant.models = nil
            return variant
        }
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case name, seed, data, features, label, validation, model, models, tune }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        seed = try c.decodeIfPresent(UInt64.self, forKey: .seed) ?? 0
        data = try c.decode(DataSection.self, forKey: .data)
        features = try c.decodeIfPresent(FeatureSection.self, forKey: .features) ?? .builtin("alpha158")
        label = try c.decodeIfPresent(LabelSection.self, forKey: .label) ?? LabelSection()
        validation = try c.decodeIfPresent(ValidationSection.self, forKey: .validation) ?? ValidationSection()
        models = try c.decodeIfPresent([NamedModel].self, forKey: .models)
        if let first = models?.first, !c.contains(.model) {
            model = first.model
        } else {
            model = try c.decode(ModelConfiguration.self, forKey: .model)
        }
        tune = try c.decodeIfPresent(ConfigValue.self, forKey: .tune)
    }

    /// Where the bars come from.
    public struct DataSection: Sendable, Equatable, Codable {
        /// Bar files (CSV in any supported layout, wide close matrices included, or candle JSON);
        /// relative paths are read against the configuration file's folder, then the working folder.
        public var files: [String]
        /// The symbols to keep (default: every symbol in the files).
        public var symbols: [String]?
        /// The first and last dates to keep, ISO-8601 (`2005-01-01`), inclusive.
        public var from: String?
        public var to: String?

        public init(files: [String], symbols: [String]? = nil, from: String? = nil, to: String? = nil) {
            self.files = files
            self.symbols = symbols
            self.from = from
            self.to = to
        }
    }

    /// The feature set: a built-in set's name, a list of feature specs, or a feature-set file.
    public enum FeatureSection: Sendable, Equatable, Codable {
        case builtin(String)
        case specs([String])
        case file(String)

        enum Keys: String, CodingKey { case file }

        public init(from decoder: any Decoder) throws {
            if let c = try? decoder.singleValueContainer(), let name = try? c.decode(String.self) {
                self = .builtin(name)
            } else if let c = try? decoder.singleValueContainer(), let specs = try? c.decode([String].self) {
                self = .specs(specs)
            } else {
                let c = try decoder.container(keyedBy: Keys.self)
                self = .file(try c.decode(String.self, forKey: .file))
            }
        }

        public func encode(to encoder: any Encoder) throws {
            switch self {
            case .builtin(let name): var c = encoder.singleValueContainer(); try c.encode(name)
            case .specs(let specs): var c = encoder.singleValueContainer(); try c.encode(specs)
            case .file(let path): var c = encoder.container(keyedBy: Keys.self); try c.encode(path, forKey: .file)
            }
        }
    }

    /// The label: `forward-return`, `direction` (with a dead zone) or `triple-barrier`.
    public struct LabelSection: Sendable, Equatable, Codable {
        public var kind: String = "forward-return"
        /// Bars ahead (the vertical barrier for triple-barrier).
        public var horizon: Int = 1
        /// `log` or `simple` returns.
        public var returns: ReturnKind = .log
        /// Direction: |r| ≤ deadZone is 0.
        public var deadZone: Double = 0
        /// Triple-barrier: barriers in multiples of the EWM volatility, and its span.
        public var profitTake: Double = 1
        public var stopLoss: Double = 1
        public var volatilitySpan: Double = 50
        /// Sample weights for fitting: `none`, or `uniqueness` (each sample's average uniqueness
        /// over the bars its label reads, per symbol; AFML 4.4), for overlapping labels.
        public var weights: String = "none"

        public init() {}

        enum CodingKeys: String, CodingKey { case kind, horizon, returns, deadZone, profitTake, stopLoss, volatilitySpan, weights }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            kind = try c.decodeIfPresent(String.self, forKey: .kind) ?? kind
            horizon = try c.decodeIfPresent(Int.self, forKey: .horizon) ?? horizon
            returns = try c.decodeIfPresent(ReturnKind.self, forKey: .returns) ?? returns
            deadZone = try c.decodeIfPresent(Double.self, forKey: .deadZone) ?? deadZone
            profitTake = try c.decodeIfPresent(Double.self, forKey: .profitTake) ?? profitTake
            stopLoss = try c.decodeIfPresent(Double.self, forKey: .stopLoss) ?? stopLoss
            volatilitySpan = try c.decodeIfPresent(Double.self, forKey: .volatilitySpan) ?? volatilitySpan
            weights = try c.decodeIfPresent(String.self, forKey: .weights) ?? weights
        }

        /// The label this section declares.
        public func definition() throws(LearningError) -> LabelDefinition {
            guard weights == "none" || weights == "uniqueness" else {
                throw LearningError(.invalidArgument, "label.weights = \(weights): expected none or uniqueness")
            }
            guard horizon >= 1 else { throw LearningError(.invalidArgument, "label.horizon = \(horizon): expected ≥ 1") }
            switch kind {
            case "forward-return": return .forwardReturn(horizon: horizon, kind: returns)
            case "direction":
                guard deadZone >= 0, deadZone.isFinite else {
                    throw LearningError(.invalidArgument, "label.deadZone = \(deadZone): expected a finite value ≥ 0")
                }
                return .direction(horizon: horizon, kind: returns, deadZone: deadZone)
            case "triple-barrier":
                return .tripleBarrier(TripleBarrierConfig(profitTake: profitTake, stopLoss: stopLoss, horizon: horizon,
                                                          volatilitySpan: volatilitySpan))
            default:
                throw LearningError(.invalidArgument, "label.kind = \(kind): expected forward-return, direction or triple-barrier")
            }
        }
    }

    /// Walk-forward folds on the shared calendar.
    public struct ValidationSection: Sendable, Equatable, Codable {
        /// `expanding` or `sliding` training windows.
        public var window: String = "expanding"
        /// Calendar bars of training for a sliding window.
        public var trainBars: Int?
        /// Calendar bars in each test block.
        public var testBars: Int = 250
        /// Calendar bars between test starts (retrain step); default `testBars`.
        public var step: Int?
        /// The first test bar: a fraction of the calendar when below 1, else a bar index.
        public var firstTest: Double = 0.5
        /// The most recent share of each training window held out (purged) for early stopping and
        /// ensemble weights; 0 disables it.
        public var validation: Double = 0.2

        public init() {}

        enum CodingKeys: String, CodingKey { case window, trainBars, testBars, step, firstTest, validation }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            window = try c.decodeIfPresent(String.self, forKey: .window) ?? window
            trainBars = try c.decodeIfPresent(Int.self, forKey: .trainBars)
            testBars = try c.decodeIfPresent(Int.self, forKey: .testBars) ?? testBars
            step = try c.decodeIfPresent(Int.self, forKey: .step)
            firstTest = try c.decodeIfPresent(Double.self, forKey: .firstTest) ?? firstTest
            validation = try c.decodeIfPresent(Double.self, forKey: .validation) ?? validation
        }
    }
}
