// SPDX-License-Identifier: Apache-2.0
using BenchmarkDotNet.Attributes;
using FarQuery.Events.Tracing;
using FarQuery.Tables.Parsers;

namespace FarQuery.Benchmarks;

/// <summary>The per-process /proc parsers, the hot path of every processes and process_* scan.</summary>
[MemoryDiagnoser]
public class ProcParserBenchmarks
{
    private byte[] stat = [];
    private byte[] status = [];
    private byte[] environ = [];
    private byte[] cmdline = [];

    /// <summary>Loads the captured files once.</summary>
    [GlobalSetup]
    public void Setup()
    {
        stat = FixtureFiles.Read("debian12", "proc/4242/stat");
        status = FixtureFiles.Read("debian12", "proc/4242/status");
        environ = FixtureFiles.Read("debian12", "proc/4242/environ");
        cmdline = FixtureFiles.Read("debian12", "proc/4242/cmdline");
    }

    /// <summary>/proc/[pid]/stat.</summary>
    [Benchmark]
    public bool Stat() => ProcStat.TryParse(stat, out _);

    /// <summary>/proc/[pid]/status.</summary>
    [Benchmark]
    public bool Status() => ProcStatus.TryParse(status, out _);

    /// <summary>/proc/[pid]/environ.</summary>
    [Benchmark]
    public int Environ() => ProcEnviron.Parse(environ).Count;

    /// <summary>/proc/[pid]/cmdline.</summary>
    [Benchmark]
    public int Cmdline() => ProcText.JoinCmdline(cmdline).Length;
}
