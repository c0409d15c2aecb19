// Test support: an Engine that runs no TeX. It records each job and answers with a result
// made by a function of the job, e.g. a canned TeX log that names a line of the job's .tex.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "cvtex/engine/engine.hpp"

namespace cvtex::test {

class FakeEngine final : public Engine {
  public:
    using Respond = std::function<EngineResult(const EngineJob&)>;

    /// Answers every job with `status`; a successful job gets `pdf` as its PDF.
    explicit FakeEngine(EngineStatus status = EngineStatus::ok, std::string pdf = "%PDF-fake\n")
        : respond_([status, pdf](const EngineJob&) {
              EngineResult r;
              r.status = status;
              r.passes = 1;
              if (status == EngineStatus::ok) r.pdf = pdf;
              return r;
          }) {}
    explicit FakeEngine(Respond respond) : respond_(std::move(respond)) {}

    EngineResult run(const EngineJob& job) override {
        jobs.push_back(job);
        return respond_(job);
    }

    /// A result whose messages are parsed from `log`, as the real engine does.
    static EngineResult from_log(EngineStatus status, const std::string& log) {
        EngineResult r;
        r.status = status;
        r.passes = 1;
        r.messages = parse_tex_log(log);
        if (status == EngineStatus::ok) r.pdf = "%PDF-fake\n";
        return r;
    }

    /// The 1-based line of the first line of `tex` that contains `needle`, 0 if none.
    static std::uint32_t line_of(const std::string& tex, const std::string& needle) {
        const auto at = tex.find(needle);
        if (at == std::string::npos) return 0;
        return static_cast<std::uint32_t>(
            std::count(tex.begin(), tex.begin() + static_cast<long>(at), '\n') + 1);
    }

    std::vector<EngineJob> jobs;

  private:
    Respond respond_;
};

}  // namespace cvtex::test
