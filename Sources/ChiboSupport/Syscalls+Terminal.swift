import CChiboSystem

#if canImport(Glibc)
    import Glibc
#endif

/// The calls on the terminal: whether standard input and error are one, and its echo.
extension Syscalls {
    /// Whether standard error is a terminal (isatty).
    package static var standardErrorIsTerminal: Bool { isatty(STDERR_FILENO) != 0 }

    /// Whether standard input is a terminal (isatty).
    package static var standardInputIsTerminal: Bool { isatty(STDIN_FILENO) != 0 }

    /// Calls `body` with the terminal's echo off on standard input when it is a terminal (termios, in
    /// CChiboSystem: a Ctrl-C meanwhile restores the echo before the process ends), so that no
    /// password typed during it is shown, not even one typed ahead. `body` reads with `ask`, which
    /// writes its prompt to standard error (on a terminal only) and returns one line without its
    /// line end, nil at the end of input.
    package static func withoutEcho<T>(_ body: (_ ask: (String) -> String?) -> T) -> T {
        let quiet = chibo_echo_off() == 0
        defer { if quiet { chibo_echo_restore() } }
        return body { prompt in
            if quiet {
                var text = prompt
                text.withUTF8 { bytes in _ = write(STDERR_FILENO, bytes.baseAddress, bytes.count) }
            }
            return readLine(strippingNewline: true).map { line in
                line.hasSuffix("\r") ? String(line.dropLast()) : line
            }
        }
    }
}
