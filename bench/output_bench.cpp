// What syncing an output costs: write_file_atomic() of a PDF-sized file, durable (fsync of the
// file before the rename and of the directory after) against not (as caches are written), in
// alternating rounds. Usage: output_bench [DIR] [BYTES] [ROUNDS]; DIR on the file system to
// measure (default: the current directory). Results go in docs/performance.md.
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "cvtex/base/output.hpp"

int main(int argc, char** argv) {
    const std::string dir = argc > 1 ? argv[1] : ".";
    const std::size_t bytes = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 60000;
    const int rounds = argc > 3 ? std::atoi(argv[3]) : 50;
    const std::string path = dir + "/output-bench.pdf";
    std::string data(bytes, 'x');
    std::vector<double> times[2];
    for (int round = 0; round < rounds; ++round) {
        for (const bool durable : {true, false}) {
            data[static_cast<std::size_t>(round) % bytes] = static_cast<char>('a' + round % 26);
            const auto start = std::chrono::steady_clock::now();
            const std::string error = cvtex::write_file_atomic(path, data, true, true, durable);
            const std::chrono::duration<double, std::milli> took =
                std::chrono::steady_clock::now() - start;
            if (!error.empty()) {
                fmt::print(stderr, "output_bench: {}\n", error);
                return 1;
            }
            times[durable ? 0 : 1].push_back(took.count());
        }
    }
    std::remove(path.c_str());
    for (auto& t : times) std::sort(t.begin(), t.end());
    auto median = [](const std::vector<double>& t) { return t[t.size() / 2]; };
    fmt::print(
        "{} bytes, {} rounds in {}: durable median {:.2f} ms (max {:.2f}), "
        "not synced median {:.2f} ms (max {:.2f})\n",
        bytes, rounds, dir, median(times[0]), times[0].back(), median(times[1]), times[1].back());
    return 0;
}
