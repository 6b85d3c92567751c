#pragma once
// Runs a program with arguments (no shell) and captures its exit code, stdout and stderr.
// For tests that drive the real binaries.

#include <map>
#include <string>
#include <vector>

namespace ll::test {

struct ProcessResult {
    int exitCode = -1;  // -1 when it could not start; 128+N when killed by signal N
    std::string out;
    std::string err;
    // The last non-empty line of stdout, without its newline.
    std::string lastLine() const;
};

// `env` entries are added to (or override) the current environment.
ProcessResult runProcess(const std::vector<std::string>& argv,
                         const std::map<std::string, std::string>& env = {},
                         const std::string& stdinText = {});

// Runs a shell command line (for ffmpeg fixture generation); returns its exit code and, when
// `output` is given, appends what the command wrote to stdout.
int runShell(const std::string& commandLine, std::string* output = nullptr);

// `s` as one single-quoted shell word.
std::string shellQuote(const std::string& s);

}  // namespace ll::test
