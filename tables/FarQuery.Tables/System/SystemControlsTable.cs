// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables;

/// <summary>Kernel parameters (man 5 proc, /proc/sys): one row per readable file, named by its path with '.' between
/// components. <c>name =</c> reads only that file and <c>subsystem =</c> walks only that directory. Files that cannot be
/// read are left out, not reported as errors: write-only triggers (vm.drop_caches) and stable_secret, which fails with
/// EIO until it is set.</summary>
public sealed partial class SystemControlsTable(TableContext context) : Table(context)
{
    private const string ProcSys = "/proc/sys";

    /// <inheritdoc/>
    public override IEnumerable<object?[]> Generate(QueryContext query)
    {
        var config = ReadConfig();
        var names = query.TextEquals(C.Name);
        if (names is not null)
        {
            foreach (var name in names)
            {
                // A name whose path would climb out of /proc/sys ("a.//.//etc" swaps to "a/../../etc") names no control.
                var relative = SysctlConf.SwapSeparators(name);
                if (name.Length > 0 && !relative.Split('/').Contains("..") && TryRow(ProcSys + "/" + relative, config, out var row))
                {
                    yield return row;
                }
            }

            yield break;
        }

        var subsystems = query.TextEquals(C.Subsystem);
        var tops = subsystems is null
            ? PackageFiles.List(Context.Fs, ProcSys, directories: true)
            : subsystems.Where(s => s.Length > 0 && !s.Contains('/', StringComparison.Ordinal) && !s.Contains("..", StringComparison.Ordinal)).Select(s => ProcSys + "/" + s).ToList();
        var pending = new Stack<string>(Enumerable.Reverse(tops));
        while (pending.TryPop(out var dir))
        {
            query.Cancellation.ThrowIfCancellationRequested();
            foreach (var file in PackageFiles.List(Context.Fs, dir))
            {
                if (TryRow(file, config, out var row))
                {
                    yield return row;
                }
            }

            // Depth first, files before subdirectories, each in name order: the order sysctl -a prints.
            foreach (var sub in Enumerable.Reverse(PackageFiles.List(Context.Fs, dir, directories: true)))
            {
                pending.Push(sub);
            }
        }
    }

    private bool TryRow(string path, Dictionary<string, string> config, out Row row)
    {
        row = default;
        if (!Context.Fs.TryReadAllBytes(path, out var bytes))
        {
            return false;
        }

        var name = SysctlConf.SwapSeparators(path[(ProcSys.Length + 1)..]);
        row = NewRow();
        row.Name = name;
        row.Oid = "";
        row.Subsystem = name[..Math.Max(0, name.IndexOf('.', StringComparison.Ordinal))];
        row.CurrentValue = Encoding.UTF8.GetString(bytes).Trim();
        row.ConfigValue = config.GetValueOrDefault(name);
        row.Type = "string";
        return true;
    }

    /// <summary>The settings of /etc/sysctl.d/*.conf in name order, then /etc/sysctl.conf, which procps' sysctl --system
    /// applies last, so its value wins.</summary>
    private Dictionary<string, string> ReadConfig()
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        var files = PackageFiles.List(Context.Fs, "/etc/sysctl.d").Where(f => f.EndsWith(".conf", StringComparison.Ordinal)).ToList();
        files.Add("/etc/sysctl.conf");
        foreach (var file in files)
        {
            if (Context.Fs.TryReadAllBytes(file, out var bytes))
            {
                SysctlConf.Parse(bytes, settings);
            }
        }

        return settings;
    }
}
