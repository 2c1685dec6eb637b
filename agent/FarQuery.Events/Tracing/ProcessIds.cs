// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Events.Tracing;

/// <summary>The credential ids of a process, from /proc/pid/status (Uid: and Gid: lines); -1 when unknown.</summary>
public readonly record struct ProcessIds(long Uid, long Euid, long Suid, long Fsuid, long Gid, long Egid, long Sgid, long Fsgid)
{
    /// <summary>All ids unknown.</summary>
    public static ProcessIds Unknown { get; } = new(-1, -1, -1, -1, -1, -1, -1, -1);
}
