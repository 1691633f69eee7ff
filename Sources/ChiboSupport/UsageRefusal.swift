/// What the command line asked for and chibo refuses, found before anything is written: a usage
/// error. One convention for every such refusal:
///
/// - a type of its own where the refusal is found (`OutputRefusal` for an output or release folder,
///   `InvalidNginxOption`, `InvalidBuildDate`, `Preview.CannotListen`, the command line's
///   `UsageProblem`), holding what was refused;
/// - its `description` is one line that says what was refused, why, and what to give instead, in
///   English, and its `vietnamese` the same in Vietnamese (issue 32), the line printed by default;
/// - it is thrown as it is, never wrapped or printed on the way, up to the command's `main`, which
///   prints `error: DESCRIPTION` (or `error: VIETNAMESE`) on standard error and exits with status 2
///   (options that do not parse are swift-argument-parser's errors, which `main` words in the run's
///   language and also ends with status 2).
///
/// A problem of the content is a `Diagnostic` (status 1), a failure of the system a `SystemError`
/// (status 1); a password `chibo htpasswd` cannot take is neither: it changes nothing, status 1.
package protocol UsageRefusal: Error, CustomStringConvertible, Sendable, SaidInVietnamese {}

/// An error whose `description` (English) has its Vietnamese: what chibo prints by default (issue 32).
package protocol SaidInVietnamese: CustomStringConvertible {
    /// What `description` says, in Vietnamese.
    var vietnamese: String { get }
}
