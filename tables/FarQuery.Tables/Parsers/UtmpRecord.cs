// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Tables.Parsers;

/// <summary>One login accounting record of utmp/wtmp (man 5 utmp): glibc's <c>struct utmp</c>, 384 bytes on x86_64
/// and aarch64, whose time and session fields are 32-bit on both so files stay readable by 32-bit programs
/// (<c>__WORDSIZE_TIME64_COMPAT32</c>). The offsets below are checked against &lt;utmp.h&gt; by a gcc static_assert
/// test.</summary>
/// <param name="Type">ut_type: EMPTY 0, RUN_LVL 1, BOOT_TIME 2, NEW_TIME 3, OLD_TIME 4, INIT_PROCESS 5,
/// LOGIN_PROCESS 6, USER_PROCESS 7, DEAD_PROCESS 8, ACCOUNTING 9.</param>
/// <param name="Pid">ut_pid.</param>
/// <param name="Line">ut_line: the tty without "/dev/".</param>
/// <param name="User">ut_user.</param>
/// <param name="Host">ut_host: the remote host, or the kernel release in boot records.</param>
/// <param name="Seconds">ut_tv.tv_sec: seconds since the epoch.</param>
internal sealed record UtmpRecord(int Type, int Pid, string Line, string User, string Host, long Seconds)
{
    /// <summary>sizeof(struct utmp).</summary>
    public const int Size = 384;

    /// <summary>offsetof(struct utmp, ut_type): a short.</summary>
    public const int TypeOffset = 0;

    /// <summary>offsetof(struct utmp, ut_pid): a pid_t.</summary>
    public const int PidOffset = 4;

    /// <summary>offsetof(struct utmp, ut_line): char[UT_LINESIZE].</summary>
    public const int LineOffset = 8;

    /// <summary>UT_LINESIZE.</summary>
    public const int LineSize = 32;

    /// <summary>offsetof(struct utmp, ut_user): char[UT_NAMESIZE].</summary>
    public const int UserOffset = 44;

    /// <summary>UT_NAMESIZE.</summary>
    public const int UserSize = 32;

    /// <summary>offsetof(struct utmp, ut_host): char[UT_HOSTSIZE].</summary>
    public const int HostOffset = 76;

    /// <summary>UT_HOSTSIZE.</summary>
    public const int HostSize = 256;

    /// <summary>offsetof(struct utmp, ut_tv): tv_sec then tv_usec, each an int32.</summary>
    public const int TimeOffset = 340;

    /// <summary>USER_PROCESS: a logged-in session.</summary>
    public const int UserProcess = 7;

    /// <summary>DEAD_PROCESS: a session that ended.</summary>
    public const int DeadProcess = 8;

    /// <summary>Every whole record of a utmp or wtmp file; a partial record at the end (a write in progress, or a
    /// truncated file) is left out. Text fields end at their first NUL or fill the field; invalid UTF-8 decodes with
    /// replacement characters.</summary>
    public static List<UtmpRecord> Parse(ReadOnlySpan<byte> data)
    {
        var list = new List<UtmpRecord>(data.Length / Size);
        for (var offset = 0; offset + Size <= data.Length; offset += Size)
        {
            var r = data.Slice(offset, Size);
            list.Add(new UtmpRecord(
                BinaryPrimitives.ReadInt16LittleEndian(r[TypeOffset..]),
                BinaryPrimitives.ReadInt32LittleEndian(r[PidOffset..]),
                Text(r.Slice(LineOffset, LineSize)),
                Text(r.Slice(UserOffset, UserSize)),
                Text(r.Slice(HostOffset, HostSize)),

                // tv_sec is a signed 32-bit field; times past 2038 wrap, as in every reader of this format.
                BinaryPrimitives.ReadInt32LittleEndian(r[TimeOffset..])));
        }

        return list;
    }

    private static string Text(ReadOnlySpan<byte> field)
    {
        var nul = field.IndexOf((byte)0);
        return Encoding.UTF8.GetString(nul < 0 ? field : field[..nul]);
    }
}
