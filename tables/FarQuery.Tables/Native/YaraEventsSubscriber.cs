// SPDX-License-Identifier: Apache-2.0
using FarQuery.Events.Inotify;

namespace FarQuery.Tables;

/// <summary>Subscribes to the inotify publisher (docs/events.md) and scans each created or updated file of a FIM
/// category that the config's <c>yara.file_paths</c> names, with that category's signature groups, into a
/// <c>yara_events</c> row. It runs on the publisher's thread, so a scan is bounded by libyara's timeout; when libyara
/// is absent or a group does not compile, the event is dropped by throwing, which the publisher counts in its
/// <c>osquery_events</c> row.</summary>
public sealed class YaraEventsSubscriber : EventSubscriberBase<InotifyEvent>
{
    private readonly TableContext context;

    /// <summary>Binds to the context's yara_events buffer; the yara configuration and libraries are read from the
    /// context at each event, so a config reload is seen at once.</summary>
    public YaraEventsSubscriber(TableContext context)
        : base(context, YaraEventsTable.Spec, InotifyPublisher.PublisherName) => this.context = context;

    /// <inheritdoc/>
    protected override object?[]? ToRow(InotifyEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var config = context.Services.Get<YaraConfiguration>();
        if (e.Action is not ("CREATED" or "UPDATED") || config is null || !config.FilePaths.TryGetValue(e.Category, out var groups) || groups.Count == 0)
        {
            return null;
        }

        // Inotify reports host paths, and a file may be gone or replaced by a FIFO since the event: check it again.
        if (!NativeFiles.IsScannable(new HostFileSystem(), e.TargetPath, CancellationToken.None))
        {
            return null;
        }

        NativeLibraries.Require(NativeLibraries.Of(context).Yara, YaraEventsTable.Spec.Name);
        var matches = new List<string>();
        var tags = new List<string>();
        var strings = new List<string>();
        foreach (var group in groups)
        {
            var scan = config.Group(group).ScanFile(e.TargetPath, out var error)
                ?? throw new InvalidOperationException($"yara_events: cannot scan {e.TargetPath}: {error}");
            matches.AddRange(scan.Matches);
            tags.AddRange(scan.Tags.Except(tags));
            strings.AddRange(scan.Strings);
        }

        var r = YaraEventsTable.NewRow();
        r.TargetPath = e.TargetPath;
        r.Category = e.Category;
        r.Action = e.Action;
        r.TransactionId = e.TransactionId;
        r.Matches = string.Join(',', matches);
        r.Count = matches.Count;
        r.Strings = string.Join(',', strings);
        r.Tags = string.Join(',', tags);
        return r;
    }
}
