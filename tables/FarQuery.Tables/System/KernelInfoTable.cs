// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables;

/// <summary>The running kernel: release from /proc/sys/kernel/osrelease (uname -r), boot arguments from /proc/cmdline.</summary>
public sealed partial class KernelInfoTable(TableContext context) : Table(context)
{
    /// <inheritdoc/>
    public override IEnumerable<object?[]> Generate(QueryContext query)
    {
        var fs = Context.Fs;
        var cmdline = fs.TryReadAllBytes("/proc/cmdline", out var bytes) ? KernelCmdline.Parse(bytes) : new KernelCmdline("", "", "");
        var row = NewRow();
        row.Version = SysFiles.ReadTrimmed(fs, "/proc/sys/kernel/osrelease");
        row.Arguments = cmdline.Arguments;
        row.Path = cmdline.Path;
        row.Device = cmdline.Device;
        yield return row;
    }
}
