// SPDX-License-Identifier: Apache-2.0
using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using FarQuery.Core;

namespace FarQuery.Benchmarks;

/// <summary>The managed hashes (<see cref="BlockHash"/>) that file events, the <c>hash</c> table and the scheduler use, so
/// that the agent never needs libssl, against the runtime's OpenSSL-backed ones on the same 1 MiB: the price of that
/// independence, as a ratio (<c>--filter '*HashBenchmarks*'</c>).</summary>
[MemoryDiagnoser]
public class HashBenchmarks
{
    private readonly byte[] data = new byte[1 << 20];

    /// <summary>Fills the buffer with fixed pseudo-random bytes.</summary>
    [GlobalSetup]
    public void Setup() => new Random(42).NextBytes(data);

    /// <summary>SHA-256, managed: the baseline of the ratios.</summary>
    [Benchmark(Baseline = true)]
    public byte[] Sha256Managed() => BlockHash.HashData<Sha256Hash>(data);

    /// <summary>SHA-256 through the runtime (OpenSSL, SHA-NI where the CPU has it).</summary>
    [Benchmark]
    public byte[] Sha256OpenSsl() => SHA256.HashData(data);

    /// <summary>SHA-1, managed.</summary>
    [Benchmark]
    public byte[] Sha1Managed() => BlockHash.HashData<Sha1Hash>(data);

    /// <summary>SHA-1 through the runtime.</summary>
    [Benchmark]
    public byte[] Sha1OpenSsl() => SHA1.HashData(data);

    /// <summary>MD5, managed.</summary>
    [Benchmark]
    public byte[] Md5Managed() => BlockHash.HashData<Md5Hash>(data);

    /// <summary>MD5 through the runtime.</summary>
    [Benchmark]
    public byte[] Md5OpenSsl() => MD5.HashData(data);
}
