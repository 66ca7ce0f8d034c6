import BarbellFeatures
import Testing

@Suite("Feature catalogue")
struct CatalogTests {
    let catalog = FeatureCatalog.standard

    @Test("at least 500 distinct named features")
    func size() {
        #expect(catalog.descriptors.count >= 500, "catalogue has \(catalog.descriptors.count)")
    }

    @Test("the whole classic TA-Lib set is present, by TA-Lib's names")
    func taLibSet() throws {
        var names = Set<String>()
        for dataSet in TALibFixture.dataSets.prefix(1) {
            for (column, _) in try TALibFixture.load(dataSet).expected {
                names.insert(try FeatureSpec.parse(Substring(splitColumnName(column).spec)).name)
            }
        }
        #expect(names.count == 135)
        let missing = names.filter { catalog[$0] == nil }.sorted()
        #expect(missing.isEmpty, "missing: \(missing)")
    }

    @Test("every descriptor is documented and its defaults are valid")
    func descriptorsAreWellFormed() throws {
        for d in catalog.descriptors {
            #expect(!d.summary.isEmpty, "\(d.name) has no summary")
            #expect(!d.outputs.isEmpty && !d.inputs.isEmpty, "\(d.name) needs inputs and outputs")
            #expect(Set(d.outputs).count == d.outputs.count, "\(d.name) repeats an output name")
            for p in d.parameters {
                #expect(p.range.contains(p.defaultValue), "\(d.name).\(p.name) default outside its range")
                #expect(p.name == p.name.lowercased(), "\(d.name).\(p.name) should be lower-case like TA-Lib's")
            }
            #expect(d.lookback(d.defaultParameters) >= 0, "\(d.name) negative lookback")
            #expect(d.name == d.name.uppercased(), "\(d.name) should be upper-case")
        }
    }
}
