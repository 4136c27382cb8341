/// What `dxa` may do on the terminal behind standard error.
///
/// `dxa` writes no colour or other styling anywhere, so `NO_COLOR` is honoured whatever its value; the only escape
/// it sends a terminal is the erase-line of the batch progress line, decided here.
enum Terminal {
  /// Whether `dxa batch` redraws its progress line: not with `--quiet`, not when standard error is not a terminal
  /// (a log file or a pipe would fill with redrawn lines), and not when `TERM` is unset, empty or `dumb`, which do
  /// not promise that a carriage return and `ESC [ K` redraw a line (Emacs shell buffers, some CI consoles).
  static func showsProgress(quiet: Bool, isTerminal: Bool, environment: [String: String]) -> Bool {
    guard !quiet, isTerminal, let term = environment["TERM"] else { return false }
    return !term.isEmpty && term != "dumb"
  }
}
