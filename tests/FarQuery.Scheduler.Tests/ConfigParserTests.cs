// SPDX-License-Identifier: Apache-2.0
using System.Text;
using FarQuery.Core.Flags;
using FarQuery.Scheduler.Config;

namespace FarQuery.Scheduler.Tests;

public sealed class ConfigParserTests
{
    private const string Full = """
        {
          // whole-line comments are dropped
          # so are hash comments
          "options": {"host_identifier": "hostname", "schedule_splay_percent": 10, "events_expiry": 3600, "logger_numerics": true},
          "schedule": {
            "proc_events": {"query": "SELECT * FROM process_events;", "interval": 60, "removed": false},
            "mounts_snap": {"query": "SELECT * FROM mounts;", "interval": "3600", "snapshot": "true"},
            "long": {"query": "SELECT * \
        FROM processes;", "interval": 10}
          },
          "packs": {
            "inline": {"platform": "linux", "version": "1.0.0", "shard": 50, "discovery": ["SELECT 1 FROM processes WHERE pid = 1;"],
                       "queries": {"keys": {"query": "SELECT * FROM users;", "interval": 3600, "denylist": false, "description": "d", "value": "v"}}}
          },
          "decorators": {
            "load": ["SELECT uuid AS host_uuid FROM system_info;"],
            "always": ["SELECT 1 AS one;"],
            "interval": {"3600": ["SELECT total_seconds AS uptime FROM uptime;"], "90": ["SELECT 2;"]}
          },
          "file_paths": {"etc": ["/etc/%%"], "tmp": "/tmp/%"},
          "exclude_paths": {"etc": ["/etc/mtab"]},
          "file_accesses": ["etc"]
        }
        """;

    [Fact]
    public void Parse_FullConfig_ReadsEveryKey()
    {
        var c = ConfigParser.Parse(Full, "osquery.conf", null);
        Assert.Equal("hostname", c.Flags.Get(FlagCatalog.HostIdentifier));
        Assert.Equal(10, c.Flags.Int(FlagCatalog.ScheduleSplayPercent));
        Assert.True(c.Flags.Bool(FlagCatalog.LoggerNumerics));
        Assert.Equal(FlagSource.Config, c.Flags.SourceOf(FlagCatalog.LoggerNumerics));

        var main = c.Packs.Single(p => p.Name == "main");
        var proc = main.Queries.Single(q => q.Name == "proc_events");
        Assert.Equal("proc_events", proc.ScheduledName);
        Assert.Equal(60, proc.Interval);
        Assert.False(proc.Removed);
        var snap = main.Queries.Single(q => q.Name == "mounts_snap");
        Assert.True(snap.Snapshot);
        Assert.Equal(3600, snap.Interval);
        Assert.Equal("SELECT * FROM processes;", main.Queries.Single(q => q.Name == "long").Sql);

        var inline = c.Packs.Single(p => p.Name == "inline");
        Assert.Equal("linux", inline.Platform);
        Assert.Equal("1.0.0", inline.Version);
        Assert.Equal(50, inline.Shard);
        Assert.Single(inline.Discovery);
        var keys = Assert.Single(inline.Queries);
        Assert.Equal("pack_inline_keys", keys.ScheduledName);
        Assert.False(keys.Denylist);
        Assert.Equal("d", keys.Description);

        Assert.Single(c.Decorators.Load);
        Assert.Single(c.Decorators.Always);
        Assert.Equal([3600L], c.Decorators.Interval.Keys);
        Assert.Contains(c.Warnings, w => w.Contains("'90'", StringComparison.Ordinal));

        Assert.Equal(["/etc/%%"], c.FilePaths["etc"]);
        Assert.Equal(["/tmp/%"], c.FilePaths["tmp"]);
        Assert.Equal(["/etc/mtab"], c.ExcludePaths["etc"]);
        Assert.Equal(["etc"], c.FileAccesses);
        Assert.Equal(40, c.Hash.Length);
    }

    [Fact]
    public void Parse_PackDelimiterOption_ChangesScheduledNames()
    {
        var c = ConfigParser.Parse("""{"options": {"pack_delimiter": "/"}, "packs": {"Global": {"queries": {"foo": {"query": "select 1", "interval": 1}}}}}""", "c", null);
        Assert.Equal("pack/Global/foo", c.AllQueries.Single().ScheduledName);
    }

    [Theory]
    [InlineData("{\n  \"schedule\": {\n    \"a\": {\"query\": \"select 1\" \"interval\": 5}\n  }\n}", 3)]
    [InlineData("{\n\n  \"options\": {\"x\": 1},\n}\n", 4)]
    [InlineData("{\n  \"schedule\": [1, 2]\n}", 2)]
    [InlineData("[1]", 1)]
    public void Parse_BadConfig_ThrowsWithFileAndLine(string text, int line)
    {
        var e = Assert.Throws<ConfigException>(() => ConfigParser.Parse(text, "/etc/farquery/bad.conf", null));
        Assert.Equal(line, e.Line);
        Assert.StartsWith($"/etc/farquery/bad.conf:{line}: ", e.Message, StringComparison.Ordinal);
        Assert.NotEmpty(e.Reason);
    }

    [Theory]
    [InlineData("""{"schedule": {"a": {"interval": 5}}}""", "no 'query'")]
    [InlineData("""{"schedule": {"a": {"query": "select 1", "interval": 0}}}""", "interval")]
    [InlineData("""{"schedule": {"a": {"query": "select 1", "interval": 604801}}}""", "interval")]
    [InlineData("""{"schedule": {"a": {"query": "select 1", "interval": "soon"}}}""", "interval")]
    [InlineData("""{"schedule": {"myepoch": {"query": "select 1"}}}""", "reserved")]
    public void Parse_UnusableQuery_IsSkippedWithWarning(string text, string warning)
    {
        var c = ConfigParser.Parse(text, "c", null);
        Assert.Empty(c.AllQueries);
        Assert.Contains(c.Warnings, w => w.Contains(warning, StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_DefaultInterval_ComesFromOption()
    {
        var c = ConfigParser.Parse("""{"options": {"schedule_default_interval": 120}, "schedule": {"a": {"query": "select 1"}}}""", "c", null);
        Assert.Equal(120, c.AllQueries.Single().Interval);
    }

    [Fact]
    public void LoadFile_PacksByPathAndGlobAndDropInDirectory_AreLoaded()
    {
        var dir = Directory.CreateTempSubdirectory("fq-config-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Join(dir, "packs"));
            File.WriteAllText(Path.Join(dir, "packs", "one.conf"), """{"queries": {"q1": {"query": "select 1", "interval": 10}}}""");
            File.WriteAllText(Path.Join(dir, "packs", "two.conf"), "{\n  // comment\n  \"platform\": \"linux\", \"queries\": {\"q2\": {\"query\": \"select 2\", \"interval\": 20}}}");
            File.WriteAllText(Path.Join(dir, "single.json"), """{"queries": {"q3": {"query": "select 3", "interval": 30}}}""");
            var path = Path.Join(dir, "osquery.conf");
            File.WriteAllText(path, """{"packs": {"*": "packs/*.conf", "single": "single.json"}, "options": {"custom_a": "1", "events_max": "10"}}""");
            Directory.CreateDirectory(path + ".d");
            File.WriteAllText(Path.Join(path + ".d", "10-extra.conf"), """{"options": {"custom_a": "2", "events_max": "20"}, "schedule": {"extra": {"query": "select 4", "interval": 40}}}""");

            var c = ConfigParser.LoadFile(path);
            Assert.Equal(["extra", "pack_one_q1", "pack_single_q3", "pack_two_q2"], c.AllQueries.Select(q => q.ScheduledName).Order(StringComparer.Ordinal));
            Assert.Equal("linux", c.Packs.Single(p => p.Name == "two").Platform);
            Assert.Equal("2", c.Options["custom_a"]);
            Assert.Equal(20, c.Flags.Int(FlagCatalog.EventsMax));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void LoadFile_BrokenPackFile_NamesThePackFileAndLine()
    {
        var dir = Directory.CreateTempSubdirectory("fq-config-").FullName;
        try
        {
            File.WriteAllText(Path.Join(dir, "p.conf"), "{\n  \"queries\": {\n    \"q\": {\"query\": \"select 1\",}\n  }\n}");
            File.WriteAllText(Path.Join(dir, "osquery.conf"), """{"packs": {"p": "p.conf"}}""");
            var e = Assert.Throws<ConfigException>(() => ConfigParser.LoadFile(Path.Join(dir, "osquery.conf")));
            Assert.EndsWith("p.conf", e.File, StringComparison.Ordinal);
            Assert.Equal(3, e.Line);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void LoadFile_StockOsqueryPacks_AllLoad()
    {
        if (Paths.StockPacks is not { } dir)
        {
            return;
        }

        foreach (var file in Directory.GetFiles(dir, "*.conf"))
        {
            var text = "{\"packs\": {\"" + Path.GetFileNameWithoutExtension(file) + "\": \"" + file + "\"}}";
            var c = ConfigParser.Parse(text, "test", dir);
            var pack = Assert.Single(c.Packs);
            Assert.NotEmpty(pack.Queries);
        }
    }

    [Fact]
    public void Preprocess_CommentsAndContinuations_KeepLineNumbers()
    {
        var text = "a\n# c\nb \\\nc\nd";
        var clean = ConfigParser.Preprocess(text);
        Assert.Equal(["a", "", "b c", "", "d", ""], clean.Split('\n'));
    }

    [Fact]
    public void Preprocess_NoCommentLineOrContinuation_TextReadAsItIs()
    {
        var text = "{\n  // a comment JSON skips\n  \"options\": {\"x\": \"a\\\\b\"}\n}";

        Assert.Same(text, ConfigParser.Preprocess(text));
    }

    [Theory]
    [InlineData("a\r\n# c\r\nb")]
    [InlineData("a\nb \\\nc")]
    [InlineData("a\nb \\")]
    public void Preprocess_CommentOrContinuationOrOtherLineEnd_Rewritten(string text)
    {
        var clean = ConfigParser.Preprocess(text);

        Assert.NotEqual(text, clean);
        Assert.DoesNotContain('\r', clean);
    }

    public static TheoryData<string> RewrittenTexts => new()
    {
        "{\n  # a hash comment\n  \"a\": 1\n}",
        "{\r\n  // a slash comment\r\n  \"a\": \"x\"\r\n}\r\n",
        "a\rb\r\n\r\nc\fd\n",
        "a\u0085b\u2028c\u2029# d\u2028e \\\u0085f",
        "\"q\": \"SELECT * \\\nFROM processes \\\n# not a comment: continued\\\nWHERE pid = 1\",\n# c\nz",
        "\\\n# a comment after an empty continued line\nx\n",
        "\t  # indented\n\u00a0// after a no-break space\n \\",
        "ends continued \\",
        "§ non-ASCII\n# c\n\"§\": 1",
        "#",
        "\r\r\n",
    };

    [Theory]
    [MemberData(nameof(RewrittenTexts))]
    public void Preprocess_CommentsLineEndsAndContinuations_SameAsTheLineByLinePass(string text)
    {
        Assert.Equal(LineByLine(text), ConfigParser.Preprocess(text));
    }

    [Fact]
    public void Preprocess_EmbeddedDetectionPackWithCrLfAndComments_SameAsTheLineByLinePassAndSameQueries()
    {
        var pack = File.ReadAllText(Path.Join(Paths.Root, "packs", "farquery-detections.json"));
        var crlf = "# a pack with comments\r\n" + pack.Replace("\n", "\r\n", StringComparison.Ordinal).Replace("{\r\n", "{\r\n  // a comment\r\n", StringComparison.Ordinal);

        Assert.Equal(LineByLine(crlf), ConfigParser.Preprocess(crlf));
        Assert.Equal(Queries(pack), Queries(crlf));
        Assert.NotEmpty(Queries(pack));

        static string[] Queries(string pack) => [.. ConfigParser.Parse("{\"packs\": {\"p\": " + ConfigParser.Preprocess(pack) + "}}", "test", null)
            .AllQueries.Select(q => q.Name + "\n" + q.Sql)];
    }

    // The line-by-line pass Preprocess made before it went over spans (docs/tracer.md, "The agent's start beside the
    // app, sixth pass"): the reference its output is held to.
    private static string LineByLine(string text)
    {
        var sb = new StringBuilder(text.Length);
        var joined = new StringBuilder();
        var held = 0;
        foreach (var raw in text.ReplaceLineEndings("\n").Split('\n'))
        {
            var trimmed = raw.TrimStart();
            if (joined.Length == 0 && (trimmed.StartsWith('#') || trimmed.StartsWith("//", StringComparison.Ordinal)))
            {
                sb.Append('\n');
                continue;
            }

            if (raw.EndsWith('\\'))
            {
                joined.Append(raw, 0, raw.Length - 1);
                held++;
                continue;
            }

            sb.Append(joined).Append(raw).Append('\n');
            sb.Append('\n', held);
            joined.Clear();
            held = 0;
        }

        sb.Append(joined);
        return sb.ToString();
    }

    [Fact]
    public void Parse_SlashCommentLinesWithoutPreprocessing_StillParse()
    {
        var c = ConfigParser.Parse("{\n// packs below\n  \"schedule\": {\"q\": {\"query\": \"select 1\", \"interval\": 10}}\n  // trailing\n}", "test", null);

        Assert.Single(c.AllQueries);
    }

    [Fact]
    public void Parse_CommandLineFlags_WinOverOptionsAndShapeScheduledNames()
    {
        var command = FlagParser.Parse(["--pack_delimiter=/", "--schedule_default_interval=120"], "command line", appFollows: false);
        var flags = FlagValues.Defaults.With(FlagSource.CommandLine, command.Values);
        var c = ConfigParser.Parse("""{"options": {"pack_delimiter": ":", "schedule_default_interval": 60}, "packs": {"p": {"queries": {"q": {"query": "select 1"}}}}}""", "osquery.conf", null, flags: flags);
        var q = Assert.Single(c.AllQueries);
        Assert.Equal("pack/p/q", q.ScheduledName);
        Assert.Equal(120, q.Interval);
    }

    [Fact]
    public void Parse_UnknownStartupAndBadOptions_WarnedAndOthersApply()
    {
        var c = ConfigParser.Parse("""{"options": {"no_such_flag": 1, "tls_hostname": "evil:443", "events_max": "lots", "custom_mine": "x", "distributed_interval": "15"}}""", "osquery.conf", null);
        Assert.Contains(c.Warnings, w => w.Contains("'no_such_flag'", StringComparison.Ordinal));
        Assert.Contains(c.Warnings, w => w.Contains("'tls_hostname' can only be set on the command line", StringComparison.Ordinal));
        Assert.Contains(c.Warnings, w => w.Contains("'events_max'", StringComparison.Ordinal) && w.Contains("'lots'", StringComparison.Ordinal));
        Assert.DoesNotContain(c.Warnings, w => w.Contains("custom_mine", StringComparison.Ordinal));
        Assert.Equal("", c.Flags.Get(FlagCatalog.TlsHostname));
        Assert.Equal(50_000, c.Flags.Int(FlagCatalog.EventsMax));
        Assert.Equal(15, c.Flags.Int(FlagCatalog.DistributedInterval));
    }
}
