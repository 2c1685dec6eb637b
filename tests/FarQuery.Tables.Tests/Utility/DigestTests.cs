// SPDX-License-Identifier: Apache-2.0
using System.Security.Cryptography;
using FarQuery.Core;

namespace FarQuery.Tables.Tests.Utility;

/// <summary>The file digest used by file events and the hash table: OpenSSL when libssl loads, managed otherwise; both
/// give the same bytes. The no-libssl side also runs for real in the arm64 VM (Arm64QemuTests), which has no libssl.</summary>
public sealed class DigestTests
{
    public static TheoryData<string, bool> Algorithms => new()
    {
        { "md5", true }, { "md5", false }, { "sha1", true }, { "sha1", false }, { "sha256", true }, { "sha256", false },
    };

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void Finish_ChunkedInput_EqualsTheOneShotReference(string algorithm, bool useOpenSsl)
    {
        var data = new byte[300_000];
        new Random(7).NextBytes(data);
        using var digest = Create(algorithm, useOpenSsl);
        Assert.Equal(useOpenSsl, digest.UsesOpenSsl);

        for (var offset = 0; offset < data.Length; offset += 4097)
        {
            digest.Append(data.AsSpan(offset, Math.Min(4097, data.Length - offset)));
        }

        Assert.Equal(Convert.ToHexString(Reference(algorithm, data)), Convert.ToHexString(digest.Finish()));
    }

    [Fact]
    public void Sha256_EmptyInput_IsTheKnownVector()
    {
        using var native = Digest.Sha256(useOpenSsl: true);
        using var managed = Digest.Sha256(useOpenSsl: false);

        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Convert.ToHexStringLower(native.Finish()));
        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Convert.ToHexStringLower(managed.Finish()));
    }

    [Fact]
    public void OpenSslAvailable_HostWithLibssl_DigestsUseIt()
    {
        // The test host itself hashes with OpenSSL above, so libssl is loadable here and the default must pick it.
        Assert.True(Digest.OpenSslAvailable);
        using var digest = Digest.Sha1();
        Assert.True(digest.UsesOpenSsl);
    }

    private static Digest Create(string algorithm, bool useOpenSsl) => algorithm switch
    {
        "md5" => Digest.Md5(useOpenSsl),
        "sha1" => Digest.Sha1(useOpenSsl),
        _ => Digest.Sha256(useOpenSsl),
    };

    private static byte[] Reference(string algorithm, byte[] data) => algorithm switch
    {
        "md5" => MD5.HashData(data),
        "sha1" => SHA1.HashData(data),
        _ => SHA256.HashData(data),
    };
}
