/// The 干部任免审批表 exchange file (`.lrmx`, ../shared/formats/lrmx.md): UTF-8 XML, root `<Person>`.
/// Reading tolerates a BOM, any element order and unknown elements (kept for the round trip);
/// writing uses the order of the format. 简历 lines are written with CRLF.
public enum LRMX {
    /// Element names in the order the format writes them, with how each maps onto the file.
    static var fields: [(String, WritableKeyPath<CadreFile, String>)] { [
        ("XingMing", \.name), ("XingBie", \.sex), ("ChuShengNianYue", \.birth), ("MinZu", \.ethnicity),
        ("JiGuan", \.nativePlace), ("ChuShengDi", \.birthplace), ("RuDangShiJian", \.party), ("CanJiaGongZuoShiJian", \.workStart),
        ("JianKangZhuangKuang", \.health), ("ZhuanYeJiShuZhiWu", \.title), ("ShuXiZhuanYeYouHeZhuanChang", \.expertise),
        ("QuanRiZhiJiaoYu_XueLi", \.fullTime.level), ("QuanRiZhiJiaoYu_XueWei", \.fullTime.degree),
        ("QuanRiZhiJiaoYu_XueLi_BiYeYuanXiaoXi", \.fullTime.levelSchool), ("QuanRiZhiJiaoYu_XueWei_BiYeYuanXiaoXi", \.fullTime.degreeSchool),
        ("ZaiZhiJiaoYu_XueLi", \.inService.level), ("ZaiZhiJiaoYu_XueWei", \.inService.degree),
        ("ZaiZhiJiaoYu_XueLi_BiYeYuanXiaoXi", \.inService.levelSchool), ("ZaiZhiJiaoYu_XueWei_BiYeYuanXiaoXi", \.inService.degreeSchool),
        ("XianRenZhiWu", \.currentPost), ("NiRenZhiWu", \.proposedPost), ("NiMianZhiWu", \.proposedRemoval), ("JianLi", \.resume),
        ("JiangChengQingKuang", \.rewards), ("NianDuKaoHeJieGuo", \.assessmentText), ("RenMianLiYou", \.reason),
    ] }
    static var trailing: [(String, WritableKeyPath<CadreFile, String>)] { [
        ("ChengBaoDanWei", \.reportingUnit), ("JiSuanNianLingShiJian", \.ageDate), ("TianBiaoShiJian", \.fillDate),
        ("TianBiaoRen", \.filledBy), ("ShenFenZheng", \.residentID), ("ZhaoPian", \.photo), ("Version", \.version),
    ] }
    static var family: [(String, WritableKeyPath<CadreFile.Relative, String>)] { [
        ("ChengWei", \.relation), ("XingMing", \.name), ("ChuShengRiQi", \.birth), ("ZhengZhiMianMao", \.politicalStatus), ("GongZuoDanWeiJiZhiWu", \.workplace),
    ] }

    public enum Problem: Error, Sendable, Equatable {
        case xml(XMLProblem)
        case notPerson(String)
        case missingName
        public func message(in l: Language) -> String {
            switch (self, l) {
            case (.xml(let p), _): return p.message(in: l)
            case (.notPerson(let r), .zhHans): return "根元素应为<Person>（现为<\(r)>），不是任免审批表文件"
            case (.notPerson(let r), .en): return "the root element should be <Person> (found <\(r)>): not an LRMX file"
            case (.missingName, .zhHans): return "缺少姓名（XingMing）"
            case (.missingName, .en): return "the name (XingMing) is missing"
            }
        }
    }

    /// Reads one `.lrmx` file. Structured grades are read from 年度考核结果; the rank from the current
    /// résumé line when it names one in parentheses, e.g. `（副科级）`.
    public static func read(_ bytes: [UInt8], ladder: RankLadder = .standard) throws(Problem) -> CadreFile {
        let root: XMLNode
        do { root = try XMLReader.parse(bytes) } catch { throw .xml(error) }
        guard root.name == "Person" else { throw .notPerson(root.name) }
        var file = CadreFile()
        let known = Dictionary(uniqueKeysWithValues: (fields + trailing).map { ($0.0, $0.1) })
        for node in root.children {
            if let path = known[node.name] {
                file[keyPath: path] = node.name == "JianLi" ? node.text : node.text.trimmingCharacters(" \t\n\u{3000}")
            } else if node.name == "JiaTingChengYuan" {
                for item in node.children where item.name == "Item" {
                    var r = CadreFile.Relative()
                    for (n, p) in family { r[keyPath: p] = item.child(n)?.text.trimmingCharacters(" \t\n") ?? "" }
                    file.family.append(r)
                }
            } else {
                file.extras.append(.init(name: node.name, text: node.text))
            }
        }
        guard !file.name.isEmpty else { throw .missingName }
        file.resume = normalizeLines(file.resume)
        file.assessments = CadreFile.assessments(in: file.assessmentText)
        if let current = file.parsedResume.entries.last(where: { $0.end == nil }), let rank = Resume.rankMentioned(in: current.text, ladder: ladder) {
            file.rank = rank
        }
        return file
    }

    /// The form editor version written into files made by Xuanren.
    public static let version = "3.2.1.6"

    /// Writes the file in the format's element order (unknown imported elements before `Version`).
    public static func write(_ file: CadreFile) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\r\n<Person>\r\n"
        func el(_ name: String, _ value: String, indent: String = "  ") {
            out += value.isEmpty ? "\(indent)<\(name) />\r\n" : "\(indent)<\(name)>\(XMLWriter.escape(value))</\(name)>\r\n"
        }
        for (name, path) in fields {
            el(name, name == "JianLi" ? crlf(file[keyPath: path]) : file[keyPath: path])
        }
        out += "  <JiaTingChengYuan>\r\n"
        for r in file.family {
            out += "    <Item>\r\n"
            for (n, p) in family { el(n, r[keyPath: p], indent: "      ") }
            out += "    </Item>\r\n"
        }
        out += "  </JiaTingChengYuan>\r\n"
        for (name, path) in trailing where name != "Version" { el(name, file[keyPath: path]) }
        for x in file.extras { el(x.name, x.text) }
        el("Version", file.version)
        out += "</Person>\r\n"
        return out
    }

    static func normalizeLines(_ s: String) -> String {
        s.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\r\n" || $0 == "\n" || $0 == "\r" })
            .joined(separator: "\n").trimmingCharacters("\n")
    }
    static func crlf(_ s: String) -> String {
        s.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\r\n" || $0 == "\n" || $0 == "\r" }).joined(separator: "\r\n")
    }
}
