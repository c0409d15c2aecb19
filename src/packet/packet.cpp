// Building a packet: every document of every application to its LaTeX (in order, through
// the one Sources), the engines in parallel (each distinct document once), then the page
// checks, the combined PDFs and the summary.
#include "cvtex/packet/packet.hpp"

#include <fmt/format.h>

#include <atomic>
#include <filesystem>
#include <map>
#include <mutex>
#include <thread>

#include "cvtex/check/validate.hpp"
#include "cvtex/model/dates.hpp"
#include "cvtex/pdf/pdf.hpp"
#include "cvtex/read/loader.hpp"
#include "cvtex/transform/transform.hpp"

namespace cvtex {

namespace {

namespace fs = std::filesystem;

// One document of one application, from its model to its PDF.
struct Job {
    std::size_t application = 0;
    std::string name, title;
    CompileOptions options;  // its input (for TeX's messages), selection and variables
    std::optional<Document> doc;
    std::optional<std::string> tex;
    int first_page = 1;
    std::size_t run = 0;  // into runs_
    DiagnosticSink sink;  // this document's problems, merged in order at the end
    std::optional<int> pages;
    CompileStatus status = CompileStatus::invalid_input;
};

// A file as load_document() made it, before it is checked and transformed (where the
// application's variables and variant come in), with what loading it reported.
struct Loaded {
    std::string text;
    bool had_bom = false;
    Document doc;
    std::vector<Diagnostic> diagnostics;
};

// One engine run, shared by the jobs whose documents are the same.
struct Run {
    EngineJob job;
    EngineResult result;
    bool done = false;
    std::size_t uses = 0;  // documents not yet collected that show this run's PDF
};

std::string title_of(const std::string& name, const Document& doc) {
    if (const auto* s = std::get_if<Statement>(&doc.content)) return s->title.value;
    if (std::holds_alternative<Letter>(doc.content)) return "Cover Letter";
    return name == "cv" ? "CV" : name;
}

bool safe_name(std::string_view name) {
    return !name.empty() && name != "." && name != ".." &&
           name.find_first_not_of(
               "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-") ==
               std::string_view::npos;
}

class PacketBuilder {
  public:
    PacketBuilder(const PacketOptions& options, Sources& sources, Engine& engine,
                  DiagnosticSink& sink)
        : options_(options), sources_(sources), engine_(engine), sink_(sink) {}

    PacketResult run();

  private:
    const std::string& path_of(Span span) const {
        return span.file < packet_.files.size() ? packet_.files[span.file] : packet_.source_path;
    }
    Given given(const Text& t) const { return {t.value, path_of(t.span), t.span}; }
    std::vector<std::string> document_names() const;
    bool check_names();
    bool check_name(const Text& name, const std::vector<std::string>& known, std::string_view what,
                    const std::string& file = {});
    std::vector<std::string> documents_of(const Application& a) const;
    Variables variables_of(const Application& a) const;
    std::optional<IntValue> limit_of(const Application& a, const std::string& name) const;
    std::optional<Document> load_and_check(const CompileOptions& options, DiagnosticSink& sink);
    void prepare(std::size_t index, const Application& a, const std::string& name);
    void prepare_letter(Job& job, const Application& a);
    void write(Job& job);
    void typeset_all();
    void number_continuously();
    // One application's combined PDF: what goes into it, and what came out.
    struct Combine {
        std::vector<pdf::Part> parts;
        pdf::CombineOptions options;
        std::string pdf;
        std::string error;
        bool wanted = false;
    };
    void collect(ApplicationResult& app, std::vector<Job*>& jobs,
                 std::vector<std::pair<std::string, std::string>>& outputs, Combine& combine);
    void combine_all(std::vector<Combine>& combines);
    void store(ApplicationResult& app, const std::vector<Job*>& jobs,
               std::vector<std::pair<std::string, std::string>>& outputs, Combine& combine);

    const PacketOptions& options_;
    Sources& sources_;
    Engine& engine_;
    DiagnosticSink& sink_;
    Packet packet_;
    fs::path base_;  // the packet's directory
    std::vector<Job> jobs_;
    std::vector<Run> runs_;
    std::map<std::string, std::size_t> run_of_;  // by engine, .tex and attachments
    std::map<std::string, Loaded> loaded_;       // by path
    PacketResult result_;
};

std::vector<std::string> PacketBuilder::document_names() const {
    std::vector<std::string> names{"letter", "cv"};
    for (const auto& d : packet_.documents) names.push_back(d.name.value);
    return names;
}

bool PacketBuilder::check_name(const Text& name, const std::vector<std::string>& known,
                               std::string_view what, const std::string& file) {
    if (std::find(known.begin(), known.end(), name.value) != known.end()) return true;
    auto& d = sink_.error("unknown-document", file.empty() ? path_of(name.span) : file, name.span,
                          fmt::format("no {} called '{}'", what, name.value));
    const std::string guess = closest_match(name.value, known);
    if (!guess.empty())
        d.hints.push_back(fmt::format("did you mean '{}'?", guess));
    else
        d.hints.push_back(fmt::format("the {}s are: {}", what, fmt::join(known, ", ")));
    return false;
}

// The names the packet uses must name something; application names are folder names.
bool PacketBuilder::check_names() {
    bool ok = true;
    const auto docs = document_names();
    for (const auto& n : packet_.order) ok &= check_name(n, docs, "document");
    std::vector<std::string> apps;
    for (const auto& a : packet_.applications) {
        for (const auto& n : a.documents) ok &= check_name(n, docs, "document");
        if (!safe_name(a.name.value)) {
            sink_
                .error("bad-application-name", path_of(a.name.span), a.name.span,
                       fmt::format("'{}' cannot be a folder name", a.name.value))
                .hints.push_back(
                    "use letters, digits, '.', '_' and '-' only, e.g. \"stanford-cs\"");
            ok = false;
        } else if (std::find(apps.begin(), apps.end(), a.name.value) != apps.end()) {
            sink_
                .error("duplicate-application", path_of(a.name.span), a.name.span,
                       fmt::format("two applications are called '{}'", a.name.value))
                .hints.push_back("each application needs a name of its own (its folder)");
            ok = false;
        }
        apps.push_back(a.name.value);
    }
    for (const auto& only : options_.only)
        if (!check_name(Text{only, {}}, apps, "application", "--only")) {
            result_.unknown_only = true;
            ok = false;
        }
    return ok;
}

// The documents of an application in the order of the combined PDF.
std::vector<std::string> PacketBuilder::documents_of(const Application& a) const {
    std::vector<std::string> order;
    for (const auto& o : packet_.order) order.push_back(o.value);
    if (order.empty()) order = document_names();
    std::vector<std::string> out;
    for (const auto& name : order) {
        const bool asked =
            a.documents.empty() || std::any_of(a.documents.begin(), a.documents.end(),
                                               [&](const Text& d) { return d.value == name; });
        // Without a letter, the default order simply has none; asking for one is an error.
        if (asked && (name != "letter" || a.letter || !a.documents.empty())) out.push_back(name);
    }
    return out;
}

Variables PacketBuilder::variables_of(const Application& a) const {
    Variables v;
    v["name"] = given(a.name);
    for (const auto& [key, value] :
         {std::pair{"institution", &a.institution}, std::pair{"position", &a.position},
          std::pair{"committee", &a.committee}})
        if (*value) v[key] = given(**value);
    if (a.deadline)
        v["deadline"] = {format_letter_date(*a.deadline, packet_.settings.locale),
                         path_of(a.deadline->span), a.deadline->span};
    for (const auto& [key, value] : a.variables) v[key.value] = given(value);
    return v;
}

// The page limit the packet sets for a document of an application, if any, and where.
std::optional<IntValue> PacketBuilder::limit_of(const Application& a,
                                                const std::string& name) const {
    for (const auto& [key, value] : a.max_pages)
        if (key.value == name) return value;
    for (const auto& d : packet_.documents)
        if (d.name.value == name && d.max_pages) return d.max_pages;
    return std::nullopt;
}

void PacketBuilder::prepare_letter(Job& job, const Application& a) {
    if (!a.letter) {
        job.sink
            .error(
                "no-letter", path_of(a.span), a.span,
                fmt::format("application '{}' asks for a letter, but there is none", a.name.value))
            .hints.push_back(
                "write [packet.letter] for every application, or "
                "[application.letter] for this one");
        return;
    }
    Document doc;
    doc.source_path = packet_.source_path;
    doc.files = packet_.files;
    doc.settings = packet_.settings;
    doc.person = packet_.person;
    doc.page_limit = a.letter->max_pages;
    doc.content = *a.letter;
    if (doc.letter_body_missing())
        job.sink
            .error("missing-key", path_of(a.span), a.span,
                   fmt::format("the letter of '{}' has no text", a.name.value))
            .hints.push_back("give body or body_file in [packet.letter] or [application.letter]");
    validate(doc, options_.base.today, job.sink);
    if (!job.sink.has_errors())
        transform(doc, {job.options.selection, options_.base.today, job.options.variables},
                  sources_, job.sink);
    job.doc = std::move(doc);
}

// cvtex::load_and_check(), with each file loaded once: the CV and the statements are the same
// files for every application (a season loaded the CV 30 times and the statements, which
// read the CV too, 60 times).
std::optional<Document> PacketBuilder::load_and_check(const CompileOptions& options,
                                                      DiagnosticSink& sink) {
    if (!options.overrides.empty()) return cvtex::load_and_check(options, sources_, sink);
    const SourceFile* file = read_source(options.input, sources_, sink);
    if (!file) return std::nullopt;
    auto it = loaded_.find(options.input);
    if (it == loaded_.end() || it->second.text != file->text() ||
        it->second.had_bom != file->had_bom()) {
        DiagnosticSink loading;
        Document doc = load_document(*file, loading, {}, &sources_);
        it = loaded_
                 .insert_or_assign(options.input, Loaded{file->text(), file->had_bom(),
                                                         std::move(doc), loading.all()})
                 .first;
    }
    for (const auto& diagnostic : it->second.diagnostics) sink.add(diagnostic);
    Document doc = it->second.doc;
    validate(doc, options.today, sink);
    if (!sink.has_errors())
        transform(doc, {options.selection, options.today, options.variables}, sources_, sink);
    return doc;
}

// Loads and transforms one document of an application, and writes its LaTeX.
void PacketBuilder::prepare(std::size_t index, const Application& a, const std::string& name) {
    Job& job = jobs_.emplace_back();
    job.application = index;
    job.name = name;
    job.options = options_.base;
    job.options.run_engine = true;
    job.options.variables = variables_of(a);
    if (const auto limit = limit_of(a, name)) {
        job.options.selection.max_pages = static_cast<int>(limit->value);
        job.options.selection.max_pages_at = {"", path_of(limit->span), limit->span};
    }
    if (name == "letter") {
        job.options.input = packet_.source_path;
        prepare_letter(job, a);
    } else {
        std::string file = packet_.cv.value;
        for (const auto& d : packet_.documents)
            if (d.name.value == name) file = d.file.value;
        job.options.input = (base_ / file).lexically_normal().string();
        if (name == "cv" && a.variant) job.options.selection.variant = given(*a.variant);
        job.doc = load_and_check(job.options, job.sink);
    }
    job.title = job.doc ? title_of(name, *job.doc) : name;
    write(job);
}

// The job's LaTeX, and the engine run that typesets it (shared by identical documents).
void PacketBuilder::write(Job& job) {
    job.tex.reset();
    if (!job.doc || job.sink.has_errors()) return;
    job.options = with_engine(job.options, *job.doc);
    if (!check_engine_settings(job.options, *job.doc, job.sink)) return;
    job.tex = write_document(job.options, *job.doc, job.sink, job.first_page);
    if (!job.tex) return;
    note_class_inputs(job.options, sources_, job.doc->settings);
    EngineJob ej = engine_job(job.options, *job.doc, *job.tex);
    std::string key = ej.engine + '\0' + ej.tex;
    for (const auto& [n, bytes] : ej.files) {
        key += '\0';
        key += n;
        key += '\0';
        key += bytes;
    }
    const auto [it, fresh] = run_of_.emplace(std::move(key), runs_.size());
    if (fresh) runs_.push_back({std::move(ej), {}});
    job.run = it->second;
}

// Every engine run not made yet, `jobs` at a time.
void PacketBuilder::typeset_all() {
    std::vector<std::size_t> todo;
    for (std::size_t i = 0; i < runs_.size(); ++i)
        if (!runs_[i].done) todo.push_back(i);
    std::atomic<std::size_t> next{0};
    std::atomic<bool> stop{false};
    std::mutex progress;
    std::size_t done = 0;
    const std::size_t n =
        std::clamp<std::size_t>(static_cast<std::size_t>(std::max(options_.jobs, 1)), 1,
                                std::max<std::size_t>(todo.size(), 1));
    auto worker = [&] {
        for (std::size_t k; !stop && (k = next++) < todo.size();) {
            // The run that comes after the `n` now running: its engine starts now, and has
            // loaded its format by the time a worker is free (an engine that can, see
            // Engine::expect).
            if (k + n < todo.size()) engine_.expect(runs_[todo[k + n]].job);
            Run& r = runs_[todo[k]];
            r.result = engine_.run(r.job);
            r.done = true;
            if (r.result.status == EngineStatus::interrupted) stop = true;
            if (options_.progress) {
                const std::lock_guard lock(progress);
                options_.progress(++done, todo.size());
            }
        }
    };
    std::vector<std::thread> threads;
    for (std::size_t t = 1; t < n; ++t) threads.emplace_back(worker);
    worker();
    for (auto& t : threads) t.join();
}

// Continuous page numbers: each document starts after the pages of those before it in its
// application; the documents that do not start at 1 are written and typeset again.
void PacketBuilder::number_continuously() {
    std::map<std::size_t, int> next_page;
    for (auto& job : jobs_) {
        int& first = next_page.emplace(job.application, 1).first->second;
        const bool typeset = job.tex && runs_[job.run].result.status == EngineStatus::ok;
        const int pages = typeset ? runs_[job.run].result.pages : 0;
        if (first != 1 && typeset) {
            job.first_page = first;
            write(job);
        }
        first += pages;
    }
    typeset_all();
}

// Judges an application's documents, and says what its combined PDF is made of.
void PacketBuilder::collect(ApplicationResult& app, std::vector<Job*>& jobs,
                            std::vector<std::pair<std::string, std::string>>& outputs, Combine& c) {
    const fs::path folder = base_ / packet_.output / app.name;
    std::vector<pdf::Part>& parts = c.parts;
    outputs.reserve(jobs.size());  // the parts are views of these strings: no reallocation
    for (Job* job : jobs) {
        PacketDocumentResult d{job->name, job->title, (folder / (job->name + ".pdf")).string()};
        if (job->tex) {
            Run& run = runs_[job->run];
            job->status = judge_engine_run(job->options, *job->doc, *job->tex, run.result,
                                           job->pages, job->sink);
            d.pages = job->pages;
            // The run's last document takes its PDF; the others (the CV of every
            // application) get a copy.
            const bool last = --run.uses == 0;
            if (job->status == CompileStatus::ok) {
                outputs.emplace_back(d.path, last ? std::move(run.result.pdf) : run.result.pdf);
                parts.push_back({job->title, outputs.back().second});
            }
        }
        d.status = job->status;
        if (job->status != CompileStatus::ok && app.status == CompileStatus::ok)
            app.status = job->status;
        app.errors += job->sink.error_count();
        app.warnings += job->sink.warning_count();
        app.documents.push_back(std::move(d));
    }
    // An application is written whole or not at all: a folder with a new letter beside the
    // last build's CV and combined PDF is worse than the last build's, all of a piece.
    if (app.status != CompileStatus::ok) {
        parts.clear();
        outputs.clear();
        return;
    }
    if (!packet_.combine || parts.empty()) return;
    c.wanted = true;
    c.options.title = packet_.person.name.value + " \u2013 " + app.name;
    c.options.author = packet_.person.name.value;
    c.options.labels_per_part = !packet_.continuous_pages;
}

// The combined PDFs, `jobs` at a time (qpdf works on each alone; a season's thirty take
// about a second one after the other).
void PacketBuilder::combine_all(std::vector<Combine>& combines) {
    std::atomic<std::size_t> next{0};
    auto worker = [&] {
        for (std::size_t k; (k = next++) < combines.size();) {
            Combine& c = combines[k];
            if (!c.wanted) continue;
            c.pdf = options_.combine ? options_.combine(c.parts, c.options, c.error)
                                     : pdf::combine(c.parts, c.options, c.error);
        }
    };
    const std::size_t n =
        std::clamp<std::size_t>(static_cast<std::size_t>(std::max(options_.jobs, 1)), 1,
                                std::max<std::size_t>(combines.size(), 1));
    std::vector<std::thread> threads;
    for (std::size_t t = 1; t < n; ++t) threads.emplace_back(worker);
    worker();
    for (auto& t : threads) t.join();
}

// An application's diagnostics, documents and combined PDF, in order.
void PacketBuilder::store(ApplicationResult& app, const std::vector<Job*>& jobs,
                          std::vector<std::pair<std::string, std::string>>& outputs, Combine& c) {
    for (const Job* job : jobs)
        for (const auto& diagnostic : job->sink.all()) sink_.add(diagnostic);
    for (auto& output : outputs) result_.outputs.push_back(std::move(output));
    if (!c.wanted) return;
    if (c.pdf.empty()) {
        sink_.error("combine-failed", packet_.source_path, {},
                    fmt::format("could not combine the PDFs of '{}': {}", app.name, c.error));
        app.status = CompileStatus::tex_failed;
        return;
    }
    app.combined_path = (base_ / packet_.output / app.name / (app.name + ".pdf")).string();
    result_.outputs.emplace_back(app.combined_path, std::move(c.pdf));
}

PacketResult PacketBuilder::run() {
    result_.status = CompileStatus::invalid_input;
    const SourceFile* file = read_source(options_.input, sources_, sink_);
    if (!file) return std::move(result_);
    packet_ = load_packet(*file, sink_, &sources_);
    base_ = fs::path(options_.input).parent_path();
    if (sink_.has_errors() || !check_names()) return std::move(result_);
    for (const Application& a : packet_.applications) {
        if (!options_.only.empty() && std::find(options_.only.begin(), options_.only.end(),
                                                a.name.value) == options_.only.end())
            continue;
        result_.applications.push_back({a.name.value, a.deadline, {}, {}, CompileStatus::ok});
        for (const auto& name : documents_of(a)) prepare(result_.applications.size() - 1, a, name);
    }
    typeset_all();
    if (packet_.continuous_pages) number_continuously();
    std::vector<std::vector<Job*>> by_application(result_.applications.size());
    for (auto& job : jobs_) {
        by_application[job.application].push_back(&job);
        if (job.tex) ++runs_[job.run].uses;
    }
    result_.status = CompileStatus::ok;
    const std::size_t count = result_.applications.size();
    std::vector<std::vector<std::pair<std::string, std::string>>> outputs(count);
    std::vector<Combine> combines(count);
    for (std::size_t i = 0; i < count; ++i)
        collect(result_.applications[i], by_application[i], outputs[i], combines[i]);
    combine_all(combines);
    for (std::size_t i = 0; i < count; ++i) {
        store(result_.applications[i], by_application[i], outputs[i], combines[i]);
        if (result_.status == CompileStatus::ok) result_.status = result_.applications[i].status;
    }
    result_.packet = std::move(packet_);
    return std::move(result_);
}

std::string status_text(const ApplicationResult& a) {
    switch (a.status) {
        case CompileStatus::ok:
            return a.warnings
                       ? fmt::format("ok, {} warning{}", a.warnings, a.warnings == 1 ? "" : "s")
                       : "ok";
        case CompileStatus::invalid_input:
            return fmt::format("failed: {} error{}", a.errors, a.errors == 1 ? "" : "s");
        case CompileStatus::tex_failed:
            return "failed: TeX error";
        case CompileStatus::engine_missing:
            return "failed: no TeX engine";
        case CompileStatus::timeout:
            return "failed: timeout";
        case CompileStatus::engine_failed:
            return "failed: TeX engine crashed";
        case CompileStatus::output_failed:
            return "failed: cannot write files";
    }
    return "failed";
}

}  // namespace

PacketResult build_packet(const PacketOptions& options, Sources& sources, Engine& engine,
                          DiagnosticSink& sink) {
    return PacketBuilder(options, sources, engine, sink).run();
}

std::string packet_summary(const PacketResult& result) {
    struct Row {
        std::string name, deadline, documents, pages, status;
    };
    std::vector<Row> rows{{"application", "deadline", "documents (pages)", "pages", "status"}};
    for (const auto& a : result.applications) {
        Row r{a.name, a.deadline ? format_letter_date(*a.deadline) : "", "", "", status_text(a)};
        int total = 0;
        bool all = true;
        for (const auto& d : a.documents) {
            if (!r.documents.empty()) r.documents += ", ";
            r.documents += d.pages ? fmt::format("{} {}", d.name, *d.pages) : d.name + " -";
            total += d.pages.value_or(0);
            all = all && d.pages;
        }
        r.pages = all ? std::to_string(total) : "-";
        rows.push_back(std::move(r));
    }
    std::size_t w[4] = {0, 0, 0, 0};
    for (const auto& r : rows) {
        w[0] = std::max(w[0], r.name.size());
        w[1] = std::max(w[1], r.deadline.size());
        w[2] = std::max(w[2], r.documents.size());
        w[3] = std::max(w[3], r.pages.size());
    }
    std::string out;
    for (const auto& r : rows)
        out += fmt::format("{:<{}}  {:<{}}  {:<{}}  {:>{}}  {}\n", r.name, w[0], r.deadline, w[1],
                           r.documents, w[2], r.pages, w[3], r.status);
    return out;
}

}  // namespace cvtex
