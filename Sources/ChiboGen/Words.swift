import ChiboModel

// The words the generated data files write for the model's values: the Vietnamese of a committee's
// own files, which the content loader reads back (ChiboContent's `Words`).

extension Sector {
    /// Loại hình, in the units file.
    var word: String {
        switch self {
        case .agency: return "cơ quan"
        case .publicService: return "sự nghiệp"
        case .enterprise: return "doanh nghiệp"
        }
    }
}

extension UnitKind {
    /// Loại, in the units file.
    var word: String {
        switch self {
        case .committee: return "đảng bộ cơ sở"
        case .branch: return "chi bộ"
        }
    }
}

extension MeetingKind {
    /// Loại, in the meetings files.
    var word: String {
        switch self {
        case .regular: return "thường kỳ"
        case .thematic: return "chuyên đề"
        }
    }
}
