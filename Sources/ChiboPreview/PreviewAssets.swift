/// The script and stylesheet `chibo serve` adds to every page it serves, as files (the site's
/// Content-Security-Policy allows no inline script or style). The script hears from the server, over
/// an event stream (`/_chibo/events`), when a build ends: a new good build reloads the page, a build
/// with errors shows them over it. A hidden tab closes its stream (a browser opens only six connections
/// to one host) and opens it again when shown, reloading then if a build ended meanwhile.
enum PreviewAssets {
    static let script = #"""
        (() => {
          "use strict";
          let seen = null;
          let overlay = null;
          function show(problems, more) {
            if (overlay) overlay.remove();
            overlay = null;
            const errors = problems.filter((p) => p.severity === "error");
            if (errors.length === 0) return;
            overlay = document.createElement("section");
            overlay.className = "chibo-overlay";
            overlay.setAttribute("role", "alert");
            overlay.setAttribute("aria-label", "chibo");
            const title = document.createElement("h2");
            title.textContent = errors.length + (errors.length === 1 ? " lỗi" : " lỗi") +
              " trong nội dung: trang đang hiện bản dựng tốt gần nhất";
            overlay.appendChild(title);
            const list = document.createElement("ol");
            for (const p of errors) {
              const item = document.createElement("li");
              const where = document.createElement("code");
              where.className = "chibo-where";
              where.textContent = p.file + ":" + p.line + ":" + p.column +
                (typeof p.place === "string" ? " (" + p.place + ")" : p.cell ? " [" + p.cell + "]" : "");
              item.appendChild(where);
              const message = document.createElement("p");
              message.textContent = p.message;
              item.appendChild(message);
              if (typeof p.source === "string") {
                const source = document.createElement("pre");
                const caret = typeof p.caret === "number" ? p.caret : p.column - 1;
                source.textContent = p.source + "\n" + " ".repeat(Math.max(0, caret)) + "^";
                item.appendChild(source);
              }
              list.appendChild(item);
            }
            overlay.appendChild(list);
            if (more > 0) {
              const rest = document.createElement("p");
              rest.textContent = "… và " + more + " vấn đề khác: chạy chibo check để xem tất cả.";
              overlay.appendChild(rest);
            }
            document.body.appendChild(overlay);
          }
          function take(state) {
            const failed = state.problems.some((p) => p.severity === "error");
            if (seen !== null && state.version !== seen && !failed) {
              location.reload();
              return;
            }
            seen = state.version;
            show(state.problems, state.more || 0);
          }
          // The server says when a build ends; while it cannot be reached, the stream tries again.
          let stream = null;
          function connect() {
            if (stream) return;
            stream = new EventSource("/_chibo/events");
            stream.onmessage = (event) => take(JSON.parse(event.data));
          }
          function disconnect() {
            if (stream) stream.close();
            stream = null;
          }
          document.addEventListener("visibilitychange", () => (document.hidden ? disconnect() : connect()));
          if (!document.hidden) connect();
        })();
        """#

    static let stylesheet = """
        .chibo-overlay { position: fixed; inset: 0 0 auto 0; max-height: 70vh; overflow: auto; z-index: 99999;
          background: #fff8f6; color: #3b0a00; border-bottom: 4px solid #b3261e; padding: 1rem 1.5rem;
          font: 15px/1.5 system-ui, sans-serif; box-shadow: 0 4px 16px rgba(0,0,0,.25); }
        .chibo-overlay h2 { margin: 0 0 .5rem; font-size: 1.1rem; }
        .chibo-overlay ol { margin: 0; padding-left: 1.5rem; }
        .chibo-overlay li { margin: .5rem 0; }
        .chibo-overlay p { margin: .25rem 0; }
        .chibo-overlay pre { margin: .25rem 0; padding: .5rem; background: #fff; border: 1px solid #e0c0bb;
          overflow-x: auto; font: 13px/1.4 ui-monospace, monospace; }
        .chibo-where { font-weight: 600; }
        """
}
