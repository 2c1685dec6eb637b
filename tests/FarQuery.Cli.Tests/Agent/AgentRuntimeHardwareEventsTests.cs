// SPDX-License-Identifier: Apache-2.0
using FarQuery.Agent;
using FarQuery.Core.Flags;
using FarQuery.Core;
using FarQuery.Scheduler.Config;
using FarQuery.Tables;

namespace FarQuery.Cli.Tests.Agent;

/// <summary>The agent starts the uevent publisher only for a config that schedules a query reading hardware_events.</summary>
public sealed class AgentRuntimeHardwareEventsTests
{
    [Theory]
    [InlineData("select * from hardware_events", true)]
    [InlineData("SELECT action FROM Hardware_Events WHERE action = 'add'", true)]
    [InlineData("select * from hardware_events;", true)]
    [InlineData("select * from x join hardware_events h on 1", true)]
    [InlineData("select * from hardware_events_extra", false)]
    [InlineData("select * from my_hardware_events", false)]
    [InlineData("select * from usb_devices", false)]
    public void ReadsTable_WholeNameOnly(string sql, bool expected)
    {
        Assert.Equal(expected, AgentRuntime.ReadsTable(sql, "hardware_events"));
    }

    [Fact]
    public void Start_ConfigReadingHardwareEvents_PublisherRunsUntilDispose()
    {
        var context = new TableContext();
        var warnings = new List<string>();
        var config = ConfigParser.Parse("""{"packs": {"hw": {"queries": {"hardware_events": {"query": "select * from hardware_events;", "interval": 7200, "removed": false}}}}}""", "test.conf", null);
        using (AgentRuntime.Start(context, Options(config), warnings.Add))
        {
            var status = context.Events.Publishers.SingleOrDefault(p => p.Name == "udev");
            Assert.True(status is not null, "no udev publisher status; warnings: " + string.Join("; ", warnings));

            // Opening a uevent socket needs no privilege: the publisher is active.
            Assert.True(status.Active, status.Message + "; warnings: " + string.Join("; ", warnings));
            Assert.Empty(warnings);
        }

        Assert.False(context.Events.Publishers.Single(p => p.Name == "udev").Active);
    }

    [Fact]
    public void Start_ConfigWithoutHardwareEvents_NoPublisher()
    {
        var context = new TableContext();
        var config = ConfigParser.Parse("""{"schedule": {"usb": {"query": "select * from usb_devices", "interval": 7200}}}""", "test.conf", null);
        using (AgentRuntime.Start(context, Options(config), _ => { }))
        {
            Assert.DoesNotContain(context.Events.Publishers, p => p.Name == "udev");
        }
    }

    [Fact]
    public void Start_DisableEvents_NoPublisherEvenWhenAQueryReadsIt()
    {
        var context = new TableContext();
        var flags = FlagValues.Defaults.With(FlagSource.CommandLine, new Dictionary<Flag, string> { [FlagCatalog.DisableStdoutLogging] = "true", [FlagCatalog.DisableEvents] = "true" });
        var config = ConfigParser.Parse("""{"schedule": {"hw": {"query": "select * from hardware_events", "interval": 7200}}}""", "test.conf", null, flags: flags);
        using (AgentRuntime.Start(context, Options(config) with { Flags = flags }, _ => { }))
        {
            Assert.DoesNotContain(context.Events.Publishers, p => p.Name == "udev");
            Assert.Equal(0, context.Events.Buffer(HardwareEventsTable.Spec, "udev").Add(new object?[HardwareEventsTable.Spec.Columns.Count]));
        }
    }

    private static AgentOptions Options(OsqueryConfig config) => new()
    {
        PreloadedConfig = config,
        NoAdminSocket = true,
        Flags = FlagValues.Defaults.With(FlagSource.CommandLine, new Dictionary<Flag, string> { [FlagCatalog.DisableStdoutLogging] = "true" }),
    };
}
