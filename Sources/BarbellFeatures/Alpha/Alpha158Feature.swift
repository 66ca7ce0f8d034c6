/// One column of Qlib's Alpha158 set (`qlib.contrib.data.loader.Alpha158DL` with the
/// `Alpha158` handler's configuration): nine candle ("kbar") ratios, four price ratios, and 29
/// rolling operators over windows 5, 10, 20, 30 and 60.
enum Alpha158Feature: Hashable, Sendable {
    case kbar(Kbar)
    case price(PriceField)
    case rolling(Rolling, window: Int)

    enum Kbar: String, CaseIterable, Sendable {
        case KMID, KLEN, KMID2, KUP, KUP2, KLOW, KLOW2, KSFT, KSFT2
    }

    enum PriceField: String, CaseIterable, Sendable {
        case OPEN, HIGH, LOW, VWAP
    }

    /// The rolling operators, in Qlib's column order.
    enum Rolling: String, CaseIterable, Sendable {
        case ROC, MA, STD, BETA, RSQR, RESI, MAX, MIN, QTLU, QTLD, RANK, RSV, IMAX, IMIN, IMXD
        case CORR, CORD, CNTP, CNTN, CNTD, SUMP, SUMN, SUMD, VMA, VSTD, WVMA, VSUMP, VSUMN, VSUMD
    }

    static let windows = [5, 10, 20, 30, 60]

    /// All 158, in Qlib's column order.
    static let all: [Alpha158Feature] =
        Kbar.allCases.map { .kbar($0) } + PriceField.allCases.map { .price($0) }
        + Rolling.allCases.flatMap { kind in windows.map { .rolling(kind, window: $0) } }

    var name: String {
        switch self {
        case .kbar(let k): k.rawValue
        case .price(let p): p.rawValue + "0"
        case .rolling(let kind, let window): kind.rawValue + String(window)
        }
    }

    /// Qlib's expression for the column, quoted from `Alpha158DL.get_feature_config`.
    var expression: String {
        switch self {
        case .kbar(let k):
            switch k {
            case .KMID: "($close-$open)/$open"
            case .KLEN: "($high-$low)/$open"
            case .KMID2: "($close-$open)/($high-$low+1e-12)"
            case .KUP: "($high-Greater($open, $close))/$open"
            case .KUP2: "($high-Greater($open, $close))/($high-$low+1e-12)"
            case .KLOW: "(Less($open, $close)-$low)/$open"
            case .KLOW2: "(Less($open, $close)-$low)/($high-$low+1e-12)"
            case .KSFT: "(2*$close-$high-$low)/$open"
            case .KSFT2: "(2*$close-$high-$low)/($high-$low+1e-12)"
            }
        case .price(let p): "$\(p.rawValue.lowercased())/$close"
        case .rolling(let kind, let d):
            switch kind {
            case .ROC: "Ref($close, \(d))/$close"
            case .MA: "Mean($close, \(d))/$close"
            case .STD: "Std($close, \(d))/$close"
            case .BETA: "Slope($close, \(d))/$close"
            case .RSQR: "Rsquare($close, \(d))"
            case .RESI: "Resi($close, \(d))/$close"
            case .MAX: "Max($high, \(d))/$close"
            case .MIN: "Min($low, \(d))/$close"
            case .QTLU: "Quantile($close, \(d), 0.8)/$close"
            case .QTLD: "Quantile($close, \(d), 0.2)/$close"
            case .RANK: "Rank($close, \(d))"
            case .RSV: "($close-Min($low, \(d)))/(Max($high, \(d))-Min($low, \(d))+1e-12)"
            case .IMAX: "IdxMax($high, \(d))/\(d)"
            case .IMIN: "IdxMin($low, \(d))/\(d)"
            case .IMXD: "(IdxMax($high, \(d))-IdxMin($low, \(d)))/\(d)"
            case .CORR: "Corr($close, Log($volume+1), \(d))"
            case .CORD: "Corr($close/Ref($close,1), Log($volume/Ref($volume, 1)+1), \(d))"
            case .CNTP: "Mean($close>Ref($close, 1), \(d))"
            case .CNTN: "Mean($close<Ref($close, 1), \(d))"
            case .CNTD: "Mean($close>Ref($close, 1), \(d))-Mean($close<Ref($close, 1), \(d))"
            case .SUMP: "Sum(Greater($close-Ref($close, 1), 0), \(d))/(Sum(Abs($close-Ref($close, 1)), \(d))+1e-12)"
            case .SUMN: "Sum(Greater(Ref($close, 1)-$close, 0), \(d))/(Sum(Abs($close-Ref($close, 1)), \(d))+1e-12)"
            case .SUMD: "(Sum(Greater($close-Ref($close, 1), 0), \(d))-Sum(Greater(Ref($close, 1)-$close, 0), \(d)))/(Sum(Abs($close-Ref($close, 1)), \(d))+1e-12)"
            case .VMA: "Mean($volume, \(d))/($volume+1e-12)"
            case .VSTD: "Std($volume, \(d))/($volume+1e-12)"
            case .WVMA: "Std(Abs($close/Ref($close, 1)-1)*$volume, \(d))/(Mean(Abs($close/Ref($close, 1)-1)*$volume, \(d))+1e-12)"
            case .VSUMP: "Sum(Greater($volume-Ref($volume, 1), 0), \(d))/(Sum(Abs($volume-Ref($volume, 1)), \(d))+1e-12)"
            case .VSUMN: "Sum(Greater(Ref($volume, 1)-$volume, 0), \(d))/(Sum(Abs($volume-Ref($volume, 1)), \(d))+1e-12)"
            case .VSUMD: "(Sum(Greater($volume-Ref($volume, 1), 0), \(d))-Sum(Greater(Ref($volume, 1)-$volume, 0), \(d)))/(Sum(Abs($volume-Ref($volume, 1)), \(d))+1e-12)"
            }
        }
    }

    /// The input columns the feature reads (the descriptor's inputs; ``AlphaBar/Layout`` maps
    /// them back to bar fields).
    var inputs: [InputField] {
        switch self {
        case .kbar(let k):
            switch k {
            case .KMID: [.open, .close]
            case .KLEN: [.open, .high, .low]
            default: [.open, .high, .low, .close]
            }
        case .price(let p):
            switch p {
            case .OPEN: [.open, .close]
            case .HIGH: [.high, .close]
            case .LOW: [.low, .close]
            case .VWAP: [.close, .vwap]
            }
        case .rolling(let kind, _):
            switch kind {
            case .MAX: [.high, .close]
            case .IMAX: [.high]
            case .MIN: [.low, .close]
            case .IMIN: [.low]
            case .IMXD: [.high, .low]
            case .RSV: [.high, .low, .close]
            case .CORR, .CORD, .WVMA: [.close, .volume]
            case .VMA, .VSTD, .VSUMP, .VSUMN, .VSUMD: [.volume]
            default: [.close]
            }
        }
    }
}
