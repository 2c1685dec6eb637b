// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables.Parsers;

/// <summary>One line of /proc/sysvipc/shm (man 5 proc): "key shmid perms size cpid lpid nattch uid gid cuid cgid atime
/// dtime ctime rss swap", perms in octal, the rest decimal.</summary>
/// <param name="Shmid">Segment id, as shmctl(2) takes it.</param>
/// <param name="Mode">shm_perm.mode: permission bits plus SHM_DEST (01000) and SHM_LOCKED (02000).</param>
/// <param name="Size">Segment size in bytes.</param>
/// <param name="CreatorPid">shm_cpid.</param>
/// <param name="Pid">shm_lpid: the last process to attach or detach.</param>
/// <param name="Attached">shm_nattch.</param>
/// <param name="OwnerUid">Owner uid.</param>
/// <param name="CreatorUid">Creator uid.</param>
/// <param name="Atime">Last attach, UNIX seconds (0 never).</param>
/// <param name="Dtime">Last detach, UNIX seconds (0 never).</param>
/// <param name="Ctime">Last change, UNIX seconds.</param>
internal sealed record SysvShmSegment(long Shmid, int Mode, long Size, long CreatorPid, long Pid, long Attached,
    long OwnerUid, long CreatorUid, long Atime, long Dtime, long Ctime)
{
    /// <summary>shm_perm.mode bit set once IPC_RMID marked an attached segment for removal (linux/shm.h).</summary>
    public const int ShmDest = 0x200;

    /// <summary>shm_perm.mode bit set while SHM_LOCK holds the segment in memory (linux/shm.h).</summary>
    public const int ShmLocked = 0x400;

    /// <summary>Every segment line; the header (its second field is not a number) and short or damaged lines are skipped.</summary>
    public static List<SysvShmSegment> Parse(ReadOnlySpan<byte> text)
    {
        var list = new List<SysvShmSegment>();
        Span<Range> fields = stackalloc Range[15];
        Span<long> v = stackalloc long[14];
        foreach (var lineRange in text.Split((byte)'\n'))
        {
            var line = text[lineRange];
            if (ByteFields.Split(line, fields, " \t"u8, removeEmpty: true) < 14 || !TryOctal(line[fields[2]], out var mode))
            {
                continue;
            }

            var ok = true;
            for (var i = 0; i < 14 && ok; i++)
            {
                ok = i == 2 || Utf8Parser.TryParse(line[fields[i]], out v[i], out var used) && used == line[fields[i]].Length;
            }

            if (ok)
            {
                list.Add(new SysvShmSegment(v[1], mode, v[3], v[4], v[5], v[6], v[7], v[9], v[11], v[12], v[13]));
            }
        }

        return list;
    }

    private static bool TryOctal(ReadOnlySpan<byte> digits, out int value)
    {
        value = 0;
        foreach (var d in digits)
        {
            if (d is < (byte)'0' or > (byte)'7' || value > 0x7FFFFF)
            {
                return false;
            }

            value = (value * 8) + (d - '0');
        }

        return digits.Length > 0;
    }
}
