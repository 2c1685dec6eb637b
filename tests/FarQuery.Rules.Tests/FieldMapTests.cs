// SPDX-License-Identifier: Apache-2.0
using System.Globalization;

namespace FarQuery.Rules.Tests;

/// <summary>Falco fields to columns: what maps, and the reasons for what does not.</summary>
public sealed class FieldMapTests
{
    [Theory]
    [InlineData("k8s.ns.name", "process_events", "no Kubernetes on Fargate")]
    [InlineData("proc.tty", "process_events", "controlling terminal")]
    [InlineData("thread.cap_effective", "process_events", "capabilities")]
    [InlineData("fd.name", "process_events", "no file descriptor")]
    [InlineData("user.uid", "socket_events", "does not record it")]
    [InlineData("fd.sip.name", "socket_events", "DNS")]
    [InlineData("container.mount.dest", "process_events", "mounts")]
    [InlineData("proc.ppid.duration", "process_file_events", "not its parent's")]
    [InlineData("proc.exe_ino.ctime", "process_events", "executable inode times")]
    [InlineData("nosuch.field", "process_events", "not a field FarQuery knows")]
    public void Resolve_UnseenField_NullWithReason(string field, string table, string reason)
    {
        var t = FieldMap.Tables.Single(x => x.Name == table);
        Assert.Null(FieldMap.Resolve(new FieldReference(field, null), t, out var why));
        Assert.Contains(reason, why, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_AncestorBeyondLineage_Rejected()
    {
        Assert.Null(FieldMap.Resolve(new FieldReference("proc.aname", "6"), FieldMap.ProcessEvents, out var why));
        Assert.Contains("5 ancestors", why, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_ProcessFields_MatchFalcoSemanticsOnRows()
    {
        using var db = new EventDatabase();
        db.Add("process_events", ("syscall", "execve"), ("name", "nc"), ("cmdline", "./nc -e /bin/sh host 22"), ("parent_name", "bash"),
            ("parent_cmdline", "/bin/bash -c x"), ("ancestors", "bash sshd init"), ("path", "/usr/bin/nc.openbsd"));
        string Get(string field, string? arg = null) =>
            db.Run($"SELECT {FieldMap.Resolve(new FieldReference(field, arg), FieldMap.ProcessEvents, out _)!.Expressions[0]} AS v FROM process_events e")[0]["v"]!;
        Assert.Equal("nc -e /bin/sh host 22", Get("proc.cmdline"));
        Assert.Equal("-e /bin/sh host 22", Get("proc.args"));
        Assert.Equal("./nc", Get("proc.exe"));
        Assert.Equal("/usr/bin/nc.openbsd", Get("proc.exepath"));
        Assert.Equal("bash -c x", Get("proc.pcmdline"));
        Assert.Equal("bash", Get("proc.aname", "1"));
        Assert.Equal("sshd", Get("proc.aname", "2"));
        Assert.Equal("init", Get("proc.aname", "3"));
    }

    [Theory]
    [InlineData("process_events")]
    [InlineData("socket_events")]
    [InlineData("process_file_events")]
    public void Resolve_ProcDuration_RowTimeMinusStartTimeInNanosecondsNullWhenUnknown(string table)
    {
        var t = FieldMap.Tables.Single(x => x.Name == table);
        var duration = FieldMap.Resolve(new FieldReference("proc.duration", null), t, out _)!;
        var ts = FieldMap.Resolve(new FieldReference("proc.pid.ts", null), t, out _)!;
        Assert.Equal((FieldKind.Number, FieldKind.Number), (duration.Kind, ts.Kind));
        using var db = new EventDatabase();
        db.Add(table, ("pid", 1), ("start_time", 1_700_000_001L - 60)).Add(table, ("pid", 2), ("start_time", 1_700_000_002L)).Add(table, ("pid", 3));
        var rows = db.Run($"SELECT pid, {duration.Expressions[0]} AS d, {ts.Expressions[0]} AS ts FROM {table} e ORDER BY pid");
        Assert.Equal(["60000000000", "0", null], rows.Select(r => r["d"]));
        Assert.Equal(["1699999941000000000", "1700000002000000000", null], rows.Select(r => r["ts"]));
    }

    [Fact]
    public void Resolve_FileFields_DirectoryAndFilename()
    {
        using var db = new EventDatabase();
        db.Add("process_file_events", ("operation", "open"), ("syscall", "openat"), ("path", "/etc/ssh/sshd_config"), ("flags", "01101"), ("result", 3));
        string Get(string field) => db.Run($"SELECT {FieldMap.Resolve(new FieldReference(field, null), FieldMap.ProcessFileEvents, out _)!.Expressions[0]} AS v FROM process_file_events e")[0]["v"]!;
        Assert.Equal("/etc/ssh", Get("fd.directory"));
        Assert.Equal("sshd_config", Get("fd.filename"));
        Assert.Equal("f", Get("fd.typechar"));
        Assert.Equal("3", Get("fd.num"));
        Assert.Equal("1", Get("evt.is_open_write"));
        Assert.Equal("(e.flags IS NOT NULL AND substr(e.flags, -4, 1) IN ('1', '3', '5', '7'))", FieldMap.FlagTest(FieldMap.ProcessFileEvents, "flags", "O_TRUNC"));
    }

    [Fact]
    public void Resolve_FdTypechar_DirectoryOpenedOnThisMachine_IsD()
    {
        // The flags of a real open of a directory as this machine's kernel reports them (fdinfo, octal), taken by a
        // program built against its own C headers: O_DIRECTORY is 0x10000 on x86_64 but 0x4000 on arm64, where 0x10000
        // is O_DIRECT.
        var flags = HostProgram.Output("python3", "-c", "import os; fd = os.open('/', os.O_RDONLY | os.O_DIRECTORY); print(next(l.split()[1] for l in open(f'/proc/self/fdinfo/{fd}') if l.startswith('flags:')))");
        var path = Path.GetTempFileName();
        string file;
        try
        {
            file = HostProgram.Output("python3", "-c", "import os, sys; fd = os.open(sys.argv[1], os.O_RDONLY); print(next(l.split()[1] for l in open(f'/proc/self/fdinfo/{fd}') if l.startswith('flags:')))", path);
        }
        finally
        {
            File.Delete(path);
        }

        using var db = new EventDatabase();
        db.Add("process_file_events", ("operation", "open"), ("syscall", "openat"), ("path", "/"), ("flags", flags), ("result", 3));
        db.Add("process_file_events", ("operation", "open"), ("syscall", "openat"), ("path", path), ("flags", file), ("result", 4));
        string? Get(string field, int row) => db.Run($"SELECT {FieldMap.Resolve(new FieldReference(field, null), FieldMap.ProcessFileEvents, out _)!.Expressions[0]} AS v FROM process_file_events e ORDER BY e.result")[row]["v"];
        Assert.Equal("d", Get("fd.typechar", 0));
        Assert.Equal("directory", Get("fd.type", 0));
        Assert.Equal("f", Get("fd.typechar", 1));
        Assert.Equal("file", Get("fd.type", 1));
    }


    [Theory]
    [InlineData("-1", "openat", "1", "0", "f", "file", null, null, "SUCCESS", "0")]
    [InlineData("5", "openat", "1", "0", "f", "file", "5", "5", "SUCCESS", "0")]
    public void Resolve_FileFields_SensitiveReadRowIsASuccessfulReadOnlyOpenat(string result, string type, string read, string write, string typechar, string fdType,
        string? num, string? rawres, string res, string failed)
    {
        using var db = new EventDatabase();
        db.Add("process_file_events", ("operation", "open"), ("syscall", "inotify"), ("path", "/etc/sudoers.d/app"), ("flags", "00"), ("result", long.Parse(result, CultureInfo.InvariantCulture)),
            ("status", "succeeded"));
        string? Get(string field) => db.Run($"SELECT {FieldMap.Resolve(new FieldReference(field, null), FieldMap.ProcessFileEvents, out _)!.Expressions[0]} AS v FROM process_file_events e")[0]["v"];
        Assert.Equal(type, Get("evt.type"));
        Assert.Equal(read, Get("evt.is_open_read"));
        Assert.Equal(write, Get("evt.is_open_write"));
        Assert.Equal(typechar, Get("fd.typechar"));
        Assert.Equal(fdType, Get("fd.type"));
        Assert.Equal(num, Get("fd.num"));
        Assert.Equal(rawres, Get("evt.rawres"));
        Assert.Equal(res, Get("evt.res"));
        Assert.Equal(failed, Get("evt.failed"));
        Assert.Equal("/etc/sudoers.d", Get("fd.directory"));
        Assert.Equal("app", Get("fd.filename"));
        Assert.Equal("/etc/sudoers.d/app", Get("fd.name"));
    }

    [Fact]
    public void Resolve_FdNum_KnownNonNegativeOnlyForSensitiveReadsWithoutDescriptor()
    {
        Assert.Equal("(e.syscall IS 'inotify' AND e.result < 0)", FieldMap.Resolve(new FieldReference("fd.num", null), FieldMap.ProcessFileEvents, out _)!.NonNegativeWhen);
        Assert.Null(FieldMap.Resolve(new FieldReference("fd.num", null), FieldMap.SocketEvents, out _)!.NonNegativeWhen);
    }

    [Fact]
    public void SyscallValues_Openat_AddsSensitiveReadRowsOnFileTableOnly()
    {
        Assert.Equal(["open", "openat", "inotify"], FieldMap.SyscallValues(FieldMap.ProcessFileEvents, ["open", "openat"]));
        Assert.Equal(["open", "openat2"], FieldMap.SyscallValues(FieldMap.ProcessFileEvents, ["open", "openat2"]));
        Assert.Equal(["connect"], FieldMap.SyscallValues(FieldMap.SocketEvents, ["connect"]));
    }
}
