#pragma once
// The library: one SQLite file holding clips, reviewers, comments and talk-time analyses.
// Opening checks that the file is ours (application_id) before anything is written, refuses
// libraries from a newer LessonLens, and migrates older ones in one transaction.
// Owned by one thread; open a second Library for another thread or process.

#include <filesystem>
#include <functional>
#include <memory>

#include "store/database.h"
#include "store/repositories.h"

namespace ll::store {

class Library {
public:
    static Result<std::unique_ptr<Library>> open(const std::filesystem::path& path,
                                                 const OpenOptions& options = {});
    static Result<std::unique_ptr<Library>> openInMemory();

    // $LESSONLENS_DB, else $XDG_DATA_HOME/lessonlens/library.sqlite,
    // else ~/.local/share/lessonlens/library.sqlite.
    static std::filesystem::path defaultPath();

    Database& db() { return *m_db; }
    bool isReadOnly() const { return m_db->isReadOnly(); }
    const std::filesystem::path& path() const { return m_db->path(); }

    ReviewerRepository& reviewers() { return m_reviewers; }
    ClipRepository& clips() { return m_clips; }
    CommentRepository& comments() { return m_comments; }
    AnalysisRepository& analyses() { return m_analyses; }
    RoundRepository& rounds() { return m_rounds; }

    // Calls `visit` with each text in the library that is not plain ASCII (titles, names,
    // comments, tags, paths), possibly more than once. Every TEXT column of every table is read
    // except ids (`id`, `..._id`), so a column added later is covered too. The window's font
    // bakes only the characters in use (ui/fonts.h).
    Status forEachTextBeyondAscii(const std::function<void(std::string_view)>& visit);

    // Runs `work` inside one IMMEDIATE transaction: all of its writes land, or none do. Called
    // inside another write, it is a savepoint of that one: its writes are undone if it fails,
    // and land only when the outer write does (a clip added for a comment that is refused).
    Status write(const std::function<Status()>& work);

private:
    explicit Library(std::unique_ptr<Database> db);
    Status prepare(bool isNewFile);
    std::unique_ptr<Database> m_db;
    ReviewerRepository m_reviewers;
    ClipRepository m_clips;
    CommentRepository m_comments;
    AnalysisRepository m_analyses;
    RoundRepository m_rounds;
};

}  // namespace ll::store
