// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Events.Tracing;

/// <summary>The tracer's tasks (every traced thread) and processes (what the rows say about each thread group).
/// The kernel does not order a new task's first stop against its parent's fork event: when the parent is preempted between
/// creating the child and stopping, the child stops first, is resumed, and can exec or even exit before
/// <c>PTRACE_EVENT_FORK</c> reaches us. The tracer holds such a child at that first stop until the fork event comes
/// (<see cref="Hold"/>), so a process's rows always read fork, exec, exit. The table also keeps the facts right when a
/// held child is killed first: a late fork event never overwrites what an exec recorded and never brings back a task that
/// has already been reaped.</summary>
internal sealed class TracedTasks
{
    // Reaped tasks whose fork event is still due, and whether each was a thread. Bounded: a parent killed between creating
    // the child and stopping never reports the event, and its entries must not pile up.
    private const int MaxUnannounced = 1024;

    private readonly Dictionary<int, Tracee> tasks = [];
    private readonly Dictionary<int, ProcFacts> processes = [];
    private readonly Dictionary<int, bool> reapedUnannounced = [];
    private readonly List<Tracee> held = [];

    /// <summary>Creates an empty table.</summary>
    public TracedTasks() => Lineage = new Lineage(Lookup);

    /// <summary>The lineage of every process the tracer has seen, exited ones included, for the events' parent and
    /// ancestor fields.</summary>
    public Lineage Lineage { get; }

    /// <summary>Traced task ids.</summary>
    public IEnumerable<int> Tids => tasks.Keys;

    /// <summary>Adds the app, seized by the tracer itself, so announced by definition.</summary>
    public Tracee AddApp(int pid)
    {
        var t = new Tracee(pid, pid) { Announced = true };
        tasks[pid] = t;
        return t;
    }

    /// <summary>The task that stopped. A task not seen before is a child whose parent's fork event is still due: its
    /// thread group comes from /proc and, for a process, its facts too (those of the image it was forked with).</summary>
    public Tracee Stopped(int tid, Func<int, int> threadGroupOf, Func<int, ProcFacts> read)
    {
        if (!tasks.TryGetValue(tid, out var t))
        {
            var tgid = threadGroupOf(tid);
            t = new Tracee(tid, tgid > 0 ? tgid : tid);
            tasks[tid] = t;
            if (t.Tgid == tid)
            {
                processes.TryAdd(tid, read(tid));
            }
        }

        return t;
    }

    /// <summary>Holds a task stopped at its first stop until its parent's fork event (or its parent's death, when the
    /// parent was killed before it could report the event).</summary>
    public void Hold(Tracee t)
    {
        t.HeldFor = t.Tgid != t.Tid ? t.Tgid : processes.TryGetValue(t.Tid, out var facts) ? (int)facts.Parent : -1;
        held.Add(t);
    }

    /// <summary>Tasks held so far (for tests and status).</summary>
    public int Held => held.Count;

    /// <summary>The held task <paramref name="tid"/>, now to be resumed; null when it is not held.</summary>
    public Tracee? Release(int tid)
    {
        var i = held.FindIndex(h => h.Tid == tid);
        if (i < 0)
        {
            return null;
        }

        var t = held[i];
        held.RemoveAt(i);
        return t;
    }

    /// <summary>Held tasks whose parent (the one to report their fork) has been reaped, now to be resumed.</summary>
    public List<Tracee> ReleaseChildrenOf(int parent)
    {
        var released = held.FindAll(h => h.HeldFor == parent);
        held.RemoveAll(h => h.HeldFor == parent);
        return released;
    }

    /// <summary>A fork, vfork or clone event: returns the facts for the child's fork row, or null when the child is a
    /// thread (no row). <paramref name="threadGroupOf"/> is asked only for a clone of a task not seen yet.</summary>
    public ProcFacts? Forked(int parentTgid, int child, bool cloneEvent, ProcFacts parentFacts, Func<int, int> threadGroupOf)
    {
        bool isThread;
        var reaped = reapedUnannounced.Remove(child, out var wasThread);
        if (reaped)
        {
            isThread = wasThread;
        }
        else if (tasks.TryGetValue(child, out var t))
        {
            // Its own first stop came first and read its thread group then.
            isThread = t.Tgid != child;
            t.Announced = true;
        }
        else
        {
            // The kernel reports VFORK for CLONE_VFORK, FORK when the exit signal is SIGCHLD, else CLONE: threads and odd
            // clone()s. Only /proc tells a thread (same Tgid) from a process.
            isThread = cloneEvent && threadGroupOf(child) == parentTgid;
            tasks[child] = new Tracee(child, isThread ? parentTgid : child) { Announced = true };
        }

        if (isThread)
        {
            return null;
        }

        var facts = new ProcFacts
        {
            Pid = child,
            Parent = parentTgid,
            Exe = parentFacts.Exe,
            Cmdline = parentFacts.Cmdline,
            Name = parentFacts.Name,
            Ids = parentFacts.Ids,
            Auid = parentFacts.Auid,
        };

        // A child that has already exec'd keeps what its exec recorded.
        if (!reaped)
        {
            processes.TryAdd(child, facts);
        }

        return facts;
    }

    /// <summary>An exec event of <paramref name="tid"/>: the thread that called exec (<paramref name="former"/>, another
    /// thread of the group when it was not the leader) is gone and its tid taken over. Returns the former thread's state.</summary>
    public Tracee Execed(Tracee t, int former)
    {
        var caller = t;
        if (former != t.Tid && tasks.Remove(former, out var formerTracee))
        {
            caller = formerTracee;
        }

        t.Tgid = t.Tid;
        return caller;
    }

    /// <summary>What the process rows know of a thread group, if anything.</summary>
    public bool TryGetProcess(int tgid, out ProcFacts facts) => processes.TryGetValue(tgid, out facts!);

    /// <summary>Records (or replaces) what the rows say of a thread group.</summary>
    public void SetProcess(int tgid, ProcFacts facts) => processes[tgid] = facts;

    /// <summary>A process the lineage has not seen through an event: what the task table holds, else /proc (ProcFs)
    /// for one the tracer never saw start (FarQuery itself, its parent, PID 1), with its start time from
    /// /proc/[pid]/stat; null when it is gone (ENOENT is the expected race, not an error).</summary>
    private Lineage.Node? Lookup(long pid)
    {
        if (pid is <= 0 or > int.MaxValue)
        {
            return null;
        }

        if (!processes.TryGetValue((int)pid, out var facts))
        {
            facts = ProcFacts.Read((int)pid);
            if (facts.Name is null)
            {
                return null;
            }
        }

        // The start is read from /proc only here, once per process the lineage did not see fork: a fork event gives it
        // without a read.
        return new Lineage.Node(facts.Name, facts.Exe, facts.Cmdline, facts.Parent, ProcFacts.StartTime((int)pid));
    }

    /// <summary>A reaped task. Returns true, with the process's facts if known, when it was a traced thread-group leader:
    /// a process exit to report. Untraced children and threads give false.</summary>
    public bool Reaped(int tid, out ProcFacts? facts)
    {
        facts = null;
        if (!tasks.Remove(tid, out var t))
        {
            return false;
        }

        held.Remove(t);

        if (!t.Announced)
        {
            if (reapedUnannounced.Count >= MaxUnannounced)
            {
                reapedUnannounced.Clear();
            }

            reapedUnannounced[tid] = t.Tgid != tid;
        }

        if (t.Tgid != tid)
        {
            return false;
        }

        processes.Remove(tid, out facts);
        return true;
    }
}

/// <summary>One traced task (a thread; the leader's tid is the process id).</summary>
internal sealed class Tracee(int tid, int tgid)
{
    public int Tid { get; } = tid;

    public int Tgid { get; set; } = tgid;

    /// <summary>Its parent's fork event has been handled (or it is the app).</summary>
    public bool Announced { get; set; }

    /// <summary>While held at its first stop: the process whose fork event or death releases it.</summary>
    public int HeldFor { get; set; }

    /// <summary>The tracee was resumed with PTRACE_SYSCALL and its syscall-exit-stop is due.</summary>
    public bool ExitPending { get; set; }

    /// <summary>The syscall seen at the last seccomp-stop, completed at the exit stop or the exec event.</summary>
    public PtraceLoop.PendingCall? Call { get; set; }
}
