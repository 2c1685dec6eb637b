// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Rules;

/// <summary>One of FarQuery's event tables a Falco rule can compile to, with the syscalls (Falco's <c>evt.type</c>)
/// its rows carry in their <c>syscall</c> column.</summary>
public sealed record EventTable(string Name, IReadOnlySet<string> Syscalls);

/// <summary>How a mapped field's values compare: as text, as numbers, or as a predicate (Falco's boolean fields).</summary>
public enum FieldKind
{
    /// <summary>Text compared as text.</summary>
    Text,

    /// <summary>An integer.</summary>
    Number,

    /// <summary>A predicate; compared with <c>true</c>/<c>false</c>.</summary>
    Bool,
}

/// <summary>A field's SQL over one table: one expression, or several for Falco's "either end" fields (<c>fd.ip</c>,
/// <c>fd.port</c>), which match when any of them does.</summary>
public sealed record FieldSql(IReadOnlyList<string> Expressions, FieldKind Kind)
{
    /// <summary>A single expression.</summary>
    public FieldSql(string expression, FieldKind kind) : this([expression], kind)
    {
    }

    /// <summary>A SQL condition on rows where the number has no value but is known to be zero or more: a sensitive
    /// read whose reader had closed its descriptor (docs/falco-fields.md, "Sensitive reads"). There the expressions are
    /// NULL, and a comparison every non-negative number satisfies (<c>fd.num&gt;=0</c>) is true; any other is false,
    /// as for a field without a value.</summary>
    public string? NonNegativeWhen { get; init; }
}

/// <summary>Falco field → SQL over FarQuery's event tables (the table in docs/falco-fields.md is this code in prose).
/// A field FarQuery cannot see resolves to a reason instead, which the compiler reports and never drops.</summary>
public static class FieldMap
{
    /// <summary>process_events: execs and the rarer process-level syscalls.</summary>
    public static readonly EventTable ProcessEvents = new("process_events", new HashSet<string>(StringComparer.Ordinal)
    {
        "execve", "execveat", "clone", "clone3", "fork", "vfork", "ptrace", "memfd_create", "setuid", "setgid", "setreuid", "setregid", "setresuid", "setresgid",
        "setns", "unshare", "init_module", "finit_module", "mount",
    });

    /// <summary>socket_events: socket, connect, bind, listen, accept.</summary>
    public static readonly EventTable SocketEvents = new("socket_events", new HashSet<string>(StringComparer.Ordinal)
    {
        "socket", "connect", "bind", "listen", "accept", "accept4",
    });

    /// <summary>process_file_events: opens (writes always, reads with trace_read_opens, and the default config's
    /// sensitive reads as <see cref="InotifyEventType"/>), creat, rename, unlink, mkdir, rmdir, chmod, link, symlink.</summary>
    public static readonly EventTable ProcessFileEvents = new("process_file_events", new HashSet<string>(StringComparer.Ordinal)
    {
        "open", "openat", "openat2", "creat", "mkdir", "mkdirat", "rmdir", "unlink", "unlinkat", "rename", "renameat", "renameat2",
        "link", "linkat", "symlink", "symlinkat", "chmod", "fchmod", "fchmodat", "fchmodat2",
    });

    /// <summary>The <c>evt.type</c> of a sensitive-read row (<c>syscall = 'inotify'</c>, docs/tracer.md §5.2): inotify
    /// says a file was opened, not by which call. glibc's open(3) and fopen(3) call openat on x86_64 and arm64, and
    /// arm64 has no open syscall, so openat is the call nearly every reader made; the stock macros name open, openat and
    /// openat2 together, so they match whichever it was (docs/falco-fields.md, "Sensitive reads").</summary>
    public const string InotifyEventType = "openat";

    /// <summary>A sensitive-read row: a successful read-only open whose syscall and, once the reader has closed it,
    /// descriptor are not known. SQLite's IS is false, never NULL, on a row without a syscall.</summary>
    private const string Inotify = "(e.syscall IS 'inotify')";

    /// <summary>A sensitive-read row whose descriptor is not known: <c>result</c> is -1 there, not an errno.</summary>
    private const string NoDescriptor = "(e.syscall IS 'inotify' AND e.result < 0)";

    /// <summary>The values of a table's <c>syscall</c> column whose rows have one of <paramref name="eventTypes"/>
    /// (each a syscall of <paramref name="table"/>): those syscalls, and on process_file_events <c>inotify</c> when
    /// <see cref="InotifyEventType"/> is among them.</summary>
    public static IReadOnlyList<string> SyscallValues(EventTable table, IReadOnlyCollection<string> eventTypes) =>
        table == ProcessFileEvents && eventTypes.Contains(InotifyEventType) ? [.. eventTypes, "inotify"] : [.. eventTypes];

    /// <summary>The tables a rule is compiled against, in this order.</summary>
    public static readonly IReadOnlyList<EventTable> Tables = [ProcessEvents, SocketEvents, ProcessFileEvents];

    /// <summary>Deepest ancestor the tracer's lineage keeps (the <c>ancestors</c> column: 5 comm names).</summary>
    public const int MaxAncestor = 5;

    private const string Self = "(SELECT {0} FROM ecs_metadata WHERE is_self = 1 LIMIT 1)";

    /// <summary>The SQL for <paramref name="field"/> over <paramref name="table"/>, or null with the reason.</summary>
    public static FieldSql? Resolve(FieldReference field, EventTable table, out string reason)
    {
        reason = "";
        var t = table.Name;
        var proc = t == "process_events";
        var sock = t == "socket_events";
        var file = t == "process_file_events";
        var name = field.Name;

        // process_file_events keeps osquery's types: its credentials are TEXT there (docs/falco-fields.md), so they
        // are compared as numbers through a CAST.
        string Id(string column) => file ? $"CAST(e.{column} AS INTEGER)" : "e." + column;
        if (field.Argument is not null && name is not ("proc.aname" or "proc.aexepath" or "proc.aexe" or "evt.arg" or "evt.rawarg" or "proc.apid"))
        {
            reason = Unseen(field, table) is var unseen && unseen.StartsWith("not ", StringComparison.Ordinal) ? $"FarQuery has no indexed form of {name}" : unseen;
            return null;
        }

        string? why = null;
        FieldSql? result = name switch
        {
            "evt.type" => Text(file ? $"CASE WHEN {Inotify} THEN '{InotifyEventType}' ELSE e.syscall END" : "e.syscall"),
            "evt.time" or "evt.rawtime" => Number("e.time"),
            // Falco's event counter starts at 1; eid is FarQuery's per-table counter, also from 1: enough for the
            // never_true/always_true idioms (evt.num=0, evt.num>=0), not for ordering across tables.
            "evt.num" => Number("CAST(e.eid AS INTEGER)"),
            // inotify reports successful opens only (IN_OPEN), so a sensitive read succeeded: its result is the
            // descriptor when the reader still held it, else -1 for "not known", which is no errno.
            "evt.rawres" => proc ? Number("coalesce(e.result, 0)") : file ? Number($"CASE WHEN NOT {NoDescriptor} THEN e.result END") with { NonNegativeWhen = NoDescriptor } : Number("e.result"),
            "evt.res" => Text(proc ? Res("coalesce(e.result, 0)") : file ? $"CASE WHEN {Inotify} THEN 'SUCCESS' ELSE {Res("e.result")} END" : Res("e.result")),
            "evt.failed" => Bool(proc ? "coalesce(e.result, 0) < 0" : file ? $"(e.result < 0 AND NOT {Inotify})" : "e.result < 0"),
            // A sensitive read is a read-only open whatever its flags say: SensitiveReads.Report skips every open with
            // a write bit (O_WRONLY, O_RDWR, O_CREAT, O_TRUNC) and every path a traced process wrote moments before,
            // since the tracer's seccomp stop has already reported those; with the descriptor closed, flags is 00.
            "evt.is_open_write" when file => Bool($"(e.operation = 'creat' OR (e.operation = 'open' AND NOT {Inotify} AND substr(e.flags, -1, 1) IN ('1', '2', '3', '5', '6', '7')))"),
            "evt.is_open_read" when file => Bool($"(e.operation = 'open' AND ({Inotify} OR substr(e.flags, -1, 1) IN ('0', '2', '4', '6')))"),
            "evt.is_open_write" or "evt.is_open_read" => Bool("0"),
            "proc.pid" or "thread.vtid" or "proc.vpid" => Number("e.pid"),
            "thread.tid" => Number("e.tid"),
            "proc.name" => Text("e.name"),
            "proc.exepath" => Text(file ? "e.executable" : "e.path"),
            // Nanoseconds since the process started (its clone, not its last exec), as Falco counts it; the row's time
            // and start_time are whole seconds, so the value is a multiple of 10^9 and off by under a second either way.
            // An unknown start (NULL) leaves it without a value: proc.duration<=N is false and its not is true, as in
            // Falco for a thread whose clone time it does not know (docs/falco-fields.md, "proc.duration").
            "proc.duration" => Number("((e.time - e.start_time) * 1000000000)"),
            "proc.pid.ts" => Number("(e.start_time * 1000000000)"),
            "proc.cmdline" => Text(Cmdline("e.name", "e.cmdline")),
            "proc.args" => Text(Args("e.cmdline")),
            "proc.exe" => Text("split(e.cmdline, ' ', 0)"),
            "proc.cwd" when !sock => Text("e.cwd"),
            "proc.ppid" => Number(file ? "e.ppid" : "e.parent"),
            "proc.pname" => Text("e.parent_name"),
            "proc.pcmdline" => Text(Cmdline("e.parent_name", "e.parent_cmdline")),
            "proc.pexepath" => Text("e.parent_path"),
            "proc.pexe" => Text("split(e.parent_cmdline, ' ', 0)"),
            "proc.aname" => Ancestor(field.Argument, out why),
            "proc.env" when proc => Text("e.env"),
            "proc.is_exe_from_memfd" when proc => Bool("substr(e.path, 1, 7) = '/memfd:'"),
            "user.uid" when !sock => Number(Id("uid")),
            "user.name" when !sock => Text($"(SELECT username FROM users WHERE uid = {Id("uid")} LIMIT 1)"),
            "user.loginuid" => Number($"CASE WHEN {Id("auid")} IS NULL OR {Id("auid")} IN (4294967295, -1) THEN -1 ELSE {Id("auid")} END"),
            "user.loginname" => Text($"(SELECT username FROM users WHERE uid = {Id("auid")} LIMIT 1)"),
            "group.gid" when !sock => Number(Id("gid")),
            "group.name" when !sock => Text($"(SELECT groupname FROM groups WHERE gid = {Id("gid")} LIMIT 1)"),
            "container.id" => Text(string.Format(CultureInfo.InvariantCulture, Self, "docker_id")),
            "container.name" => Text(string.Format(CultureInfo.InvariantCulture, Self, "name")),
            "container.image" => Text(string.Format(CultureInfo.InvariantCulture, Self, "image")),
            "container.image.repository" => Text(string.Format(CultureInfo.InvariantCulture, Self, Repository("image"))),
            "container.image.tag" => Text(string.Format(CultureInfo.InvariantCulture, Self, Tag("image"))),
            "container.image.digest" or "container.image.id" => Text(string.Format(CultureInfo.InvariantCulture, Self, "image_id")),
            "container.privileged" => Bool("0"),
            "container.info" => Text("NULL"),
            _ => null,
        };

        if (result is null && why is null)
        {
            result = file ? FileField(field, out why) : sock ? SocketField(field, out why) : ProcessField(field, out why);
        }

        if (result is null)
        {
            reason = why ?? Unseen(field, table);
        }

        return result;
    }

    /// <summary>Why a field has no mapping (on this table or at all).</summary>
    public static string Unseen(FieldReference field, EventTable table)
    {
        var n = field.Name;
        return n switch
        {
            _ when n.StartsWith("k8s.", StringComparison.Ordinal) || n.StartsWith("k8smeta.", StringComparison.Ordinal) => "no Kubernetes on Fargate",
            _ when n.StartsWith("ka.", StringComparison.Ordinal) || n.StartsWith("jevt.", StringComparison.Ordinal) => "Kubernetes audit events are not a FarQuery source",
            _ when n.StartsWith("mesos.", StringComparison.Ordinal) || n.StartsWith("marathon.", StringComparison.Ordinal) => "no Mesos on Fargate",
            "evt.hostname" or "evt.cpu" => "a host-level (Falco engine) value with no FarQuery counterpart",
            "proc.tty" => "the tracer does not record the controlling terminal",
            "proc.sid" or "proc.vpgid" or "proc.is_vpgid_leader" or "proc.sname" or "proc.is_sid_leader" or "proc.vpgid.name" or "proc.vpgid.exe" => "the tracer does not record sessions or process groups",
            "proc.ppid.duration" or "proc.ppid.ts" => "the rows carry the process's own start time, not its parent's",
            "proc.exe_ino.ctime" or "proc.exe_ino.mtime" or "proc.exe_ino.ctime_duration_proc_start" or "proc.exe_ino.ctime_duration_pidns_start" => "the tracer does not record executable inode times",
            "proc.is_exe_upper_layer" or "proc.is_exe_writable" or "proc.exe_ino" => "ptrace gives no overlay-layer or inode facts about the executable",
            "container.mounts" or "container.mount" or "container.mount.dest" or "container.mount.source" => "ECS task metadata does not list a container's mounts",
            "container.start_ts" or "container.duration" or "container.type" or "container.healthcheck" => "not taken from ECS task metadata",
            "evt.buffer" or "evt.rawarg.data" => "FarQuery does not capture I/O buffers",
            "evt.is_open_exec" => "the tracer does not record O_EXEC/exec-intent opens",
            "fd.sip.name" or "fd.cip.name" or "fd.rip.name" or "fd.lip.name" => "FarQuery does not resolve socket addresses to DNS names",
            "fd.connected" or "fd.name_changed" or "fd.types" or "fd.ino" or "fd.dev" => "the tracer does not track descriptor state",
            _ when n.StartsWith("thread.cap", StringComparison.Ordinal) => "the tracer does not record capabilities",
            _ when n.StartsWith("proc.aexe", StringComparison.Ordinal) || n.StartsWith("proc.apid", StringComparison.Ordinal) => "the lineage keeps ancestors' comm names only",
            _ when n.StartsWith("fd.", StringComparison.Ordinal) && table == ProcessEvents => "process_events rows have no file descriptor",
            _ when n.StartsWith("evt.arg", StringComparison.Ordinal) => $"{table.Name} does not record argument {field}",
            "proc.cwd" or "user.uid" or "user.name" or "group.gid" or "group.name" => $"{table.Name} does not record it",
            _ when n.StartsWith("fd.", StringComparison.Ordinal) || n.StartsWith("proc.", StringComparison.Ordinal) || n.StartsWith("evt.", StringComparison.Ordinal)
                || n.StartsWith("user.", StringComparison.Ordinal) || n.StartsWith("group.", StringComparison.Ordinal) || n.StartsWith("thread.", StringComparison.Ordinal)
                || n.StartsWith("container.", StringComparison.Ordinal) => $"not recorded in {table.Name}",
            _ => "not a field FarQuery knows",
        };
    }

    private static FieldSql Text(string sql) => new(sql, FieldKind.Text);

    private static FieldSql Number(string sql) => new(sql, FieldKind.Number);

    private static FieldSql Bool(string sql) => new(sql, FieldKind.Bool);

    /// <summary>Falco's proc.cmdline is the comm then the arguments (argv[1..]); FarQuery's cmdline is argv joined.</summary>
    private static string Cmdline(string comm, string argv) => $"({comm} || CASE WHEN instr({argv}, ' ') > 0 THEN substr({argv}, instr({argv}, ' ')) ELSE '' END)";

    private static string Args(string argv) => $"CASE WHEN instr({argv}, ' ') > 0 THEN substr({argv}, instr({argv}, ' ') + 1) ELSE '' END";

    private static string Res(string result) =>
        $"CASE WHEN {result} >= 0 THEN 'SUCCESS' WHEN {result} = -1 THEN 'EPERM' WHEN {result} = -2 THEN 'ENOENT' WHEN {result} = -13 THEN 'EACCES' "
        + $"WHEN {result} = -17 THEN 'EEXIST' WHEN {result} = -115 THEN 'EINPROGRESS' WHEN {result} = -11 THEN 'EAGAIN' WHEN {result} = -22 THEN 'EINVAL' "
        + $"WHEN {result} = -111 THEN 'ECONNREFUSED' ELSE 'E' || (-{result}) END";

    /// <summary>The image's last path segment, where a tag would be.</summary>
    private static string Tail(string image) => $"substr({image}, length(rtrim({image}, replace({image}, '/', ''))) + 1)";

    private static string Repository(string image) =>
        $"CASE WHEN instr({image}, '@') > 0 THEN substr({image}, 1, instr({image}, '@') - 1) WHEN instr({Tail(image)}, ':') > 0 "
        + $"THEN substr({image}, 1, length({image}) - length({Tail(image)}) + instr({Tail(image)}, ':') - 1) ELSE {image} END";

    private static string Tag(string image) =>
        $"CASE WHEN instr({image}, '@') = 0 AND instr({Tail(image)}, ':') > 0 THEN substr({Tail(image)}, instr({Tail(image)}, ':') + 1) END";

    private static FieldSql? Ancestor(string? argument, out string? why)
    {
        why = null;
        if (argument is null)
        {
            // Without an index: any ancestor. The comparison is spread over the five the lineage keeps.
            return new FieldSql([.. Enumerable.Range(1, MaxAncestor).Select(AncestorAt)], FieldKind.Text);
        }

        if (!int.TryParse(argument, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1)
        {
            why = $"proc.aname[{argument}]: the index must be a positive number";
            return null;
        }

        if (n > MaxAncestor)
        {
            why = $"the tracer's lineage keeps {MaxAncestor} ancestors, not {n}";
            return null;
        }

        return Text(AncestorAt(n));
    }

    private static string AncestorAt(int n) => n == 1 ? "e.parent_name" : string.Create(CultureInfo.InvariantCulture, $"split(e.ancestors, ' ', {n - 1})");

    private static FieldSql? ProcessField(FieldReference f, out string? why)
    {
        why = null;
        return f.Name switch
        {
            "evt.arg.request" => Text("CASE CAST(split(e.detail, ' =', 1) AS INTEGER) " + string.Concat(PtraceRequests.Select(r => string.Create(CultureInfo.InvariantCulture, $"WHEN {r.Value} THEN '{r.Key}' "))) + "ELSE split(e.detail, ' =', 1) END"),
            // Falco renders uid arguments as user names (nobody, www-data), which its rules compare with.
            "evt.arg.uid" => Text("CASE WHEN e.syscall = 'setuid' THEN coalesce((SELECT username FROM users WHERE uid = CAST(split(e.detail, ' =', 1) AS INTEGER) LIMIT 1), split(e.detail, ' =', 1)) END"),
            "evt.arg.gid" => Text("CASE WHEN e.syscall = 'setgid' THEN coalesce((SELECT groupname FROM groups WHERE gid = CAST(split(e.detail, ' =', 1) AS INTEGER) LIMIT 1), split(e.detail, ' =', 1)) END"),
            "evt.arg.ruid" or "evt.arg.rgid" => Number("CASE WHEN e.syscall IN ('setreuid', 'setregid', 'setresuid', 'setresgid') THEN CAST(split(e.detail, ' =', 1) AS INTEGER) END"),
            "evt.arg.euid" or "evt.arg.egid" => Number("CASE WHEN e.syscall IN ('setreuid', 'setregid', 'setresuid', 'setresgid') THEN CAST(split(e.detail, ' =', 3) AS INTEGER) END"),
            "evt.arg.name" => Text("CASE WHEN e.syscall = 'memfd_create' THEN split(e.detail, ' =', 1) END"),
            "evt.arg.filename" => Text("e.exec_path"),
            "evt.arg.flags" or "evt.rawarg.flags" => Text("CASE WHEN instr(e.detail, 'flags=0x') > 0 THEN '0x' || split(substr(e.detail, instr(e.detail, 'flags=0x') + 8), ' ', 0) END"),
            _ => null,
        };
    }

    private static FieldSql? SocketField(FieldReference f, out string? why)
    {
        why = null;
        const string server = "e.action IN ('accept', 'listen', 'bind')";
        return f.Name switch
        {
            "fd.typechar" => Text("CASE e.family WHEN 2 THEN '4' WHEN 10 THEN '6' WHEN 1 THEN 'u' END"),
            "fd.type" => Text("CASE e.family WHEN 2 THEN 'ipv4' WHEN 10 THEN 'ipv6' WHEN 1 THEN 'unix' END"),
            "fd.sockfamily" => Text("CASE WHEN e.family IN (2, 10) THEN 'ip' WHEN e.family = 1 THEN 'unix' END"),
            "evt.arg.domain" => Text("CASE e.family WHEN 2 THEN 'AF_INET' WHEN 10 THEN 'AF_INET6' WHEN 1 THEN 'AF_UNIX' WHEN 17 THEN 'AF_PACKET' WHEN 16 THEN 'AF_NETLINK' END"),
            "fd.l4proto" => Text("CASE e.protocol WHEN 6 THEN 'tcp' WHEN 17 THEN 'udp' WHEN 1 THEN 'icmp' WHEN 58 THEN 'icmp' WHEN 255 THEN 'raw' END"),
            "fd.num" or "evt.arg.fd" => Number("CAST(e.fd AS INTEGER)"),
            "fd.rip" => Text("e.remote_address"),
            "fd.lip" => Text("e.local_address"),
            "fd.rport" => Number("e.remote_port"),
            "fd.lport" => Number("e.local_port"),
            "fd.sip" => Text($"CASE WHEN {server} THEN e.local_address ELSE e.remote_address END"),
            "fd.cip" => Text($"CASE WHEN {server} THEN e.remote_address ELSE e.local_address END"),
            "fd.sport" => Number($"CASE WHEN {server} THEN e.local_port ELSE e.remote_port END"),
            "fd.cport" => Number($"CASE WHEN {server} THEN e.remote_port ELSE e.local_port END"),
            "fd.ip" => new FieldSql(["e.local_address", "e.remote_address"], FieldKind.Text),
            "fd.port" => new FieldSql(["e.local_port", "e.remote_port"], FieldKind.Number),
            "fd.name" => Text("CASE WHEN e.family = 1 THEN e.socket WHEN e.action = 'accept' THEN e.remote_address || ':' || e.remote_port || '->' || e.local_address || ':' || e.local_port "
                + "ELSE e.local_address || ':' || e.local_port || '->' || e.remote_address || ':' || e.remote_port END"),
            _ => null,
        };
    }

    private static FieldSql? FileField(FieldReference f, out string? why)
    {
        why = null;
        const string opens = "e.operation IN ('open', 'creat')";
        return f.Name switch
        {
            "fd.name" or "evt.arg.path" or "evt.arg.name" or "evt.arg.pathname" or "evt.arg.filename" or "evt.arg.oldpath" or "evt.arg.linkpath" or "fs.path.name" or "fs.path.source" => Text("e.path"),
            "evt.arg.newpath" or "evt.arg.target" or "fs.path.target" => Text("e.dest_path"),
            "fd.nameraw" => Text("e.path_raw"),

            // As output, the octal text; conditions on these go through FlagTest instead (Falco compares flag names).
            "evt.arg.flags" or "evt.rawarg.flags" => Text("e.flags"),
            "evt.arg.mode" or "evt.rawarg.mode" => Text("e.mode"),
            // Columns the agent derives from path once per row, not string functions run by every rule that reads them.
            "fd.directory" => Text("e.directory"),
            "fd.filename" => Text("e.filename"),
            // SensitiveReads watches files and skips IN_ISDIR events, so a sensitive read is of a file whatever the
            // flags (00 once the descriptor is closed) say.
            "fd.typechar" => Text($"CASE WHEN {Inotify} THEN 'f' WHEN {opens} THEN CASE WHEN {FlagTest(ProcessFileEvents, "flags", "O_DIRECTORY")} THEN 'd' ELSE 'f' END END"),
            "fd.type" => Text($"CASE WHEN {Inotify} THEN 'file' WHEN {opens} THEN CASE WHEN {FlagTest(ProcessFileEvents, "flags", "O_DIRECTORY")} THEN 'directory' ELSE 'file' END END"),
            // A failed open has no descriptor: Falco gives fd.num -1 (open_file_failed tests fd.num=-1), while the
            // open's fd argument stays the raw return value (a negative errno). A sensitive read whose reader closed
            // the file had one, number unknown: no value, but fd.num>=0 holds (NonNegativeWhen).
            "fd.num" => Number($"CASE WHEN {opens} AND NOT {NoDescriptor} THEN CASE WHEN e.result >= 0 THEN e.result ELSE -1 END END") with { NonNegativeWhen = NoDescriptor },
            "evt.arg.fd" => Number($"CASE WHEN {opens} AND NOT {NoDescriptor} THEN e.result END") with { NonNegativeWhen = NoDescriptor },
            _ => null,
        };
    }

    /// <summary>ptrace requests by Falco's symbolic name (linux/ptrace.h).</summary>
    private static readonly IReadOnlyDictionary<string, int> PtraceRequests = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["PTRACE_TRACEME"] = 0, ["PTRACE_PEEKTEXT"] = 1, ["PTRACE_PEEKDATA"] = 2, ["PTRACE_PEEKUSR"] = 3, ["PTRACE_POKETEXT"] = 4,
        ["PTRACE_POKEDATA"] = 5, ["PTRACE_POKEUSR"] = 6, ["PTRACE_CONT"] = 7, ["PTRACE_KILL"] = 8, ["PTRACE_SINGLESTEP"] = 9,
        ["PTRACE_GETREGS"] = 12, ["PTRACE_SETREGS"] = 13, ["PTRACE_ATTACH"] = 16, ["PTRACE_DETACH"] = 17, ["PTRACE_SYSCALL"] = 24,
        ["PTRACE_SETOPTIONS"] = 0x4200, ["PTRACE_SEIZE"] = 0x4206, ["PTRACE_INTERRUPT"] = 0x4207,
    };

    /// <summary>Symbolic flag names of <c>evt.arg.flags</c> / <c>evt.arg.mode</c> that FarQuery can test in its
    /// octal columns, with their bit values (fcntl.h, stat.h, sched.h).</summary>
    public static readonly IReadOnlyDictionary<string, long> FlagBits = new Dictionary<string, long>(StringComparer.Ordinal)
    {
        ["O_WRONLY"] = 1, ["O_RDWR"] = 2, ["O_CREAT"] = 0x40, ["O_EXCL"] = 0x80, ["O_TRUNC"] = 0x200, ["O_APPEND"] = 0x400,
        ["O_NONBLOCK"] = 0x800, ["O_CLOEXEC"] = 0x80000,
        // The flags column holds the caller's raw flags, and O_DIRECTORY is 0x10000 on x86_64 but 0x4000 on arm64
        // (where 0x10000 is O_DIRECT): the build's own value, from the arch-specific binding.
        ["O_DIRECTORY"] = Interop.Libc.O_DIRECTORY,
        ["S_ISUID"] = 0x800, ["S_ISGID"] = 0x400, ["S_ISVTX"] = 0x200, ["S_IRUSR"] = 0x100, ["S_IWUSR"] = 0x80, ["S_IXUSR"] = 0x40,
        ["S_IRGRP"] = 0x20, ["S_IWGRP"] = 0x10, ["S_IXGRP"] = 0x8, ["S_IROTH"] = 0x4, ["S_IWOTH"] = 0x2, ["S_IXOTH"] = 0x1,
        ["CLONE_NEWNS"] = 0x20000, ["CLONE_NEWCGROUP"] = 0x2000000, ["CLONE_NEWUTS"] = 0x4000000, ["CLONE_NEWIPC"] = 0x8000000,
        ["CLONE_NEWUSER"] = 0x10000000, ["CLONE_NEWPID"] = 0x20000000, ["CLONE_NEWNET"] = 0x40000000,
    };

    /// <summary>The SQL testing one bit of <c>evt.arg.flags</c>/<c>evt.arg.mode</c> on <paramref name="table"/>, or null
    /// when the table does not record that argument. File flags and modes are octal text; the rarer syscalls' flags
    /// are <c>flags=0x..</c> in <c>detail</c>.</summary>
    public static string? FlagTest(EventTable table, string argument, string flag)
    {
        if (!FlagBits.TryGetValue(flag, out var bit))
        {
            return null;
        }

        if (table == ProcessFileEvents && argument is "flags" or "mode")
        {
            var column = argument == "flags" ? "e.flags" : "e.mode";
            if (flag is "O_WRONLY" or "O_RDWR")
            {
                // The access mode is a two-bit number, not two flags: O_RDWR is 2, not "bit 1 set" in combination with 1.
                return $"({column} IS NOT NULL AND substr({column}, -1, 1) IN ('{(flag == "O_WRONLY" ? "1', '5" : "2', '6")}'))";
            }

            var digit = BitOperations(bit, out var value);
            var digits = string.Join(", ", Enumerable.Range(0, 8).Where(d => (d & value) != 0).Select(d => $"'{d}'"));
            return string.Create(CultureInfo.InvariantCulture, $"({column} IS NOT NULL AND substr({column}, -{digit}, 1) IN ({digits}))");
        }

        if (table == ProcessEvents && argument == "flags")
        {
            // unshare, memfd_create, finit_module and mount write flags=0x<hex>; SQLite's CAST reads no hex, so the
            // hex digit holding the bit is tested as text, like the octal columns above.
            var position = System.Numerics.BitOperations.TrailingZeroCount(bit);
            var value = 1 << (position % 4);
            var hex = "split(substr(e.detail, instr(e.detail, 'flags=0x') + 8), ' ', 0)";
            var digits = string.Join(", ", Enumerable.Range(0, 16).Where(d => (d & value) != 0).Select(d => $"'{d:x}'"));
            return string.Create(CultureInfo.InvariantCulture, $"(instr(e.detail, 'flags=0x') > 0 AND substr({hex}, -{(position / 4) + 1}, 1) IN ({digits}))");
        }

        return null;
    }

    /// <summary>Which octal digit (1 = last) holds <paramref name="bit"/>, and its value within that digit.</summary>
    private static int BitOperations(long bit, out int value)
    {
        var position = System.Numerics.BitOperations.TrailingZeroCount(bit);
        value = 1 << (position % 3);
        return (position / 3) + 1;
    }
}
