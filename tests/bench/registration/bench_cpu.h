// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// CPU and wall-time probes shared by bench_registration and bench_registration_idle
// (Linux only, like the benchmarks themselves).
#pragma once

#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <dirent.h>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

namespace ParloBench {

inline std::int64_t clockNs(clockid_t id)
{
    timespec ts {};
    clock_gettime(id, &ts);
    return std::int64_t(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

// CPU time of every thread of this process, nanoseconds.
inline std::int64_t processCpuNs()
{
    return clockNs(CLOCK_PROCESS_CPUTIME_ID);
}
inline std::int64_t threadCpuNs()
{
    return clockNs(CLOCK_THREAD_CPUTIME_ID);
}
inline std::int64_t monotonicNs()
{
    return clockNs(CLOCK_MONOTONIC);
}

struct Rusage
{
    std::int64_t userNs = 0;
    std::int64_t systemNs = 0;
    long voluntarySwitches = 0;
    long involuntarySwitches = 0;
    long maxRssKiB = 0;

    static Rusage now()
    {
        rusage r {};
        getrusage(RUSAGE_SELF, &r);
        Rusage out;
        out.userNs = std::int64_t(r.ru_utime.tv_sec) * 1'000'000'000 + std::int64_t(r.ru_utime.tv_usec) * 1000;
        out.systemNs = std::int64_t(r.ru_stime.tv_sec) * 1'000'000'000 + std::int64_t(r.ru_stime.tv_usec) * 1000;
        out.voluntarySwitches = r.ru_nvcsw;
        out.involuntarySwitches = r.ru_nivcsw;
        out.maxRssKiB = r.ru_maxrss;
        return out;
    }
};

// Resident set size of this process now, KiB (/proc/self/statm).
inline long currentRssKiB()
{
    std::ifstream f("/proc/self/statm");
    long size = 0, resident = 0;
    if (!(f >> size >> resident))
        return -1;
    return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

// CPU time consumed so far by one process (all its threads), nanoseconds; -1 when it is
// gone. /proc/<pid>/schedstat has nanoseconds; /proc/<pid>/stat (utime + stime, clock
// ticks of 10 ms) is the fallback.
inline std::int64_t pidCpuNs(long pid)
{
    {
        std::ifstream f("/proc/" + std::to_string(pid) + "/schedstat");
        long long runNs = -1;
        if (f && (f >> runNs) && runNs >= 0)
            return runNs;
    }
    std::ifstream f("/proc/" + std::to_string(pid) + "/stat");
    std::string line;
    if (!std::getline(f, line))
        return -1;
    // Field 2 (comm) may contain spaces: parse from the last ')'.
    const size_t close = line.rfind(')');
    if (close == std::string::npos)
        return -1;
    std::istringstream rest(line.substr(close + 2));
    std::string field;
    long long utime = 0, stime = 0;
    for (int i = 3; i <= 15 && (rest >> field); ++i) {
        if (i == 14)
            utime = std::atoll(field.c_str());
        if (i == 15)
            stime = std::atoll(field.c_str());
    }
    return (utime + stime) * (1'000'000'000LL / sysconf(_SC_CLK_TCK));
}

// The process group of a pid (field 5 of /proc/<pid>/stat), -1 when unknown.
inline long pidGroup(long pid)
{
    std::ifstream f("/proc/" + std::to_string(pid) + "/stat");
    std::string line;
    if (!std::getline(f, line))
        return -1;
    const size_t close = line.rfind(')');
    if (close == std::string::npos)
        return -1;
    std::istringstream rest(line.substr(close + 2));
    std::string state;
    long ppid = 0, pgrp = -1;
    rest >> state >> ppid >> pgrp;
    return pgrp;
}

// CPU of every process in one process group (the Kamailio the fixture started in its
// own session: the main process and the children it forked), per pid.
inline std::map<long, std::int64_t> groupCpuNs(long pgid)
{
    std::map<long, std::int64_t> out;
    if (pgid <= 0)
        return out;
    DIR *proc = opendir("/proc");
    if (!proc)
        return out;
    while (dirent *e = readdir(proc)) {
        char *end = nullptr;
        const long pid = std::strtol(e->d_name, &end, 10);
        if (pid <= 0 || *end != '\0')
            continue;
        if (pidGroup(pid) != pgid)
            continue;
        const std::int64_t cpu = pidCpuNs(pid);
        if (cpu >= 0)
            out[pid] = cpu;
    }
    closedir(proc);
    return out;
}

// Sum over pids of (after - before); a pid that appeared in between counts in full.
inline std::int64_t groupCpuDeltaNs(const std::map<long, std::int64_t> &before,
                                    const std::map<long, std::int64_t> &after)
{
    std::int64_t sum = 0;
    for (const auto &[pid, cpu] : after) {
        const auto it = before.find(pid);
        sum += cpu - (it == before.end() ? 0 : it->second);
    }
    return sum;
}

// Busy CPU time of the whole machine (all CPUs, from /proc/stat: everything but idle and
// iowait), nanoseconds. Busy minus ours minus Kamailio's = what else ran meanwhile.
inline std::int64_t machineBusyNs()
{
    std::ifstream f("/proc/stat");
    std::string cpu;
    long long user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0;
    if (!(f >> cpu >> user >> nice >> system >> idle >> iowait >> irq >> softirq >> steal) || cpu != "cpu")
        return -1;
    return (user + nice + system + irq + softirq) * (1'000'000'000LL / sysconf(_SC_CLK_TCK));
}

} // namespace ParloBench
