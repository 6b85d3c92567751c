#include "jobs/output_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <random>
#include <string>
#include <system_error>

#include "store/library.h"

namespace ll::jobs {
namespace fs = std::filesystem;
namespace {

bool isSpecial(const fs::file_status& s) {
    return fs::exists(s) && !fs::is_regular_file(s) && !fs::is_directory(s);
}

// Where `target` leads once its symbolic links are followed (a dangling link leads to the file
// it names, which writing creates). Relative links are read against the link's own folder.
Result<fs::path> followLinks(const fs::path& target) {
    // A pipe or terminal behind /dev/stdout is reached through /proc's links, whose text
    // ("pipe:[123]") names no file: open such a path as given.
    if (isOutputStream(target)) return target;
    fs::path p = target;
    for (int hops = 0; hops < 40; ++hops) {
        std::error_code ec;
        if (!fs::is_symlink(p, ec)) return p;
        fs::path next = fs::read_symlink(p, ec);
        if (ec)
            return Error::make(Error::Code::Io, "cannot follow the link " + p.string(),
                               ec.message());
        p = next.is_absolute() ? next : p.parent_path() / next;
    }
    return Error::invalid(target.string() + " is a loop of links; name a file to write");
}

// Where writing `target` puts the file: where its links lead, or, under `replaceLinks`, the
// path itself (a link there is replaced).
Result<fs::path> whereTo(const fs::path& target, const OutputRules& rules) {
    if (rules.replaceLinks) return target;
    return followLinks(target);
}

// The status of what writing `p` replaces: the link itself under `replaceLinks`.
fs::file_status statusOf(const fs::path& p, const OutputRules& rules) {
    std::error_code ec;
    return rules.replaceLinks ? fs::symlink_status(p, ec) : fs::status(p, ec);
}

// Writes all of `bytes` to `fd`; false with errno set on failure.
bool writeAll(int fd, std::string_view bytes) {
    const char* p = bytes.data();
    size_t left = bytes.size();
    while (left > 0) {
        ssize_t n = ::write(fd, p, left);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            if (n == 0) errno = EIO;
            return false;
        }
        p += n;
        left -= static_cast<size_t>(n);
    }
    return true;
}

}  // namespace

bool isOutputStream(const fs::path& target) {
    std::error_code ec;
    return isSpecial(fs::status(target, ec));
}

KeptFiles libraryFiles(const fs::path& database) {
    KeptFiles files{{database, "the library"}};
    for (const char* suffix : {"-wal", "-shm", "-journal"}) {
        files.push_back({fs::path(database.string() + suffix), "part of the library"});
    }
    return files;
}

Result<KeptFiles> filesToKeep(store::Library& library) {
    KeptFiles files = libraryFiles(library.path());
    LL_ASSIGN(auto clips, library.clips().list());
    for (const auto& clip : clips) {
        if (clip.path.empty()) continue;
        files.push_back({clip.path, "the recording of “" + clip.title + "”"});
    }
    return files;
}

Result<OutputRules> outputRules(store::Library& library) {
    OutputRules rules;
    LL_ASSIGN(rules.keep, filesToKeep(library));
    return rules;
}

Status checkOutputFile(const fs::path& target, const OutputRules& rules) {
    if (target.empty()) return Error::invalid("name the file to write");
    LL_ASSIGN(fs::path p, whereTo(target, rules));
    std::error_code ec;
    const fs::file_status st = statusOf(p, rules);
    if (fs::is_directory(st)) {
        return Error::invalid(target.string() + " is a folder; name a file inside it to write");
    }
    const bool linkReplaced = fs::is_symlink(st);  // only under replaceLinks: the link itself goes
    if (fs::exists(st) && !linkReplaced) {
        for (const KeptFile& kept : rules.keep) {
            if (fs::equivalent(p, kept.path, ec) && !ec) {
                return Error::invalid(target.string() + " is " + kept.what +
                                      ": writing there would replace it. Choose another file "
                                      "name.");
            }
            ec.clear();
        }
    }
    if (isSpecial(st) && !linkReplaced) return {};
    const fs::path dir = p.parent_path().empty() ? fs::path(".") : p.parent_path();
    const fs::file_status ds = fs::status(dir, ec);
    if (!fs::exists(ds)) {
        return Error::notFound("the folder " + dir.string() +
                               " does not exist; create it first "
                               "or choose another place for " +
                               target.filename().string());
    }
    if (!fs::is_directory(ds)) return Error::invalid(dir.string() + " is not a folder");
    if (::access(dir.c_str(), W_OK) != 0) {
        return Error::make(Error::Code::Io, "cannot write in " + dir.string(),
                           std::strerror(errno));
    }
    return {};
}

Status writeFileAtomically(const fs::path& target, std::string_view bytes,
                           const OutputRules& rules) {
    LL_TRY(checkOutputFile(target, rules));
    LL_ASSIGN(fs::path p, whereTo(target, rules));
    const fs::file_status st = statusOf(p, rules);
    const bool linkReplaced = fs::is_symlink(st);
    if (isSpecial(st) && !linkReplaced) {
        // A pipe or a device: renaming over it would replace it, so write into it.
        int fd = ::open(p.c_str(), O_WRONLY | O_CLOEXEC);
        if (fd < 0)
            return Error::make(Error::Code::Io, "cannot write " + target.string(),
                               std::strerror(errno));
        const bool ok = writeAll(fd, bytes);
        const int err = errno;
        ::close(fd);
        if (!ok)
            return Error::make(Error::Code::Io, "could not write " + target.string(),
                               std::strerror(err));
        return {};
    }
    std::random_device rd;
    const fs::path dir = p.parent_path().empty() ? fs::path(".") : p.parent_path();
    const fs::path tmp = dir / ("." + p.filename().string() + ".tmp-" + std::to_string(rd()));
    int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0) {
        return Error::make(Error::Code::Io, "cannot write in " + dir.string(),
                           std::strerror(errno));
    }
    // An old file keeps its permissions (a report shared read-only with the team stays so).
    struct stat old {};
    if (!linkReplaced && ::stat(p.c_str(), &old) == 0) ::fchmod(fd, old.st_mode & 07777);
    if (!writeAll(fd, bytes)) {
        const int err = errno;
        ::close(fd);
        ::unlink(tmp.c_str());
        return Error::make(Error::Code::Io, "could not write " + target.string(),
                           std::strerror(err));
    }
    const bool synced = ::fsync(fd) == 0;
    if (::close(fd) != 0 || !synced) {
        ::unlink(tmp.c_str());
        return Error::make(Error::Code::Io, "could not finish writing " + target.string());
    }
    if (::rename(tmp.c_str(), p.c_str()) != 0) {
        const int err = errno;
        ::unlink(tmp.c_str());
        return Error::make(Error::Code::Io, "could not replace " + target.string(),
                           std::strerror(err));
    }
    return {};
}

}  // namespace ll::jobs
