// Pre-started engines: started by a thread of the pool's own, kept by key, refreshed when the
// minute changes, killed with the pool.
#include "cvtex/engine/standby.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <iterator>

#include "cvtex/engine/format_cache.hpp"

namespace cvtex {

namespace {

// How long an engine kept ready for a key waits for a build before it is let go (watch mode
// left open overnight holds no TeX process).
constexpr std::time_t kept_idle_limit = std::time_t{60} * 60;

// The local minute a time falls in, as TeX's \time, \day, \month and \year see it.
long long local_minute(std::time_t t) {
    std::tm tm{};
    localtime_r(&t, &tm);
    return ((static_cast<long long>(tm.tm_year) * 400 + tm.tm_yday) * 24 + tm.tm_hour) * 60 +
           tm.tm_min;
}

std::unique_ptr<Standby> launch_one(const StandbyLaunch& l, bool keep) {
    auto s = std::make_unique<Standby>();
    const std::string fifo = s->dir.path() + "/cv.tex";
    if (s->dir.path().empty() || mkfifo(fifo.c_str(), 0600) != 0) return nullptr;
    // Open for reading and writing: that never blocks, TeX's open() returns whenever it
    // comes, and TeX never sees the end of the file before the handover closes it.
    s->pipe = open(fifo.c_str(), O_RDWR | O_NONBLOCK | O_CLOEXEC);
    if (s->pipe < 0) return nullptr;
    fcntl(s->pipe, F_SETPIPE_SZ, 1 << 20);  // most documents in one write (1 MiB: the usual cap)
    // The preamble goes in whole or not at all: TeX runs what it reads.
    if (!l.preamble.empty()) {
        if (write(s->pipe, l.preamble.data(), l.preamble.size()) !=
            static_cast<ssize_t>(l.preamble.size()))
            return nullptr;
        s->preamble = l.preamble;
    }
    s->engine = l.job.engine;
    s->installation = installation_stamp(l.job.engine);
    s->kept = keep;
    s->format = use_cached_format(l.spec, s->dir.path());
    if (s->format.empty()) return nullptr;
    s->started = std::time(nullptr);
    s->fixed_date = l.job.source_date_epoch.has_value();
    // Without -no-parse-first-line TeX would read cv.tex's first line, looking for a %&
    // line, before it loads the format. The CPU time limit is a backstop only (a waiting
    // engine uses none); the timeout starts when the document is handed over.
    s->pid =
        spawn_engine(l.binary, l.job, s->dir.path(), {"-no-parse-first-line", s->format, "cv.tex"},
                     deadline_after(l.job.timeout + std::chrono::minutes(1)));
    if (s->pid < 0) return nullptr;
    return s;
}

}  // namespace

std::string_view preamble_of(std::string_view tex) {
    static constexpr std::string_view begin = "\n\\begin{document}\n";
    const auto at = tex.find(begin);
    return at == std::string_view::npos ? std::string_view() : tex.substr(0, at + begin.size());
}

std::string installation_stamp(const std::string& engine) {
    std::string out;
    for (const auto& path : tex_witnesses(engine)) out += path + ' ' + file_stamp(path) + '\n';
    return out;
}

std::string StandbyLaunch::key() const {
    std::string k = binary;
    for (const std::string* part : {&spec.cache_dir, &spec.key, &job.class_dir, &job.engine})
        k += '\0' + *part;
    k += '\0' + job.source_date_epoch.value_or("-");
    return k;
}

Standby::~Standby() {
    if (pid > 0) kill_engine(pid);
    if (pipe >= 0) close(pipe);
}

bool Standby::fresh(std::time_t now) const {
    return fixed_date || local_minute(started) == local_minute(now);
}

StandbyPool::StandbyPool() : thread_([this] { loop(); }) {}

StandbyPool::~StandbyPool() {
    {
        const std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    thread_.join();
    const std::lock_guard lock(mutex_);
    ready_.clear();
}

// Whether an engine kept ready for `key` (with the preamble it is kept for) is waiting.
// Called with the lock held.
bool StandbyPool::kept_ready(const std::string& key) const {
    for (auto r = ready_.find(key); r != ready_.end() && r->first == key; ++r)
        if (serves_kept(key, *r->second)) return true;
    return false;
}

// Whether `s`, an engine started to keep `key` ready, still serves it: the key is kept, and
// for the preamble `s` ran. Called with the lock held.
bool StandbyPool::serves_kept(const std::string& key, const Standby& s) const {
    const auto it = kept_.find(key);
    return s.kept && it != kept_.end() && it->second.launch.preamble == s.preamble;
}

void StandbyPool::start(StandbyLaunch launch, bool keep) {
    {
        const std::lock_guard lock(mutex_);
        const std::string key = launch.key();
        if (keep) {
            auto [it, added] = kept_.try_emplace(key, Kept{launch, std::time(nullptr)});
            it->second.used = std::time(nullptr);
            it->second.launch = launch;  // the latest preamble, for the minute's refresh too
            // The one kept for another preamble cannot serve the next build; engines a
            // packet asked for stay for theirs.
            for (auto r = ready_.find(key); r != ready_.end() && r->first == key;)
                r = !r->second->kept || serves_kept(key, *r->second) ? std::next(r)
                                                                     : ready_.erase(r);
            // One is kept ready: none is started when one is waiting or on its way (one on
            // its way with another preamble is replaced when it comes, in loop()).
            if (!added && (kept_ready(key) || it->second.queued)) return;
            it->second.queued = true;
        }
        queue_.push_back({std::move(launch), keep});
    }
    wake_.notify_all();
}

std::unique_ptr<Standby> StandbyPool::take(const std::string& key, std::string_view tex) {
    std::unique_ptr<Standby> out;
    {
        const std::lock_guard lock(mutex_);
        const std::time_t now = std::time(nullptr);
        for (auto it = ready_.find(key); it != ready_.end() && it->first == key;) {
            Standby& s = *it->second;
            if (!s.fresh(now) || engine_has_exited(s.pid) ||
                installation_stamp(s.engine) != s.installation) {
                it = ready_.erase(it);  // stale, dead or out of date: killed and removed
                continue;
            }
            if (tex.starts_with(s.preamble)) {
                out = std::move(it->second);
                ready_.erase(it);
                break;
            }
            ++it;  // ran the preamble of another document
        }
        if (auto kept = kept_.find(key); kept != kept_.end()) kept->second.used = now;
    }
    return out;
}

std::vector<pid_t> StandbyPool::pids() const {
    const std::lock_guard lock(mutex_);
    std::vector<pid_t> out;
    for (const auto& [key, s] : ready_) out.push_back(s->pid);
    return out;
}

// Drops stale and dead engines, kept ones that no longer serve their key and a packet's
// that waited too long, lets go of keys not used for an hour, and starts an engine for
// every key kept ready that has none. Called with the lock held.
void StandbyPool::refresh(std::time_t now) {
    for (auto it = ready_.begin(); it != ready_.end();) {
        const Standby& s = *it->second;
        const bool drop =
            !s.fresh(now) || engine_has_exited(s.pid) ||
            (s.kept ? !serves_kept(it->first, s) : now - s.started > expected_idle_limit);
        it = drop ? ready_.erase(it) : std::next(it);
    }
    for (auto it = kept_.begin(); it != kept_.end();) {
        if (now - it->second.used > kept_idle_limit) {
            const std::string key = it->first;
            it = kept_.erase(it);
            for (auto r = ready_.find(key); r != ready_.end() && r->first == key;)
                r = r->second->kept ? ready_.erase(r) : std::next(r);
            continue;
        }
        if (!it->second.queued && !kept_ready(it->first)) {
            it->second.queued = true;
            queue_.push_back({it->second.launch, true});
        }
        ++it;
    }
}

void StandbyPool::loop() {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
        if (!queue_.empty()) {
            Queued q = std::move(queue_.front());
            queue_.pop_front();
            const std::string key = q.launch.key();
            lock.unlock();
            auto standby = launch_one(q.launch, q.keep);
            lock.lock();
            if (q.keep)
                if (auto kept = kept_.find(key); kept != kept_.end()) kept->second.queued = false;
            if (standby && !stopping_) {
                // Started for a preamble the key is no longer kept for (the design changed
                // while it started): let go, and the refresh below starts the right one.
                if (!standby->kept || serves_kept(key, *standby))
                    ready_.emplace(key, std::move(standby));
                else
                    refresh(std::time(nullptr));
            }
            continue;
        }
        if (kept_.empty() && ready_.empty()) {
            wake_.wait(lock);
        } else {
            // Just after the next minute starts: engines of the last one go stale then.
            const auto now = std::chrono::system_clock::now();
            const auto minute = std::chrono::floor<std::chrono::minutes>(now);
            wake_.wait_until(lock,
                             minute + std::chrono::minutes(1) + std::chrono::milliseconds(20));
        }
        if (!stopping_) refresh(std::time(nullptr));
    }
}

}  // namespace cvtex
