#include "ui/commands.h"

#include <GLFW/glfw3.h>

#include <algorithm>

namespace ll::ui {

std::string Shortcut::label() const {
    std::string name;
    switch (key) {
        case GLFW_KEY_SPACE: name = "Space"; break;
        case GLFW_KEY_LEFT: name = "Left"; break;
        case GLFW_KEY_RIGHT: name = "Right"; break;
        case GLFW_KEY_UP: name = "Up"; break;
        case GLFW_KEY_DOWN: name = "Down"; break;
        case GLFW_KEY_HOME: name = "Home"; break;
        case GLFW_KEY_END: name = "End"; break;
        case GLFW_KEY_COMMA: name = ","; break;
        case GLFW_KEY_PERIOD: name = "."; break;
        case GLFW_KEY_SLASH: name = "/"; break;
        case GLFW_KEY_EQUAL: name = "="; break;
        case GLFW_KEY_MINUS: name = "-"; break;
        case GLFW_KEY_LEFT_BRACKET: name = "["; break;
        case GLFW_KEY_RIGHT_BRACKET: name = "]"; break;
        case GLFW_KEY_ESCAPE: name = "Esc"; break;
        case GLFW_KEY_DELETE: name = "Delete"; break;
        case GLFW_KEY_F1: name = "F1"; break;
        default:
            if (key >= GLFW_KEY_A && key <= GLFW_KEY_Z) name = std::string(1, static_cast<char>(key));
            else if (key >= GLFW_KEY_0 && key <= GLFW_KEY_9) name = std::string(1, static_cast<char>(key));
            else name = "key " + std::to_string(key);
    }
    std::string out;
    if (ctrl) out += "Ctrl+";
    if (shift) out += "Shift+";
    return out + name;
}

void CommandRegistry::add(Command command) {
    auto it = std::find_if(m_commands.begin(), m_commands.end(),
                           [&](const Command& c) { return c.name == command.name; });
    if (it != m_commands.end()) *it = std::move(command);
    else m_commands.push_back(std::move(command));
}

const Command* CommandRegistry::find(std::string_view name) const {
    for (const auto& c : m_commands)
        if (c.name == name) return &c;
    return nullptr;
}

bool CommandRegistry::isEnabled(std::string_view name) const {
    const Command* c = find(name);
    return c && (!c->enabled || c->enabled());
}

Status CommandRegistry::run(std::string_view name, const CommandArgs& args) {
    const Command* c = find(name);
    if (!c) return Error::notFound("there is no command called \"" + std::string(name) + "\"");
    if (c->enabled && !c->enabled())
        return Error::invalid("\"" + c->label + "\" is not available right now");
    return c->run(args);
}

Status CommandRegistry::runLine(std::string_view line) {
    LL_ASSIGN(auto words, splitCommandLine(line));
    if (words.empty()) return {};
    std::string name = words.front();
    words.erase(words.begin());
    return run(name, words);
}

Result<std::vector<std::string>> splitCommandLine(std::string_view line) {
    std::vector<std::string> words;
    std::string word;
    bool inWord = false;
    char quote = 0;
    for (size_t i = 0; i < line.size(); ++i) {
        char ch = line[i];
        if (quote) {
            if (ch == quote) {
                quote = 0;
            } else if (ch == '\\' && quote == '"' && i + 1 < line.size()) {
                word += line[++i];
            } else {
                word += ch;
            }
            continue;
        }
        if (ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n') {
            if (inWord) words.push_back(std::move(word));
            word.clear();
            inWord = false;
        } else if (ch == '#' && !inWord) {
            break;
        } else if (ch == '"' || ch == '\'') {
            quote = ch;
            inWord = true;
        } else if (ch == '\\' && i + 1 < line.size()) {
            word += line[++i];
            inWord = true;
        } else {
            word += ch;
            inWord = true;
        }
    }
    if (quote) return Error::invalid(std::string("a quote (") + quote + ") is not closed");
    if (inWord) words.push_back(std::move(word));
    return words;
}

const std::string* ParsedArgs::option(std::string_view name) const {
    for (const auto& [k, v] : options)
        if (k == name) return &v;
    return nullptr;
}

Result<ParsedArgs> parseArgs(const CommandArgs& args, const std::vector<std::string>& valued) {
    ParsedArgs out;
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a.size() > 2 && a.rfind("--", 0) == 0) {
            std::string name = a.substr(2);
            std::string value = "true";
            if (auto eq = name.find('='); eq != std::string::npos) {
                value = name.substr(eq + 1);
                name.resize(eq);
            } else if (std::find(valued.begin(), valued.end(), name) != valued.end()) {
                if (i + 1 >= args.size()) return Error::invalid("--" + name + " needs a value");
                value = args[++i];
            }
            out.options.emplace_back(std::move(name), std::move(value));
        } else {
            out.positional.push_back(a);
        }
    }
    return out;
}

Status expectArgs(const CommandArgs& args, size_t min, size_t max, const char* usage) {
    if (args.size() < min || args.size() > max) return Error::invalid(std::string("usage: ") + usage);
    return {};
}

}  // namespace ll::ui
