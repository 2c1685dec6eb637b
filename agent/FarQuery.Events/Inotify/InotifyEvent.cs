// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Events.Inotify;

/// <summary>One change of a monitored path for one FIM category, as <see cref="InotifyPublisher"/> emits it: the
/// action, the file's stat fields and hashes when it still exists, and the writer the tracer saw (docs/events.md).</summary>
public sealed record InotifyEvent
{
    /// <summary>The changed path.</summary>
    public required string TargetPath { get; init; }

    /// <summary>The FIM category whose patterns matched.</summary>
    public required string Category { get; init; }

    /// <summary>CREATED, UPDATED, DELETED, MOVED_FROM, MOVED_TO, ATTRIBUTES_MODIFIED, OPENED or ACCESSED.</summary>
    public required string Action { get; init; }

    /// <summary>The inotify cookie that pairs MOVED_FROM with MOVED_TO (0 otherwise).</summary>
    public long TransactionId { get; init; }

    /// <summary>Inode, when the path could be stat'ed (never for DELETED or MOVED_FROM).</summary>
    public long? Inode { get; init; }

    /// <summary>Owner uid.</summary>
    public long? Uid { get; init; }

    /// <summary>Owner gid.</summary>
    public long? Gid { get; init; }

    /// <summary>Permission bits, four octal digits.</summary>
    public string? Mode { get; init; }

    /// <summary>Size in bytes.</summary>
    public long? Size { get; init; }

    /// <summary>Access time.</summary>
    public long? Atime { get; init; }

    /// <summary>Modification time.</summary>
    public long? Mtime { get; init; }

    /// <summary>Status change time.</summary>
    public long? Ctime { get; init; }

    /// <summary>1 hashed, 0 not hashed (not a regular file, cap reached), -1 hashing failed.</summary>
    public long Hashed { get; init; }

    /// <summary>MD5, when hashed ("" when hashing failed).</summary>
    public string? Md5 { get; init; }

    /// <summary>SHA-1, when hashed.</summary>
    public string? Sha1 { get; init; }

    /// <summary>SHA-256, when hashed.</summary>
    public string? Sha256 { get; init; }

    /// <summary>The process the tracer saw writing the path last (RecentWrites), or null.</summary>
    public long? Pid { get; init; }

    /// <summary>That process's executable.</summary>
    public string? Executable { get; init; }
}
