// The TeX engine driver: a private build directory, passes only when the log asks for them,
// the result and the build files kept on request.
#include "cvtex/engine/engine.hpp"

#include <unistd.h>

#include <fmt/format.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>

#include "cvtex/base/source.hpp"
#include "cvtex/engine/format_dump.hpp"
#include "cvtex/engine/interruption.hpp"
#include "cvtex/engine/process.hpp"

namespace cvtex {

namespace fs = std::filesystem;

std::string check_keep_dir(const std::string& dir) {
    std::error_code ec;
    const auto status = fs::symlink_status(dir, ec);
    if (!fs::exists(status)) return {};
    if (!fs::is_directory(status)) return "exists and is not a directory";
    if (fs::exists(fs::path(dir) / keep_marker, ec)) return {};
    if (fs::directory_iterator(dir, ec) != fs::directory_iterator()) return "is not empty";
    return {};
}

std::string find_in_path(const std::string& program) {
    if (program.find('/') != std::string::npos)
        return access(program.c_str(), X_OK) == 0 ? program : std::string();
    const char* path = std::getenv("PATH");
    std::string_view rest = path ? path : "/usr/bin:/bin";
    while (true) {
        const auto colon = rest.find(':');
        std::string dir(rest.substr(0, colon));
        if (dir.empty()) dir = ".";
        std::string candidate = dir;
        candidate += '/';
        candidate += program;
        if (access(candidate.c_str(), X_OK) == 0 && !fs::is_directory(candidate)) return candidate;
        if (colon == std::string_view::npos) return {};
        rest.remove_prefix(colon + 1);
    }
}

std::string engine_package(const std::string& engine) {
    if (engine == "xelatex") return "texlive-xetex";
    if (engine == "lualatex") return "texlive-luatex";
    return "texlive-latex-base";
}

namespace {

// Copies the build files into the --keep-build directory (which check_keep_dir approved). A
// failure keeps the private directory instead, so the log named in the hint exists.
bool keep_files(const std::string& from, const std::string& to, EngineResult& result) {
    std::error_code ec;
    fs::create_directories(to, ec);
    if (ec) return false;
    std::ofstream(fs::path(to) / keep_marker) << "Build files kept by cvtex --keep-build.\n";
    for (const auto& entry : fs::directory_iterator(from, ec)) {
        if (entry.path().extension() == ".fmt") continue;  // the cached format, megabytes
        fs::copy_file(entry.path(), fs::path(to) / entry.path().filename(),
                      fs::copy_options::overwrite_existing, ec);
        if (ec) return false;
    }
    if (ec) return false;
    result.log_path = (fs::path(to) / "cv.log").string();
    return true;
}

// One build: the job, the engine binary, its private directory and its format.
struct Build {
    const EngineJob& job;
    const ProcessEngineSetup& setup;
    std::string binary;
    Clock::time_point deadline;  // shared by every pass
    TempDir dir;
    std::optional<FormatSpec> spec;
    std::string format;  // the -fmt argument; empty: compile without a format
};

// The .tex and the files it reads, in the build directory. Their names are the writer's own
// ("signature.png"), never a path from the input.
bool write_tex(const std::string& dir, const EngineJob& job) {
    std::ofstream out(dir + "/cv.tex", std::ios::binary);
    out << job.tex;
    for (const auto& [name, bytes] : job.files) {
        if (name.find('/') != std::string::npos || name.starts_with(".")) return false;
        std::ofstream file(dir + "/" + name, std::ios::binary);
        file << bytes;
        if (!file) return false;
    }
    return static_cast<bool>(out);
}

void dump_in_background(const Build& b) {
    dump_format_in_background(b.setup.dump_helper, b.binary, b.job, *b.spec);
}

// Through the cached format of the class preamble when there is one; on a miss the run goes
// on without it and the format is dumped in the background for the next build. The cache is
// an optimisation only: the PDF is the same either way, and no failure of the cache ever
// fails the build.
void choose_format(Build& b) {
    b.spec = format_spec(b.binary, b.job);
    if (!b.spec) return;
    b.format = use_cached_format(*b.spec, b.dir.path());
    if (b.format.empty()) dump_in_background(b);
}

// A format that will not load (a damaged cache file, an engine upgraded in place, one removed
// meanwhile) is dropped from the cache and dumped afresh for later builds; the pass is run
// again without one.
bool format_did_not_load(Build& b, const RunResult& run) {
    if (b.format.empty() || run.outcome != RunResult::Outcome::exited || run.exit_status == 0 ||
        !format_failed_to_load(read_file(b.dir.path() + "/engine.out").value_or("")))
        return false;
    discard_format(*b.spec, b.dir.path());
    dump_in_background(b);
    b.format.clear();
    return true;
}

enum class Next { done, another_pass, same_pass_again };

// What a pass that ran to its end left: an error, a PDF, or a log that asks for another pass.
Next read_pass(const Build& b, const RunResult& run, EngineResult& result) {
    const std::string log = read_file(b.dir.path() + "/cv.log").value_or("");
    if (run.outcome == RunResult::Outcome::timed_out) {
        result.status = EngineStatus::timeout;
        result.messages = parse_tex_log(log);
        return Next::done;
    }
    if (run.exit_status != 0) {
        result.status = EngineStatus::tex_error;
        result.messages = parse_tex_log(log);
        if (result.messages.empty() || result.messages.front().kind != TexMessage::Kind::error)
            result.detail = fmt::format("{} exited with status {}", b.job.engine, run.exit_status);
        return Next::done;
    }
    if (log_wants_rerun(log) && result.passes < b.job.max_passes) return Next::another_pass;
    result.messages = parse_tex_log(log);
    result.pages = log_page_count(log);
    if (auto pdf = read_file(b.dir.path() + "/cv.pdf")) {
        result.status = EngineStatus::ok;
        result.pdf = std::move(*pdf);
    } else {
        result.detail = fmt::format("{} wrote no PDF", b.job.engine);
    }
    return Next::done;
}

void mark_interrupted(EngineResult& result, int signal) {
    result.status = EngineStatus::interrupted;
    result.signal = signal;
    result.detail = fmt::format("interrupted by signal {}", signal);
}

Next run_pass(Build& b, EngineResult& result) {
    std::vector<std::string> args{"cv.tex"};
    if (!b.format.empty()) args.insert(args.begin(), b.format);
    const RunResult run =
        run_engine(b.binary, b.job, b.dir.path(), args, b.deadline, b.setup.interruption);
    if (run.outcome == RunResult::Outcome::interrupted) {
        mark_interrupted(result, run.signal);
        return Next::done;
    }
    if (format_did_not_load(b, run)) return Next::same_pass_again;
    result.used_format = !b.format.empty();
    if (run.outcome == RunResult::Outcome::spawn_failed) {
        result.status = EngineStatus::not_found;
        result.detail = b.job.engine;
        return Next::done;
    }
    return read_pass(b, run, result);
}

// Copies the build files to --keep-build; after an error the private directory stays instead
// (the diagnostics name its log, which never lands in the user's folder unasked).
void keep_build_files(Build& b, EngineResult& result) {
    const bool kept = b.job.keep_dir && keep_files(b.dir.path(), *b.job.keep_dir, result);
    if (b.job.keep_dir && !kept) result.keep_failed = true;
    if (!kept && (result.status == EngineStatus::tex_error ||
                  result.status == EngineStatus::timeout || result.keep_failed)) {
        b.dir.keep();
        result.log_path = b.dir.path() + "/cv.log";
    }
}

class ProcessEngine final : public Engine {
  public:
    explicit ProcessEngine(ProcessEngineSetup setup) : setup_(std::move(setup)) {}

    EngineResult run(const EngineJob& job) override {
        EngineResult result;
        // A signal that came before: no directory, no background dump.
        if (const int signal = setup_.interruption ? setup_.interruption->pending() : 0) {
            mark_interrupted(result, signal);
            return result;
        }
        Build b{job, setup_, find_in_path(job.engine), Clock::now() + job.timeout, {}, {}, {}};
        if (b.binary.empty()) {
            result.status = EngineStatus::not_found;
            result.detail = job.engine;
            return result;
        }
        if (b.dir.path().empty()) {
            result.detail = "cannot create a temporary build directory";
            return result;
        }
        if (!write_tex(b.dir.path(), job)) {
            result.detail = "cannot write the .tex file to the build directory";
            return result;
        }
        choose_format(b);
        for (result.passes = 1; result.passes <= job.max_passes; ++result.passes) {
            const Next next = run_pass(b, result);
            if (next == Next::done) break;
            if (next == Next::same_pass_again) --result.passes;
        }
        if (result.passes > job.max_passes) result.passes = job.max_passes;
        // Interrupted: the directory goes, and nothing is kept.
        if (result.status != EngineStatus::interrupted) keep_build_files(b, result);
        return result;
    }

  private:
    ProcessEngineSetup setup_;
};

}  // namespace

std::unique_ptr<Engine> make_process_engine(ProcessEngineSetup setup) {
    return std::make_unique<ProcessEngine>(std::move(setup));
}

}  // namespace cvtex
