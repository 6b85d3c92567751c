#include "store/model.h"

#include "core/text.h"

namespace ll::store {

std::string_view toString(CommentKind kind) {
    switch (kind) {
        case CommentKind::Strength: return "strength";
        case CommentKind::Question: return "question";
        case CommentKind::Suggestion: return "suggestion";
        case CommentKind::Note: return "note";
    }
    return "note";
}

Result<CommentKind> parseCommentKind(std::string_view text) {
    std::string t = toLower(trimView(text));
    if (t == "strength") return CommentKind::Strength;
    if (t == "question") return CommentKind::Question;
    if (t == "suggestion") return CommentKind::Suggestion;
    if (t == "note") return CommentKind::Note;
    return Error::invalid("\"" + std::string(text) +
                          "\" is not a comment kind; use strength, question, suggestion or note");
}

std::string_view toString(AnalysisRun::Status status) {
    switch (status) {
        case AnalysisRun::Status::Running: return "running";
        case AnalysisRun::Status::Complete: return "complete";
        case AnalysisRun::Status::Cancelled: return "cancelled";
        case AnalysisRun::Status::Failed: return "failed";
    }
    return "failed";
}

bool isTalkLabel(std::string_view label) {
    return label == "teacher" || label == "student" || label == "multiple" || label == "silence";
}

std::string_view toString(SegmentCorrection::Kind kind) {
    return kind == SegmentCorrection::Kind::TeacherAt ? "teacher_at" : "relabel";
}

}  // namespace ll::store
