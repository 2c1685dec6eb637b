// SPDX-License-Identifier: Apache-2.0
using System.Net;
using System.Net.Sockets;
using FarQuery.Core;
using FarQuery.Tables.Parsers;
using FarQuery.Tables.Tests.Support;

namespace FarQuery.Tables.Tests.Network;

public sealed class IptablesTableTests
{
    [Fact]
    public void SelectStar_LiveMachine_AnswersWithRowsThatFitTheSpec()
    {
        // Unprivileged, without ip_tables or without rules, the table must still answer (with no rows) rather than fail
        // the query; whether rows come back depends on the machine, so the rows are checked only by the host's raw
        // type check here. Query_RulesLoadedByIptablesLegacyInPrivateNetns_AreDecoded is the test with rows.
        using var host = TableAssert.Host();
        host.Query("select * from iptables");
    }

    [Fact]
    public void Query_UnknownTableName_NoRowsAndRefusalInStatus()
    {
        var root = Directory.CreateTempSubdirectory("farquery-iptables-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Join(root, "proc", "net"));
            File.WriteAllText(Path.Join(root, "proc", "net", "ip_tables_names"), "farquery_none\n");
            var context = new TableContext { Fs = new HostFileSystem(root) };
            using var host = TableAssert.Host(context);
            Assert.Empty(host.Query("select * from iptables").Rows);

            var status = StatusSources.Of(context).All.Single(s => s.Name == "iptables").GetStatus().ToDictionary(p => p.Key, p => p.Value);
            Assert.Equal(1L, status["refusals"]);
            Assert.Equal(0L, status["tables_read"]);
            Assert.Equal("loaded", status["ip_tables"]);
            Assert.StartsWith("farquery_none: ", (string)status["last_refusal"]!);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void Query_NoIpTablesNames_NoRowsAndStatusSaysNotLoaded()
    {
        var context = Fixtures.Context("damaged");
        using var host = TableAssert.Host(context);
        Assert.Empty(host.Query("select * from iptables").Rows);
        var status = StatusSources.Of(context).All.Single(s => s.Name == "iptables").GetStatus().ToDictionary(p => p.Key, p => p.Value);
        Assert.StartsWith("not loaded", (string)status["ip_tables"]!);
        Assert.Equal(0L, status["refusals"]);
    }

    [Fact]
    public void Query_RulesLoadedByIptablesLegacyInPrivateNetns_AreDecoded()
    {
        if (Fixtures.RequireTool("iptables-legacy", "--version") is null)
        {
            return;
        }

        List<Dictionary<string, object?>>? rows = null;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                rows = InPrivateNetns();
            }
            catch (Exception e)
            {
                failure = e;
            }
        });
        thread.Start();
        thread.Join();
        if (failure is not null)
        {
            throw new InvalidOperationException("netns test failed", failure);
        }

        if (rows is null)
        {
            return;
        }

        var filter = rows.Where(r => (string)r["filter_name"]! == "filter").ToList();
        var ssh = filter.Single(r => (string)r["chain"]! == "INPUT" && r["dst_port"] is "22:22");
        Assert.Equal("ACCEPT", ssh["target"]);
        Assert.Equal("ACCEPT", ssh["policy"]);
        Assert.Equal(6L, ssh["protocol"]);
        Assert.Equal("0:65535", ssh["src_port"]);
        Assert.Equal("yes", ssh["match"]);
        Assert.Equal("all", ssh["iniface"]);

        var jump = filter.Single(r => (string)r["chain"]! == "INPUT" && r["target"] is "farquery_chain");
        Assert.Equal("no", jump["match"]);

        var drop = filter.Single(r => (string)r["chain"]! == "farquery_chain" && r["target"] is "DROP");
        Assert.Equal("DROP", drop["target"]);
        Assert.Equal("", drop["policy"]);
        Assert.Equal("10.0.0.0", drop["src_ip"]);
        Assert.Equal("255.0.0.0", drop["src_mask"]);
        Assert.Equal("eth+", drop["iniface"]);
        Assert.Equal("FFFFFF", drop["iniface_mask"]);

        // Inverted tests carry osquery's "!" prefix.
        var inverted = filter.Single(r => (string)r["chain"]! == "FORWARD" && r["target"] is "ACCEPT");
        Assert.Equal("!192.168.0.0", inverted["src_ip"]);
        Assert.Equal("255.255.0.0", inverted["src_mask"]);
        Assert.Equal("!lo", inverted["iniface"]);
        Assert.Equal("all", inverted["outiface"]);

        // After each chain's rules, the chain row: policy and policy counters, rule columns NULL; user chains have
        // no policy.
        var chainRows = filter.Where(r => r["target"] is null).ToList();
        Assert.Equal(["INPUT", "FORWARD", "OUTPUT", "farquery_chain"], chainRows.Select(r => r["chain"]));
        Assert.Equal(["ACCEPT", "DROP", "ACCEPT", ""], chainRows.Select(r => r["policy"]));
        Assert.All(chainRows, r => Assert.Null(r["match"]));
        Assert.Equal(0L, chainRows[3]["packets"]);
        Assert.Equal("DROP", inverted["policy"]);

        // One real datagram through loopback: the OUTPUT rule counts it (20 IP + 8 UDP + 5 payload bytes).
        var udp = filter.Single(r => (string)r["chain"]! == "OUTPUT" && r["target"] is "ACCEPT" && r["outiface"] is "lo");
        Assert.Equal(17L, udp["protocol"]);
        Assert.Equal("9:9", udp["dst_port"]);
        Assert.Equal("127.0.0.1", udp["dst_ip"]);
        Assert.Equal("255.255.255.255", udp["dst_mask"]);
        Assert.Equal("FFFFFF", udp["outiface_mask"]);
        Assert.Equal(1L, udp["packets"]);
        Assert.Equal(33L, udp["bytes"]);

    }

    /// <summary>Runs on a dedicated thread: unshare(CLONE_NEWNET) moves only this thread, and the iptables-legacy
    /// children it forks, into a fresh network namespace, so the machine's own rules are never touched.</summary>
    private static List<Dictionary<string, object?>>? InPrivateNetns()
    {
        if (Interop.Libc.unshare(Interop.Libc.CLONE_NEWNET) != 0)
        {
            var errno = Interop.LastErrno;
            Assert.False(Environment.GetEnvironmentVariable("CI") == "true", $"unshare(CLONE_NEWNET) failed on CI: {errno}");
            Console.Error.WriteLine($"SKIPPED: unshare(CLONE_NEWNET) failed ({errno}); run as root to test iptables decoding");
            return null;
        }

        Fixtures.Run("ip", "link", "set", "lo", "up");
        try
        {
            Ipt("-A", "INPUT", "-p", "tcp", "--dport", "22", "-j", "ACCEPT");
        }
        catch (InvalidOperationException e)
        {
            // A kernel built without the legacy ip_tables module (nftables only) cannot hold the rules.
            Assert.False(Environment.GetEnvironmentVariable("CI") == "true", "iptables-legacy failed on CI: " + e.Message);
            Console.Error.WriteLine("SKIPPED: iptables-legacy cannot load rules here (no ip_tables module?): " + e.Message);
            return null;
        }


        Ipt("-N", "farquery_chain");
        Ipt("-A", "farquery_chain", "-s", "10.0.0.0/8", "-i", "eth+", "-j", "DROP");
        Ipt("-A", "INPUT", "-j", "farquery_chain");
        Ipt("-P", "FORWARD", "DROP");
        Ipt("-A", "FORWARD", "!", "-s", "192.168.0.0/16", "!", "-i", "lo", "-j", "ACCEPT");
        Ipt("-A", "OUTPUT", "-o", "lo", "-d", "127.0.0.1", "-p", "udp", "--dport", "9", "-j", "ACCEPT");

        using (var client = new UdpClient(AddressFamily.InterNetwork))
        {
            client.Send("hello"u8.ToArray(), new IPEndPoint(IPAddress.Loopback, 9));
        }

        // The kernel's own blob, cut at every length (a table that changed mid-read, or a corrupt copy), decodes to
        // at most the whole table's rows and never throws.
        Assert.True(Interop.Libc.TryIptGetEntries("filter", out var info, out var blob, out var readErrno), readErrno.ToString());
        var whole = IptEntries.Parse(info, blob).Count;
        for (var length = 0; length < blob.Length; length++)
        {
            Assert.InRange(IptEntries.Parse(info, blob.AsSpan(0, length)).Count, 0, whole);
        }

        using var host = TableAssert.Host();
        return host.Query("select * from iptables").Rows();
    }

    private static void Ipt(params string[] args)
    {
        if (Fixtures.Run("iptables-legacy", args) is null)
        {
            throw new InvalidOperationException("iptables-legacy vanished");
        }
    }
}
