// xdnd_drop: drags files onto a window the way a file manager does, for the e2e tests. It is the
// source side of the XDND protocol, version 5 (freedesktop.org, "Drag-and-Drop Protocol for the X
// Window System"), with the files offered as text/uri-list (RFC 2483; file URIs, RFC 8089):
//
//   find the top-level window that is XdndAware and whose title contains NAME
//   own XdndSelection -> XdndEnter (text/uri-list) -> XdndPosition (the window's middle)
//   <- XdndStatus (accepted) -> XdndDrop <- SelectionRequest: write the URI list <- XdndFinished
//
// With --wait-title-change it then waits until the window's title changes (the app has opened
// what was dropped) and prints the new title. Exit 0 when the target accepted and finished the
// drop; otherwise a one-line reason on stderr and a non-zero status. Every wait ends at --timeout.
//
//   xdnd_drop [--display :N] [--name TEXT] [--host NAME] [--timeout SECONDS]
//             [--wait-title-change] FILE...
#include <X11/Xatom.h>
#include <X11/Xlib.h>
#include <X11/Xutil.h>
#include <sys/select.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

constexpr long kXdndVersion = 5;

// Exit statuses, so a failing test says which step broke.
enum Exit : int {
    kUsage = 64,       // EX_USAGE
    kNoDisplay = 2,    // the display cannot be opened
    kNoWindow = 3,     // no XdndAware window with that title appeared in time
    kRefused = 4,      // XdndStatus said no
    kTimedOut = 5,     // the target stopped answering mid-drop
    kNotFinished = 6,  // XdndFinished said the drop was not accepted
    kTitleStayed = 7,  // --wait-title-change: the title never changed
    kXError = 8,       // the X server reported an error (the window went away)
};

[[noreturn]] void fail(int code, const std::string& why) {
    std::fprintf(stderr, "xdnd_drop: %s\n", why.c_str());
    std::exit(code);
}

// While searching the window tree a window may vanish between listing and reading it: those
// errors are expected and skipped. Anywhere else an X error ends the drag.
bool g_searching = false;

int onXError(Display* display, XErrorEvent* e) {
    if (g_searching) return 0;
    char text[256] = {};
    XGetErrorText(display, e->error_code, text, sizeof text);
    fail(kXError,
         std::string("X error: ") + text + " (request " + std::to_string(e->request_code) + ")");
}

// RFC 3986: everything but unreserved characters and the path's slashes as %XX of its UTF-8 bytes.
std::string percentEncodePath(const std::string& path) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : path) {
        const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                                (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
                                c == '~' || c == '/';
        if (unreserved) {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

// text/uri-list: one URI a line, each line ended by CRLF.
std::string uriList(const std::vector<std::string>& files, const std::string& host) {
    std::string out;
    for (const std::string& f : files) {
        std::error_code ec;
        std::filesystem::path abs = std::filesystem::absolute(f, ec);
        out += "file://" + host +
               percentEncodePath((ec ? std::filesystem::path(f) : abs).string()) + "\r\n";
    }
    return out;
}

struct Options {
    std::string display;
    std::string name = "LessonLens";
    std::string host;
    double timeoutSeconds = 30;
    bool waitTitleChange = false;
    std::vector<std::string> files;
};

Options parseArgs(int argc, char** argv) {
    Options o;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc) fail(kUsage, a + " needs a value");
            return argv[++i];
        };
        if (a == "--display")
            o.display = value();
        else if (a == "--name")
            o.name = value();
        else if (a == "--host")
            o.host = value();
        else if (a == "--timeout")
            o.timeoutSeconds = std::atof(value().c_str());
        else if (a == "--wait-title-change")
            o.waitTitleChange = true;
        else if (a.starts_with("--"))
            fail(kUsage, "unknown option " + a);
        else
            o.files.push_back(a);
    }
    if (o.files.empty())
        fail(kUsage,
             "usage: xdnd_drop [--display :N] [--name TEXT] [--host NAME] "
             "[--timeout SECONDS] [--wait-title-change] FILE...");
    if (o.timeoutSeconds <= 0) fail(kUsage, "--timeout needs a positive number of seconds");
    return o;
}

// One drag from an unmapped window of ours onto one target window.
class XdndSource {
public:
    XdndSource(Display* display, Clock::time_point deadline)
        : m_display(display), m_deadline(deadline) {
        auto atom = [&](const char* name) { return XInternAtom(m_display, name, False); };
        m_aware = atom("XdndAware");
        m_enter = atom("XdndEnter");
        m_position = atom("XdndPosition");
        m_status = atom("XdndStatus");
        m_leave = atom("XdndLeave");
        m_drop = atom("XdndDrop");
        m_finished = atom("XdndFinished");
        m_selection = atom("XdndSelection");
        m_actionCopy = atom("XdndActionCopy");
        m_uriList = atom("text/uri-list");
        m_targets = atom("TARGETS");
        m_netWmName = atom("_NET_WM_NAME");
        m_utf8 = atom("UTF8_STRING");
        m_timestampProbe = atom("XDND_DROP_TIMESTAMP");
        m_root = DefaultRootWindow(m_display);
        XSetWindowAttributes attrs{};
        attrs.event_mask = PropertyChangeMask;
        m_window = XCreateWindow(m_display, m_root, -10, -10, 1, 1, 0, CopyFromParent, InputOnly,
                                 CopyFromParent, CWEventMask, &attrs);
    }

    // The top-level XdndAware window whose title contains `name`, searched until the deadline.
    Window findTarget(const std::string& name) {
        for (;;) {
            g_searching = true;
            auto found = searchTree(m_root, name, 0);
            XSync(m_display, False);  // any error of the search arrives while it is still expected
            g_searching = false;
            if (found) return *found;
            if (Clock::now() >= m_deadline)
                fail(kNoWindow, "no XdndAware window titled \"" + name +
                                    "\" appeared in time; top-level windows:" + describeTopLevel());
            waitForEvent(std::chrono::milliseconds(100));
        }
    }

    // The title as a person sees it: _NET_WM_NAME (UTF-8), else WM_NAME.
    std::string title(Window w) {
        if (auto utf8 = stringProperty(w, m_netWmName, m_utf8)) return *utf8;
        char* name = nullptr;
        std::string out;
        if (XFetchName(m_display, w, &name) && name) out = name;
        if (name) XFree(name);
        return out;
    }

    void drag(Window target, const std::string& uris) {
        m_uris = uris;
        long version = targetVersion(target);
        if (version < 0) fail(kNoWindow, "the window is not XdndAware");
        version = std::min(version, kXdndVersion);

        const Time now = serverTime();
        XSetSelectionOwner(m_display, m_selection, m_window, now);
        if (XGetSelectionOwner(m_display, m_selection) != m_window)
            fail(kXError, "could not own XdndSelection");

        // XdndEnter: bit 0 of l[1] clear, so the (only) type is in l[2].
        send(target, m_enter,
             {static_cast<long>(m_window), version << 24, static_cast<long>(m_uriList), 0, 0});

        // XdndPosition at the window's middle, in root coordinates.
        XWindowAttributes attrs{};
        XGetWindowAttributes(m_display, target, &attrs);
        int rootX = 0, rootY = 0;
        Window child = None;
        XTranslateCoordinates(m_display, target, m_root, attrs.width / 2, attrs.height / 2, &rootX,
                              &rootY, &child);
        send(target, m_position,
             {static_cast<long>(m_window), 0, (static_cast<long>(rootX) << 16) | (rootY & 0xffff),
              static_cast<long>(now), static_cast<long>(m_actionCopy)});

        XEvent status = waitFor("XdndStatus", [&](const XEvent& e) {
            return e.type == ClientMessage && e.xclient.message_type == m_status;
        });
        if (!(status.xclient.data.l[1] & 1)) {
            send(target, m_leave, {static_cast<long>(m_window), 0, 0, 0, 0});
            XFlush(m_display);
            fail(kRefused, "the window refused the drop (XdndStatus did not accept text/uri-list)");
        }

        send(target, m_drop, {static_cast<long>(m_window), 0, static_cast<long>(now), 0, 0});
        XEvent finished = waitFor("XdndFinished", [&](const XEvent& e) {
            return e.type == ClientMessage && e.xclient.message_type == m_finished;
        });
        if (!m_delivered)
            fail(kNotFinished, "the window finished the drop without asking for the files");
        // Version 5 says bit 0 of l[1] is "accepted"; GLFW (3.3) puts the byte count of the list it
        // read there instead, so any non-zero value is taken as accepted and zero as refused.
        if (version >= 5 && finished.xclient.data.l[1] == 0)
            fail(kNotFinished, "the window did not accept the dropped files (XdndFinished)");
    }

    // Waits until `target`'s title is no longer `before`; returns the new one.
    std::string waitForTitleChange(Window target, const std::string& before) {
        XSelectInput(m_display, target, PropertyChangeMask);
        for (;;) {
            std::string now = title(target);
            if (now != before) return now;
            if (Clock::now() >= m_deadline)
                fail(kTitleStayed, "the window's title stayed \"" + before + "\" after the drop");
            waitForEvent(std::chrono::milliseconds(100));
            while (XPending(m_display)) {
                XEvent e;
                XNextEvent(m_display, &e);
                handle(e);
            }
        }
    }

private:
    // Each child of the root but ours: id, title, XdndAware version (-1: none), mapped or not.
    std::string describeTopLevel() {
        g_searching = true;
        std::string out;
        Window root = None, parent = None, *children = nullptr;
        unsigned int count = 0;
        if (XQueryTree(m_display, m_root, &root, &parent, &children, &count)) {
            for (unsigned int i = 0; i < count; ++i) {
                if (children[i] == m_window) continue;
                char id[32];
                std::snprintf(id, sizeof id, " 0x%lx", children[i]);
                out += std::string(id) + " \"" + title(children[i]) + "\" XdndAware " +
                       std::to_string(targetVersion(children[i])) +
                       (isViewable(children[i]) ? " mapped;" : " unmapped;");
            }
        }
        if (children) XFree(children);
        XSync(m_display, False);
        g_searching = false;
        return out.empty() ? " none" : out;
    }

    std::optional<Window> searchTree(Window w, const std::string& name, int depth) {
        // Window managers put client windows under frames; XdndAware sits on the client.
        if (depth > 0 && targetVersion(w) >= 0 && isViewable(w) &&
            title(w).find(name) != std::string::npos)
            return w;
        if (depth >= 3) return std::nullopt;
        Window root = None, parent = None, *children = nullptr;
        unsigned int count = 0;
        if (!XQueryTree(m_display, w, &root, &parent, &children, &count)) return std::nullopt;
        std::optional<Window> found;
        for (unsigned int i = count; i-- > 0 && !found;)
            found = searchTree(children[i], name, depth + 1);
        if (children) XFree(children);
        return found;
    }

    bool isViewable(Window w) {
        XWindowAttributes attrs{};
        return XGetWindowAttributes(m_display, w, &attrs) && attrs.map_state == IsViewable;
    }

    // XdndAware's version, or -1 when the window does not take drops.
    long targetVersion(Window w) {
        Atom type = None;
        int format = 0;
        unsigned long count = 0, after = 0;
        unsigned char* data = nullptr;
        long version = -1;
        if (XGetWindowProperty(m_display, w, m_aware, 0, 1, False, XA_ATOM, &type, &format, &count,
                               &after, &data) == Success &&
            type == XA_ATOM && format == 32 && count == 1)
            version = static_cast<long>(*reinterpret_cast<Atom*>(data));
        if (data) XFree(data);
        return version;
    }

    std::optional<std::string> stringProperty(Window w, Atom property, Atom wanted) {
        Atom type = None;
        int format = 0;
        unsigned long count = 0, after = 0;
        unsigned char* data = nullptr;
        std::optional<std::string> out;
        if (XGetWindowProperty(m_display, w, property, 0, 4096, False, wanted, &type, &format,
                               &count, &after, &data) == Success &&
            type == wanted && format == 8)
            out = std::string(reinterpret_cast<char*>(data), count);
        if (data) XFree(data);
        return out;
    }

    // A real server timestamp (ICCCM 2.1: selections must not be owned at CurrentTime): the time
    // of a zero-length property append on our own window.
    Time serverTime() {
        XChangeProperty(m_display, m_window, m_timestampProbe, XA_STRING, 8, PropModeAppend,
                        nullptr, 0);
        XEvent e = waitFor("a server timestamp", [&](const XEvent& ev) {
            return ev.type == PropertyNotify && ev.xproperty.window == m_window &&
                   ev.xproperty.atom == m_timestampProbe;
        });
        return e.xproperty.time;
    }

    void send(Window target, Atom type, const std::vector<long>& data) {
        XEvent e{};
        e.xclient.type = ClientMessage;
        e.xclient.display = m_display;
        e.xclient.window = target;
        e.xclient.message_type = type;
        e.xclient.format = 32;
        for (size_t i = 0; i < data.size() && i < 5; ++i) e.xclient.data.l[i] = data[i];
        XSendEvent(m_display, target, False, NoEventMask, &e);
        XFlush(m_display);
    }

    // Answers selection requests while waiting, so the target can fetch the list at any time.
    void handle(const XEvent& e) {
        if (e.type != SelectionRequest || e.xselectionrequest.selection != m_selection) return;
        const XSelectionRequestEvent& req = e.xselectionrequest;
        // Obsolete requestors name no property: reply in the target's name (ICCCM 2.2).
        Atom property = req.property == None ? req.target : req.property;
        if (req.target == m_uriList) {
            XChangeProperty(m_display, req.requestor, property, m_uriList, 8, PropModeReplace,
                            reinterpret_cast<const unsigned char*>(m_uris.data()),
                            static_cast<int>(m_uris.size()));
            m_delivered = true;
        } else if (req.target == m_targets) {
            const Atom targets[] = {m_targets, m_uriList};
            XChangeProperty(m_display, req.requestor, property, XA_ATOM, 32, PropModeReplace,
                            reinterpret_cast<const unsigned char*>(targets), 2);
        } else {
            property = None;  // a type we do not offer
        }
        XEvent reply{};
        reply.xselection.type = SelectionNotify;
        reply.xselection.display = m_display;
        reply.xselection.requestor = req.requestor;
        reply.xselection.selection = req.selection;
        reply.xselection.target = req.target;
        reply.xselection.property = property;
        reply.xselection.time = req.time;
        XSendEvent(m_display, req.requestor, False, NoEventMask, &reply);
        XFlush(m_display);
    }

    XEvent waitFor(const char* what, const std::function<bool(const XEvent&)>& matches) {
        for (;;) {
            while (XPending(m_display)) {
                XEvent e;
                XNextEvent(m_display, &e);
                if (matches(e)) return e;
                handle(e);
            }
            if (Clock::now() >= m_deadline)
                fail(kTimedOut, std::string("timed out waiting for ") + what);
            waitForEvent(std::chrono::milliseconds(200));
        }
    }

    // Sleeps until the X connection has something to read, `most` passes, or the deadline.
    void waitForEvent(std::chrono::milliseconds most) {
        XFlush(m_display);
        if (XPending(m_display)) return;
        auto until = std::min(m_deadline, Clock::now() + most);
        auto left = std::chrono::duration_cast<std::chrono::microseconds>(until - Clock::now());
        if (left.count() <= 0) return;
        const int fd = ConnectionNumber(m_display);
        fd_set fds;
        FD_ZERO(&fds);
        FD_SET(fd, &fds);
        timeval tv{static_cast<time_t>(left.count() / 1000000),
                   static_cast<suseconds_t>(left.count() % 1000000)};
        select(fd + 1, &fds, nullptr, nullptr, &tv);
    }

    Display* m_display;
    Clock::time_point m_deadline;
    Window m_root = None, m_window = None;
    Atom m_aware, m_enter, m_position, m_status, m_leave, m_drop, m_finished, m_selection,
        m_actionCopy;
    Atom m_uriList, m_targets, m_netWmName, m_utf8, m_timestampProbe;
    std::string m_uris;
    bool m_delivered = false;
};

}  // namespace

int main(int argc, char** argv) {
    const Options options = parseArgs(argc, argv);
    Display* display = XOpenDisplay(options.display.empty() ? nullptr : options.display.c_str());
    if (!display) fail(kNoDisplay, "cannot open the X display " + options.display);
    XSetErrorHandler(onXError);
    const auto deadline = Clock::now() + std::chrono::microseconds(
                                             static_cast<long long>(options.timeoutSeconds * 1e6));

    XdndSource source(display, deadline);
    const Window target = source.findTarget(options.name);
    const std::string before = source.title(target);
    source.drag(target, uriList(options.files, options.host));
    std::printf("dropped %zu file(s) on \"%s\"\n", options.files.size(), before.c_str());
    if (options.waitTitleChange)
        std::printf("title: %s\n", source.waitForTitleChange(target, before).c_str());
    std::fflush(stdout);
    XCloseDisplay(display);
    return 0;
}
