// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables;

/// <summary>The agent itself, under the name osquery backends (Fleet) query at enrollment and in detail queries:
/// <c>version</c> is the osquery release FarQuery is compatible with (backends gate features on it),
/// <c>name</c> and <c>farquery_version</c> say what it really is.</summary>
public sealed partial class OsqueryInfoTable(TableContext context) : Table(context)
{
    // osquery's PlatformType bits: Linux (0x01) | POSIX (0x08).
    private const long LinuxPlatformMask = 0x01 | 0x08;

    /// <inheritdoc/>
    public override IEnumerable<object?[]> Generate(QueryContext query)
    {
        var agent = Context.Agent;
        var row = NewRow();
        row.Pid = agent.Pid;
        row.Uuid = SysFiles.MachineUuid(Context.Fs);
        row.InstanceId = agent.InstanceId;
        row.Version = AgentInfo.OsqueryVersion;
        row.ConfigHash = agent.ConfigHash;
        row.ConfigValid = agent.ConfigValid ? 1 : 0;

        // FarQuery loads no osquery extensions.
        row.Extensions = "inactive";
        row.BuildPlatform = "linux";
        row.BuildDistro = "linux-" + SysFiles.Machine(Context.Fs);
        row.StartTime = agent.StartTime;
        row.Watcher = -1;
        row.PlatformMask = LinuxPlatformMask;
        row.Name = AgentInfo.Name;
        row.FarqueryVersion = agent.Version;
        yield return row;
    }
}
