// SPDX-License-Identifier: Apache-2.0
using BenchmarkDotNet.Attributes;
using FarQuery.Tables.Parsers;

namespace FarQuery.Benchmarks;

/// <summary>The whole-file parsers: socket lists, mounts, accounts and memory.</summary>
[MemoryDiagnoser]
public class SystemParserBenchmarks
{
    private byte[] tcp = [];
    private byte[] tcp6 = [];
    private byte[] unix = [];
    private byte[] mounts = [];
    private byte[] passwd = [];
    private byte[] meminfo = [];
    private byte[] cpuinfo = [];

    /// <summary>Loads the captured files once.</summary>
    [GlobalSetup]
    public void Setup()
    {
        tcp = FixtureFiles.Read("debian12", "proc/4242/net/tcp");
        tcp6 = FixtureFiles.Read("debian12", "proc/4242/net/tcp6");
        unix = FixtureFiles.Read("debian12", "proc/4242/net/unix");
        mounts = FixtureFiles.Read("debian12", "proc/mounts");
        passwd = FixtureFiles.Read("debian12", "etc/passwd");
        meminfo = FixtureFiles.Read("debian12", "proc/meminfo");
        cpuinfo = FixtureFiles.Read("debian12", "proc/cpuinfo");
    }

    /// <summary>/proc/net/tcp.</summary>
    [Benchmark]
    public int NetTcp() => ProcNetSocket.Parse(tcp, 2, ProcNetSocket.Tcp).Count;

    /// <summary>/proc/net/tcp6.</summary>
    [Benchmark]
    public int NetTcp6() => ProcNetSocket.Parse(tcp6, 10, ProcNetSocket.Tcp).Count;

    /// <summary>/proc/net/unix.</summary>
    [Benchmark]
    public int NetUnix() => ProcNetUnix.Parse(unix).Count;

    /// <summary>/proc/mounts.</summary>
    [Benchmark]
    public int Mounts() => MountEntry.Parse(mounts).Count;

    /// <summary>/etc/passwd.</summary>
    [Benchmark]
    public int Passwd() => PasswdEntry.Parse(passwd).Count;

    /// <summary>/proc/meminfo.</summary>
    [Benchmark]
    public int MemInfoFile() => MemInfo.Parse(meminfo).Count;

    /// <summary>/proc/cpuinfo.</summary>
    [Benchmark]
    public int CpuInfoFile() => CpuInfo.Parse(cpuinfo).LogicalCores;
}
