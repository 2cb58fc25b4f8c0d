import SchoolStore

/// One part of the local model, as written to its own file.
enum ModelPart: Sendable, Equatable {
    case school(SchoolPart)
    case cursors(CursorPart)
    case child(ChildPart)
    case timeline(TimelinePart)
    case read(ReadPart)

    var name: String {
        switch self {
        case .school(let p): return p.partName
        case .cursors(let p): return p.partName
        case .child(let p): return p.partName
        case .timeline(let p): return p.partName
        case .read: return PartName.read
        }
    }

    func encode() -> [UInt8] {
        switch self {
        case .school(let p): return p.encode()
        case .cursors(let p): return p.encode()
        case .child(let p): return p.encode()
        case .timeline(let p): return p.encode()
        case .read(let p): return p.encode()
        }
    }

    /// Decodes a part file; nil (with the reason) when it is not a part this
    /// build wrote.
    static func decode(_ bytes: [UInt8], file: String) -> Result<ModelPart, ModelDamage> {
        // Most of a big model: its monthly timelines, read without a JSON tree when they are as written.
        if file.hasPrefix("timeline."), let part = TimelinePart.decodeStreaming(bytes) {
            return .success(.timeline(part))
        }
        let value: JSONValue
        do { value = try JSONParser.parse(bytes) } catch {
            return .failure(ModelDamage(file: file, reason: "malformed JSON at \(error)"))
        }
        let problems = ProblemList()
        guard let r = FieldReader(value, file: file, record: nil, problems: problems), let kind = r.string("part")
        else {
            return .failure(ModelDamage(file: file, reason: "not a model part"))
        }
        let part: ModelPart?
        switch kind {
        case "school": part = SchoolPart.decode(r).map(ModelPart.school)
        case "cursors": part = CursorPart.decode(r).map(ModelPart.cursors)
        case "child": part = ChildPart.decode(r).map(ModelPart.child)
        case "timeline": part = TimelinePart.decode(r).map(ModelPart.timeline)
        case "read": part = ReadPart.decode(r).map(ModelPart.read)
        default: part = nil
        }
        guard let part, problems.isEmpty else {
            return .failure(
                ModelDamage(file: file, reason: problems.problems.first?.description ?? "unknown part kind \"\(kind)\"")
            )
        }
        return .success(part)
    }
}
