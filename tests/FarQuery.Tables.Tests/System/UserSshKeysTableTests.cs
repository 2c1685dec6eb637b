// SPDX-License-Identifier: Apache-2.0
using System.Text.RegularExpressions;
using FarQuery.Tables.Tests.Support;

namespace FarQuery.Tables.Tests.SystemTables;

public sealed class UserSshKeysTableTests
{
    [Fact]
    public void SelectStar_Debian12_RowsMatchSpec()
    {
        TableAssert.SelectStarMatchesSpec("user_ssh_keys", context: Fixtures.Context("debian12"));
    }

    [Fact]
    public void Query_Debian12_EveryPrivateKeyAndNothingElse()
    {
        var rows = Fixtures.Query("debian12", "select uid, path, encrypted, key_type, key_group_name, key_length, key_security_bits from user_ssh_keys").Rows
            .Select(r => string.Join('|', r.Select(v => v?.ToString() ?? "NULL"))).ToList();
        Assert.Equal(
        [
            "0|/root/.ssh/id_ecdsa|0|ec|prime256v1|256|128",
            "1000|/home/cloudsdk/.ssh/deploy_pem|0|rsa||2048|112",
            "1000|/home/cloudsdk/.ssh/ecdsa_p384.pem|0|ec|secp384r1|384|192",
            "1000|/home/cloudsdk/.ssh/id_ed25519|0|||NULL|NULL",
            "1000|/home/cloudsdk/.ssh/id_rsa|1|||NULL|NULL",
            "1000|/home/cloudsdk/.ssh/legacy_enc.pem|1|||NULL|NULL",
            "1000|/home/cloudsdk/.ssh/pkcs8_enc.pem|1|||NULL|NULL",
        ], rows);
    }

    [Fact]
    public void Query_UidConstraint_ReadsOnlyThatUser()
    {
        var paths = Fixtures.Query("debian12", "select path from user_ssh_keys where uid = 0").Rows.Select(r => (string)r[0]!);
        Assert.Equal(["/root/.ssh/id_ecdsa"], paths);
    }

    [Theory]
    [InlineData("home/cloudsdk/.ssh/deploy_pem")]
    [InlineData("home/cloudsdk/.ssh/ecdsa_p384.pem")]
    [InlineData("root/.ssh/id_ecdsa")]
    public void Query_PemKey_LengthMatchesOpenssl(string file)
    {
        var text = Fixtures.RequireTool("openssl", "pkey", "-in", Path.Join(Fixtures.Root("debian12"), file), "-noout", "-text");
        if (text is null)
        {
            return;
        }

        var bits = long.Parse(Regex.Match(text, @"Private-Key: \((\d+) bit").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        var row = Assert.Single(Fixtures.Query("debian12", $"select key_length from user_ssh_keys where path = '/{file}'").Rows);
        Assert.Equal(bits, row[0]);
    }

    [Theory]
    [InlineData(2048, 112)]
    [InlineData(3072, 128)]
    [InlineData(4096, 152)]
    [InlineData(1024, 80)]
    public void IfcSecurityBits_ModulusSize_MatchesSp80056B(int bits, long expected)
    {
        Assert.Equal(expected, FarQuery.Tables.Parsers.SshPrivateKey.IfcSecurityBits(bits));
    }

    [Fact]
    public void Query_DamagedKeys_OnlyTheOpenSshHeaderCounts()
    {
        var row = Assert.Single(Fixtures.Query("damaged", "select path, encrypted, key_type from user_ssh_keys").Rows);
        Assert.Equal("/root/.ssh/openssh_header_only", row[0]);
        Assert.Equal(1L, row[1]);
    }

    [Fact]
    public void Query_PidWithNamespace_ReadsThroughProcRoot()
    {
        // The fixture has no /proc/4242/root: the keys of its own /root and /home must not be returned for that pid.
        Assert.Empty(Fixtures.Query("debian12", "select * from user_ssh_keys where pid_with_namespace = 4242").Rows);
    }
}
