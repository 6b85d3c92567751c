#pragma once
// The command registry: every user action is a named command. Menus, keyboard shortcuts and
// `--script` lines all go through run(), so what a test drives is what a person clicks.
// Owned by the UI thread.

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace ll::ui {

// A key with modifiers, in GLFW key codes (what ImGui 1.86's GLFW backend puts in KeysDown).
struct Shortcut {
    int key = 0;  // 0: none
    bool ctrl = false;
    bool shift = false;
    bool any() const { return key != 0; }
    std::string label() const;  // "Ctrl+Z", "Space", "Shift+Right"
};

using CommandArgs = std::vector<std::string>;

struct Command {
    std::string name;    // script and log name: "seek", "comment.add"
    std::string label;   // for menus and the help overlay: "Add comment"
    std::string usage;   // argument synopsis for help and errors: "TIME"
    std::vector<Shortcut> shortcuts;
    std::function<Status(const CommandArgs&)> run;
    std::function<bool()> enabled;  // empty: always
};

class CommandRegistry {
public:
    void add(Command command);
    const Command* find(std::string_view name) const;
    const std::vector<Command>& all() const { return m_commands; }

    // Runs by name; unknown names and disabled commands are errors, never crashes.
    Status run(std::string_view name, const CommandArgs& args = {});
    // One script line: blank lines and `#` comments do nothing.
    Status runLine(std::string_view line);
    bool isEnabled(std::string_view name) const;

private:
    std::vector<Command> m_commands;
};

// Splits a script line into words: spaces separate, "double" or 'single' quotes group, a
// backslash escapes the next character inside double quotes and outside quotes; `#` at the
// start of a word begins a comment. Unclosed quotes are an error.
Result<std::vector<std::string>> splitCommandLine(std::string_view line);

// An error "usage: <usage>" unless there are min..max arguments: every command's first check.
Status expectArgs(const CommandArgs& args, size_t min, size_t max, const char* usage);

// Options after the positional arguments: `comment "hi" --kind question --to 1:05`.
struct ParsedArgs {
    std::vector<std::string> positional;
    std::vector<std::pair<std::string, std::string>> options;  // name without dashes, value
    const std::string* option(std::string_view name) const;
};
// `valued` lists the options that take a value; any other `--x` is a flag (value "true").
Result<ParsedArgs> parseArgs(const CommandArgs& args, const std::vector<std::string>& valued);

}  // namespace ll::ui
