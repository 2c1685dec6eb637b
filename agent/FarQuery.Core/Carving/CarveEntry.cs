// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Core.Carving;

/// <summary>One carve request as the carves table shows it (docs/osquery-compat.md §2.6). The identity is fixed at the
/// request; the status, size and digest change as the carver's thread works, so they are read and written under a lock
/// and a table sees each carve in one consistent state.</summary>
public sealed class CarveEntry
{
    private readonly Lock gate = new();
    private string status;
    private long size = -1;
    private string sha256 = "";

    internal CarveEntry(string guid, long time, string path, string requestId, string status)
    {
        CarveGuid = guid;
        Time = time;
        Path = path;
        RequestId = requestId;
        this.status = status;
    }

    /// <summary>The carve's identifier, sent to the server as <c>carve_id</c>.</summary>
    public string CarveGuid { get; }

    /// <summary>Unix time of the request.</summary>
    public long Time { get; }

    /// <summary>The paths requested, comma-separated as osquery lists several.</summary>
    public string Path { get; }

    /// <summary>The distributed query that asked for it (empty for a scheduled or local query).</summary>
    public string RequestId { get; }

    /// <summary>True once the carve succeeded, failed or was refused.</summary>
    public bool IsFinished
    {
        get
        {
            var s = Snapshot().Status;
            return s != Carver.Starting && s != Carver.Pending;
        }
    }

    /// <summary>Status, archive size (-1 until archived) and archive SHA-256 (empty until archived), read together.</summary>
    public (string Status, long Size, string Sha256) Snapshot()
    {
        lock (gate)
        {
            return (status, size, sha256);
        }
    }

    internal void SetStatus(string value)
    {
        lock (gate)
        {
            status = value;
        }
    }

    internal void SetArchive(long bytes, string digest)
    {
        lock (gate)
        {
            size = bytes;
            sha256 = digest;
        }
    }
}
