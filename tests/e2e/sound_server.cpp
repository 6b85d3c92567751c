#include "sound_server.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <thread>
#include <vector>

#include "e2e_support.h"

namespace ll::e2e {
namespace fs = std::filesystem;

namespace {

constexpr const char* kSink = "lessonlens_test";

// Starts `argv` with `env` added to the environment and its stdout (and stderr, unless
// `stderrFile` is given) sent to `stdoutFile`. The child's pid, or -1.
pid_t spawn(const std::vector<std::string>& argv,
            const std::vector<std::pair<std::string, std::string>>& env, const fs::path& stdoutFile,
            const fs::path& stderrFile) {
    pid_t pid = ::fork();
    if (pid != 0) return pid;
    for (const auto& [name, value] : env) ::setenv(name.c_str(), value.c_str(), 1);
    int out = ::open(stdoutFile.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int err = ::open(stderrFile.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    int in = ::open("/dev/null", O_RDONLY);
    if (out < 0 || err < 0 || in < 0) ::_exit(126);
    dup2(in, STDIN_FILENO);
    dup2(out, STDOUT_FILENO);
    dup2(err, STDERR_FILENO);
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    ::execvp(args[0], args.data());
    ::_exit(127);
}

void stopChild(pid_t& pid, int signal) {
    if (pid <= 0) return;
    ::kill(pid, signal);
    ::waitpid(pid, nullptr, 0);
    pid = -1;
}

}  // namespace

std::unique_ptr<SoundServer> SoundServer::start(const fs::path& dir, std::string& error) {
    for (const char* program : {"pulseaudio", "pactl", "parec"}) {
        if (findProgram(program).empty()) {
            error = std::string(program) +
                    " is not installed (scripts/setup-deps.sh installs pulseaudio and "
                    "pulseaudio-utils)";
            return nullptr;
        }
    }
    if (!fs::exists("/usr/lib/x86_64-linux-gnu/alsa-lib/libasound_module_pcm_pulse.so") &&
        !fs::exists("/usr/lib/aarch64-linux-gnu/alsa-lib/libasound_module_pcm_pulse.so")) {
        error =
            "ALSA's pulse plugin is not installed (scripts/setup-deps.sh installs "
            "libasound2-plugins)";
        return nullptr;
    }
    std::unique_ptr<SoundServer> server(new SoundServer(dir));
    fs::create_directories(dir / "home");
    fs::create_directories(dir / "run");
    fs::permissions(dir / "run", fs::perms::owner_all, fs::perm_options::replace);
    // ALSA's default device is the server, whatever the machine's own configuration says.
    std::ofstream(dir / "home" / ".asoundrc")
        << "pcm.!default { type pulse }\nctl.!default { type pulse }\n";
    // Clients never start a server of their own when this one is gone (the unplugged test).
    std::ofstream(dir / "client.conf") << "autospawn = no\n";
    // -n: none of the system's default.pa (no hardware probing, no X11 or D-Bus modules).
    // norewinds: a null sink that rewinds loops on "end of underrun" and can leave a new stream
    // unplayed for a second or more; a real card's sink plays it at once.
    const std::vector<std::string> argv = {
        "pulseaudio",
        "-n",
        "--daemonize=no",
        "--exit-idle-time=-1",
        "--disallow-exit",
        "--disable-shm=yes",
        "--use-pid-file=no",
        "--log-target=stderr",
        "--load=module-native-protocol-unix auth-anonymous=1 socket=" + server->socket().string(),
        std::string("--load=module-null-sink sink_name=") + kSink + " rate=48000 norewinds=1"};
    server->m_server = spawn(argv,
                             {{"HOME", (dir / "home").string()},
                              {"XDG_RUNTIME_DIR", (dir / "run").string()},
                              {"XDG_CONFIG_HOME", (dir / "home" / ".config").string()}},
                             dir / "server.log", dir / "server.log");
    if (server->m_server < 0) {
        error = "could not start pulseaudio";
        return nullptr;
    }
    for (int i = 0; i < 100; ++i) {
        int status = 0;
        if (::waitpid(server->m_server, &status, WNOHANG) == server->m_server) {
            server->m_server = -1;
            error = "pulseaudio exited at start:\n" + server->log();
            return nullptr;
        }
        if (fs::exists(server->socket()) &&
            runShell(server->shellEnvironment() + "pactl info >/dev/null 2>&1") == 0)
            return server;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    error = "pulseaudio did not answer within 10 s:\n" + server->log();
    return nullptr;
}

SoundServer::~SoundServer() {
    stopRecording();
    stopChild(m_server, SIGTERM);
}

std::string SoundServer::shellEnvironment() const {
    return "export HOME=" + shellQuote((m_dir / "home").string()) +
           " XDG_RUNTIME_DIR=" + shellQuote((m_dir / "run").string()) +
           " PULSE_SERVER=" + shellQuote("unix:" + socket().string()) +
           " PULSE_CLIENTCONFIG=" + shellQuote((m_dir / "client.conf").string()) + "; ";
}

bool SoundServer::startRecording(const fs::path& file, std::string& error) {
    stopRecording();
    m_recorder =
        spawn({"parec", "--device=" + std::string(kSink) + ".monitor", "--format=float32le",
               "--rate=" + std::to_string(kRate), "--channels=1", "--raw", "--latency-msec=20"},
              {{"PULSE_SERVER", "unix:" + socket().string()},
               {"PULSE_CLIENTCONFIG", (m_dir / "client.conf").string()},
               {"HOME", (m_dir / "home").string()}},
              file, m_dir / "recorder.log");
    // The monitor streams silence while nothing plays: the file grows once recording runs.
    for (int i = 0; i < 100; ++i) {
        std::error_code ec;
        if (fs::file_size(file, ec) > 0 && !ec) return true;
        int status = 0;
        if (::waitpid(m_recorder, &status, WNOHANG) == m_recorder) {
            m_recorder = -1;
            std::ifstream in(m_dir / "recorder.log");
            error = "parec exited: " + std::string(std::istreambuf_iterator<char>(in), {});
            return false;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    error = "parec recorded nothing within 5 s";
    return false;
}

void SoundServer::stopRecording() {
    stopChild(m_recorder, SIGINT);
}

void SoundServer::kill() {
    stopChild(m_server, SIGKILL);
}

std::string SoundServer::log() const {
    std::ifstream in(m_dir / "server.log");
    std::string text(std::istreambuf_iterator<char>(in), {});
    return text.size() > 4000 ? text.substr(text.size() - 4000) : text;
}

}  // namespace ll::e2e
