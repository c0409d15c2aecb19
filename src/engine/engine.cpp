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
        const std::string candidate = dir + "/" + program;
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

class ProcessEngine final : public Engine {
  public:
    EngineResult run(const EngineJob& job) override {
        EngineResult result;
        const std::string binary = find_in_path(job.engine);
        if (binary.empty()) {
            result.status = EngineStatus::not_found;
            result.detail = job.engine;
            return result;
        }
        // The whole build, every pass and the format dump, shares one deadline.
        const Clock::time_point deadline = Clock::now() + job.timeout;
        // Declared before the directory, so a signal is re-raised only after it is removed.
        const SignalGuard signals;
        TempDir dir;
        if (dir.path().empty()) {
            result.detail = "cannot create a temporary build directory";
            return result;
        }
        {
            std::ofstream tex(dir.path() + "/cv.tex", std::ios::binary);
            tex << job.tex;
            if (!tex) {
                result.detail = "cannot write the .tex file to the build directory";
                return result;
            }
        }
        std::string log;
        // Through the cached format of the class preamble when there is one; on a miss the
        // run goes on without it and the format is dumped in the background for the next
        // build. The cache is an optimisation only: the PDF is the same either way, and no
        // failure of the cache ever fails the build.
        const std::optional<FormatSpec> spec = format_spec(binary, job);
        std::string format = spec ? use_cached_format(*spec, dir.path()) : std::string();
        if (spec && format.empty()) dump_format_in_background(binary, job, *spec);
        for (result.passes = 1; result.passes <= job.max_passes; ++result.passes) {
            int exit_status = 0;
            std::vector<std::string> args{"cv.tex"};
            if (!format.empty()) args.insert(args.begin(), format);
            const RunOutcome outcome =
                run_engine(binary, job, dir.path(), args, deadline, exit_status);
            if (pending_signal) {
                result.status = EngineStatus::failed;
                result.detail = fmt::format("interrupted by signal {}", int(pending_signal));
                return result;
            }
            // A format that will not load (a damaged cache file, an engine upgraded in place,
            // one removed meanwhile) is dropped from the cache and dumped afresh for later
            // builds; this run goes on without one.
            if (!format.empty() && outcome == RunOutcome::exited && exit_status != 0 &&
                format_failed_to_load(read_file(dir.path() + "/engine.out").value_or(""))) {
                discard_format(*spec, dir.path());
                dump_format_in_background(binary, job, *spec);
                format.clear();
                --result.passes;
                continue;
            }
            result.used_format = !format.empty();
            if (outcome == RunOutcome::spawn_failed) {
                result.status = EngineStatus::not_found;
                result.detail = job.engine;
                return result;
            }
            log = read_file(dir.path() + "/cv.log").value_or("");
            if (outcome == RunOutcome::timed_out) {
                result.status = EngineStatus::timeout;
                result.messages = parse_tex_log(log);
                break;
            }
            if (exit_status != 0) {
                result.status = EngineStatus::tex_error;
                result.messages = parse_tex_log(log);
                if (result.messages.empty() ||
                    result.messages.front().kind != TexMessage::Kind::error)
                    result.detail =
                        fmt::format("{} exited with status {}", job.engine, exit_status);
                break;
            }
            if (!log_wants_rerun(log) || result.passes == job.max_passes) {
                result.messages = parse_tex_log(log);
                auto pdf = read_file(dir.path() + "/cv.pdf");
                if (pdf) {
                    result.status = EngineStatus::ok;
                    result.pdf = std::move(*pdf);
                } else {
                    result.detail = fmt::format("{} wrote no PDF", job.engine);
                }
                break;
            }
        }
        if (result.passes > job.max_passes) result.passes = job.max_passes;
        const bool kept = job.keep_dir && keep_files(dir.path(), *job.keep_dir, result);
        if (job.keep_dir && !kept) result.keep_failed = true;
        if (!kept && (result.status == EngineStatus::tex_error ||
                      result.status == EngineStatus::timeout || result.keep_failed)) {
            // The diagnostics name the log; it stays in the private directory, never in the
            // user's folder.
            dir.keep();
            result.log_path = dir.path() + "/cv.log";
        }
        return result;
    }
};

}  // namespace

std::unique_ptr<Engine> make_process_engine() {
    return std::make_unique<ProcessEngine>();
}

}  // namespace cvtex
