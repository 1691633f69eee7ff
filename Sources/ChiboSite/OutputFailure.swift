import ChiboSupport

/// What stops a build from publishing its output, or a release root from switching, when no system
/// call failed (a failed call throws `SystemError`, with the operating system's reason).
public enum OutputFailure: Error, CustomStringConvertible, Sendable, Equatable {
    /// A file's path is absolute or has a `..`, `.` or empty part: writing it would leave the folder.
    case leadsOutsideTheOutput(path: String)
    /// The output path names something that is not a folder (a file, a link to a file).
    case notAFolder(path: String)
    /// Another chibo holds the lock of the output folder or the release root `target`.
    case lockedByAnotherBuild(target: String)
    /// The compressor gave up on the file at `path`.
    case compressionFailed(path: String)
    /// A folder (or something rename cannot replace) is where the `current` link must be.
    case notALink(path: String)
    /// The link `link` does not point at a release, so there is nothing to roll back to.
    case noLiveRelease(link: String)
    /// The live release `live` is the oldest one kept.
    case noEarlierRelease(live: String)

    public var description: String {
        switch self {
        case .leadsOutsideTheOutput(let path):
            "refusing to write \(path): it leads outside the output folder"
        case .notAFolder(let path):
            "\(path.printable) exists and is not a folder"
        case .lockedByAnotherBuild(let target):
            "another chibo is writing to \(target) right now; wait for it to finish and run again"
        case .compressionFailed(let path):
            "cannot compress \(path)"
        case .notALink(let path):
            "cannot replace \(path); it must be a link (move a folder there out of the way)"
        case .noLiveRelease(let link):
            "\(link) does not point at a release; nothing to roll back"
        case .noEarlierRelease(let live):
            "\(live) is the oldest release kept; there is none before it"
        }
    }
}

extension OutputFailure: SaidInVietnamese {
    public var vietnamese: String {
        switch self {
        case .leadsOutsideTheOutput(let path): "không ghi \(path): đường dẫn này ra ngoài thư mục đầu ra"
        case .notAFolder(let path): "\(path.printable) đã có và không phải là thư mục"
        case .lockedByAnotherBuild(let target):
            "một chibo khác đang ghi vào \(target); hãy chờ nó xong rồi chạy lại"
        case .compressionFailed(let path): "không nén được \(path)"
        case .notALink(let path):
            "không thay được \(path); chỗ này phải là một liên kết (hãy chuyển thư mục đang ở đó đi chỗ khác)"
        case .noLiveRelease(let link): "\(link) không trỏ tới bản phát hành nào; không có gì để quay lại"
        case .noEarlierRelease(let live): "\(live) là bản phát hành cũ nhất còn giữ; không có bản nào trước nó"
        }
    }
}

extension PublishFailure: SaidInVietnamese {
    package var vietnamese: String {
        switch self {
        case .refused(let refusal): refusal.vietnamese
        case .output(let failure): failure.vietnamese
        case .system(let failure): failure.vietnamese
        }
    }
}

/// Why `OutputWriter` could not publish, one case for each kind of failure: the output path refused
/// (`OutputRefusal`, a usage error), a failure of the publish's own (`OutputFailure`), or a failure of
/// the system (`SystemError`, with the operating system's reason). Printed as the failure it holds.
package enum PublishFailure: Error, CustomStringConvertible, Sendable, Equatable {
    case refused(OutputRefusal)
    case output(OutputFailure)
    case system(SystemError)

    /// The failure it holds, for a caller that reports each kind as it always has.
    package var underlying: any Error & Sendable {
        switch self {
        case .refused(let refusal): refusal
        case .output(let failure): failure
        case .system(let failure): failure
        }
    }

    package var description: String { String(describing: underlying) }
}
