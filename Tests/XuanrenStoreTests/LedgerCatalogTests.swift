import Foundation
import SelectionCore
import Testing
import XuanrenStore
import XuanrenTestSupport

/// LED-1: every action the ledger records says what it records in words, in both languages — what the person's
/// table and the matter's record (LED-3) print beside each sequence number.
@Suite("Ledger actions in words")
struct LedgerCatalogTests {
    @Test("LED-1 every case of every area's action enum has a non-empty zh-Hans and English title, distinct from each other and from every other action's")
    func everyActionHasWords() {
        var zhSeen: [String: String] = [:], enSeen: [String: String] = [:]
        for area in LedgerCatalog.areas {
            for (raw, action) in area.described {
                let zh = action.title(in: .zhHans), en = action.title(in: .en)
                #expect(!zh.trimmingCharacters(in: .whitespaces).isEmpty && !en.trimmingCharacters(in: .whitespaces).isEmpty, "\(raw)")
                #expect(zh != en, "\(raw): the same words in both languages")
                #expect(zh != raw && en != raw, "\(raw): its title is its stored string")
                #expect(zh.unicodeScalars.contains { $0.value >= 0x4E00 }, "\(raw): “\(zh)” is not Chinese")
                #expect(zhSeen.updateValue(raw, forKey: zh) == nil, "\(raw) and \(zhSeen[zh] ?? "") share the title “\(zh)”")
                #expect(enSeen.updateValue(raw, forKey: en) == nil, "\(raw) and \(enSeen[en] ?? "") share the title “\(en)”")
                #expect(LedgerCatalog.title(of: raw, in: .zhHans) == zh && LedgerCatalog.title(of: raw, in: .en) == en)
            }
        }
    }

    @Test("LED-1 the catalog knows exactly the actions the areas declare; an unknown action and an unknown key show as stored")
    func catalogCoversTheDeclaredActions() {
        #expect(LedgerCatalog.actions.sorted() == LedgerActionTests.declared.sorted())
        #expect(LedgerCatalog.title(of: "matter.nominate", in: .zhHans) == "提名")
        #expect(LedgerCatalog.title(of: "test.step", in: .en) == "test.step")
        #expect(LedgerCatalog.label(of: "person", in: .zhHans) == "人选")
        #expect(LedgerCatalog.label(of: "gate", in: .zhHans) == "关口")
        #expect(LedgerCatalog.label(of: "reason_hmac", in: .zhHans) == "理由（摘要）")
        #expect(LedgerCatalog.label(of: "reason_hmac", in: .en) == "reason (digest)")
        #expect(LedgerCatalog.label(of: "something_new", in: .zhHans) == "something_new")
    }

    @Test("LED-1 payload values read back as they were written: numbers stay numbers, yes/no in words, digests shortened")
    func payloadValues() {
        let json = LedgerValue.canonicalJSON(["count": 1, "flagged": true, "hmac": .string(String(repeating: "ab", count: 32)), "none": .null,
                                              "accounts": .array(["a", "b"]), "to": "inspection"])
        let p = LedgerCatalog.payload(json)
        #expect(p.map(\.key) == ["accounts", "count", "flagged", "hmac", "none", "to"])
        #expect(p.first { $0.key == "count" }?.value == .int(1))
        #expect(p.first { $0.key == "flagged" }?.value == .bool(true))
        let text = Dictionary(uniqueKeysWithValues: p.map { ($0.key, LedgerCatalog.text(of: $0.value, key: $0.key, in: .zhHans)) })
        #expect(text == ["accounts": "a、b", "count": "1", "flagged": "是", "hmac": "abababababab…", "none": "—", "to": "inspection"])
        #expect(LedgerCatalog.payload("not json").isEmpty)
    }
}
