// SPDX-License-Identifier: Apache-2.0
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace FarQuery.Core;

/// <summary>An incremental MD5, SHA-1 or SHA-256 for file contents. Backed by the runtime's OpenSSL hashing when libssl
/// can be loaded (4 to 7 times faster for SHA: tests/FarQuery.Benchmarks HashBenchmarks), else by the managed
/// <see cref="BlockHash"/>: without libssl the runtime aborts the process at its first hash, and an app's image may have
/// none. The agent's own layout (docker/package.sh) bundles it.</summary>
public sealed class Digest : IDisposable
{
    // The sonames the runtime's OpenSSL shim tries, newest first.
    private static readonly string[] LibSsl = ["libssl.so.3", "libssl.so.1.1", "libssl.so.1.0.2", "libssl.so.10"];

    private readonly IncrementalHash? native;
    private readonly BlockHash? managed;

    private Digest(HashAlgorithmName algorithm, Func<BlockHash> fallback, bool useOpenSsl)
    {
        if (useOpenSsl)
        {
            native = IncrementalHash.CreateHash(algorithm);
        }
        else
        {
            managed = fallback();
        }
    }

    /// <summary>Whether libssl can be loaded here, so that digests use it (probed once).</summary>
    public static bool OpenSslAvailable { get; } = ProbeOpenSsl();

    /// <summary>Whether this instance uses the runtime's OpenSSL hashing.</summary>
    public bool UsesOpenSsl => native is not null;

    /// <summary>A new MD5.</summary>
    public static Digest Md5(bool? useOpenSsl = null) => new(HashAlgorithmName.MD5, static () => new Md5Hash(), useOpenSsl ?? OpenSslAvailable);

    /// <summary>A new SHA-1.</summary>
    public static Digest Sha1(bool? useOpenSsl = null) => new(HashAlgorithmName.SHA1, static () => new Sha1Hash(), useOpenSsl ?? OpenSslAvailable);

    /// <summary>A new SHA-256.</summary>
    public static Digest Sha256(bool? useOpenSsl = null) => new(HashAlgorithmName.SHA256, static () => new Sha256Hash(), useOpenSsl ?? OpenSslAvailable);

    /// <summary>Adds data.</summary>
    public void Append(ReadOnlySpan<byte> data)
    {
        if (native is not null)
        {
            native.AppendData(data);
        }
        else
        {
            managed!.Append(data);
        }
    }

    /// <summary>The digest of everything appended.</summary>
    public byte[] Finish() => native?.GetHashAndReset() ?? managed!.Finish();

    /// <inheritdoc/>
    public void Dispose() => native?.Dispose();

    private static bool ProbeOpenSsl()
    {
        // dlopen from this executable, with its RUNPATH, as the runtime's shim will.
        foreach (var name in LibSsl)
        {
            if (NativeLibrary.TryLoad(name, out var handle))
            {
                NativeLibrary.Free(handle);
                return true;
            }
        }

        return false;
    }
}
