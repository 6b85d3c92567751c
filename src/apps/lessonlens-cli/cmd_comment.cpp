// lessonlens-cli comment add/list/edit/resolve/delete: time-stamped feedback on a clip.

#include <iostream>
#include <map>

#include "apps/lessonlens-cli/cli_context.h"
#include "apps/lessonlens-cli/lookup.h"
#include "core/text.h"
#include "core/time_text.h"
#include "exchange/json_export.h"
#include "store/library.h"

namespace ll::cli {
namespace {

using exchange::commentJson;

struct AddOptions {
    std::string clip, at, to, author, text, kind = "note", replyTo;
    std::vector<std::string> tags;
    bool isPrivate = false;
};

struct ListOptions {
    std::string clip, author, tag, kind;
};

// Parses a time given on the command line; `what` names the option in messages.
Result<MediaTime> timeOption(const std::string& text, const char* what) {
    auto t = parseTime(text);
    if (!t) return Error::invalid(std::string(what) + ": " + t.error().message);
    if (*t < MediaTime::zero()) {
        return Error::invalid(std::string(what) + ": a time in the clip cannot be negative (" +
                              text + ")");
    }
    return t;
}

void runAdd(Context& ctx, const AddOptions& o) {
    // Check everything that needs no library first, so bad input never opens (or creates) it.
    auto start = timeOption(o.at, "--at");
    if (!start) return ctx.fail(start.error());
    std::optional<MediaTime> end;
    if (!o.to.empty()) {
        auto t = timeOption(o.to, "--to");
        if (!t) return ctx.fail(t.error());
        end = *t;
    }
    auto kind = store::parseCommentKind(o.kind);
    if (!kind) return ctx.fail(kind.error());
    if (!hasVisibleText(o.text)) return ctx.fail(Error::invalid("--text: a comment needs some text"));

    auto lib = ctx.library();
    if (!lib) return ctx.fail(lib.error());
    store::Library& library = **lib;
    store::Comment stored;
    // A file new to the library is added in the same change as the comment: a comment that is
    // refused (a time past the end) leaves no clip behind.
    Status st = library.write([&]() -> Status {
        LL_ASSIGN(store::Clip clip, findClip(ctx, o.clip, /*addIfNew=*/true));
        store::Comment c;
        c.clipId = clip.id;
        c.start = *start;
        c.end = end;
        c.kind = *kind;
        c.text = o.text;
        c.tags = o.tags;
        c.isPrivate = o.isPrivate;
        if (!o.replyTo.empty()) {
            LL_ASSIGN(store::Comment parent, findComment(library, o.replyTo));
            c.parentId = parent.id;
        }
        LL_ASSIGN(store::Reviewer author, library.reviewers().findOrCreate(o.author));
        c.authorId = author.id;
        LL_ASSIGN(stored, library.comments().add(std::move(c)));
        return {};
    });
    if (!st) return ctx.fail(st.error());
    if (ctx.json) return ctx.printJson(commentJson(stored));
    std::cout << stored.id.toString() << std::endl;
}

void printComment(const store::Comment& c, int depth) {
    std::string when = formatTime(c.start);
    if (c.end) when += "-" + formatTime(*c.end);
    std::string indent(static_cast<size_t>(depth) * 4, ' ');
    std::cout << indent << when << "  " << c.authorName << " (" << store::toString(c.kind);
    if (c.isPrivate) std::cout << ", private";
    if (c.resolved) std::cout << ", resolved";
    std::cout << ")";
    for (const auto& t : c.tags) std::cout << " #" << t;
    std::cout << "  [" << c.id.toString().substr(0, 8) << "]\n";
    for (const auto& line : split(c.text, '\n')) std::cout << indent << "    " << line << "\n";
}

void runList(Context& ctx, const ListOptions& o) {
    store::CommentFilter filter;
    if (!o.kind.empty()) {
        auto kind = store::parseCommentKind(o.kind);
        if (!kind) return ctx.fail(kind.error());
        filter.kind = *kind;
    }
    if (!o.tag.empty()) filter.tag = o.tag;
    auto clip = findClip(ctx, o.clip, /*addIfNew=*/false);
    if (!clip) return ctx.fail(clip.error());
    auto lib = ctx.library();
    if (!lib) return ctx.fail(lib.error());
    if (!o.author.empty()) {
        auto who = findReviewer(**lib, o.author);
        if (!who) return ctx.fail(who.error());
        filter.authorId = who->id;
    }
    auto comments = (*lib)->comments().list(clip->id, filter);
    if (!comments) return ctx.fail(comments.error());
    if (ctx.json) {
        nlohmann::json arr = nlohmann::json::array();
        for (const auto& c : *comments) arr.push_back(commentJson(c));
        return ctx.printJson(arr);
    }
    if (comments->empty()) {
        std::cout << "No comments on \"" << clip->title << "\""
                  << (o.author.empty() && o.tag.empty() && o.kind.empty() ? "" : " match") << ".\n";
        return;
    }
    // Threads: each reply under the comment it answers; top-level comments in time order.
    std::map<Id, std::vector<const store::Comment*>> replies;
    std::vector<const store::Comment*> roots;
    std::map<Id, bool> shown;
    for (const auto& c : *comments) shown[c.id] = true;
    for (const auto& c : *comments) {
        if (c.parentId && shown.count(*c.parentId)) replies[*c.parentId].push_back(&c);
        else roots.push_back(&c);
    }
    std::function<void(const store::Comment*, int)> print = [&](const store::Comment* c, int d) {
        printComment(*c, d);
        for (const auto* r : replies[c->id]) print(r, d + 1);
    };
    for (const auto* c : roots) print(c, 0);
}

// edit / resolve / delete share the shape: find the comment, change it, say what happened.
void runChange(Context& ctx, const std::string& idText,
               const std::function<Status(store::Library&, const store::Comment&)>& change,
               const char* done) {
    auto lib = ctx.library();
    if (!lib) return ctx.fail(lib.error());
    store::Library& library = **lib;
    auto comment = findComment(library, idText);
    if (!comment) return ctx.fail(comment.error());
    Status st = library.write([&] { return change(library, *comment); });
    if (!st) return ctx.fail(st.error());
    if (ctx.json) {
        auto updated = library.comments().get(comment->id);
        if (updated && *updated) return ctx.printJson(commentJson(**updated));
    }
    std::cout << done << " " << comment->id.toString() << std::endl;
}

}  // namespace

void registerCommentCommands(CLI::App& app, Context& ctx) {
    auto* comment = app.add_subcommand("comment", "add, list, edit, resolve or delete comments");
    comment->require_subcommand(1);

    auto add = std::make_shared<AddOptions>();
    auto* addCmd = comment->add_subcommand("add", "add a time-stamped comment; prints its id");
    addCmd->add_option("CLIP", add->clip, "clip id, start of an id, or media file")->required();
    addCmd->add_option("--at", add->at, "where: 83.4, 1:23.4 or 1:02:03.250")->required();
    addCmd->add_option("--to", add->to, "end of a range comment");
    addCmd->add_option("--author", add->author, "reviewer's name (new names are added)")->required();
    addCmd->add_option("--text", add->text, "the comment")->required();
    addCmd->add_option("--kind", add->kind, "strength, question, suggestion or note (default)");
    addCmd->add_option("--tag", add->tags, "a tag; repeat for several");
    addCmd->add_flag("--private", add->isPrivate, "keep it on this machine: never exported");
    addCmd->add_option("--reply-to", add->replyTo, "id of the comment this answers");
    addCmd->callback([&ctx, add] { runAdd(ctx, *add); });

    auto list = std::make_shared<ListOptions>();
    auto* listCmd = comment->add_subcommand("list", "list a clip's comments in time order");
    listCmd->add_option("CLIP", list->clip, "clip id, start of an id, or media file")->required();
    listCmd->add_option("--author", list->author, "only this reviewer's comments");
    listCmd->add_option("--tag", list->tag, "only comments with this tag");
    listCmd->add_option("--kind", list->kind, "only this kind");
    listCmd->callback([&ctx, list] { runList(ctx, *list); });

    auto editId = std::make_shared<std::string>();
    auto editText = std::make_shared<std::string>();
    auto* edit = comment->add_subcommand("edit", "replace a comment's text");
    edit->add_option("ID", *editId, "comment id or its start")->required();
    edit->add_option("--text", *editText, "the new text")->required();
    edit->callback([&ctx, editId, editText] {
        if (!hasVisibleText(*editText)) return ctx.fail(Error::invalid("--text: a comment needs some text"));
        runChange(ctx, *editId, [editText](store::Library& lib, const store::Comment& c) {
            return lib.comments().setText(c.id, *editText);
        }, "Edited");
    });

    auto resolveId = std::make_shared<std::string>();
    auto reopen = std::make_shared<bool>(false);
    auto* resolve = comment->add_subcommand("resolve", "mark a comment as dealt with");
    resolve->add_option("ID", *resolveId, "comment id or its start")->required();
    resolve->add_flag("--reopen", *reopen, "mark it open again");
    resolve->callback([&ctx, resolveId, reopen] {
        runChange(ctx, *resolveId, [reopen](store::Library& lib, const store::Comment& c) {
            return lib.comments().setResolved(c.id, !*reopen);
        }, *reopen ? "Reopened" : "Resolved");
    });

    auto deleteId = std::make_shared<std::string>();
    auto* del = comment->add_subcommand("delete", "delete a comment (kept as a tombstone so "
                                                  "shared copies learn of it)");
    del->add_option("ID", *deleteId, "comment id or its start")->required();
    del->callback([&ctx, deleteId] {
        runChange(ctx, *deleteId, [](store::Library& lib, const store::Comment& c) {
            return lib.comments().markDeleted(c.id);
        }, "Deleted");
    });
}

}  // namespace ll::cli
