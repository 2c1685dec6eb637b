// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Agent;

/// <summary>The agent's promise once the app has exited: it exits with the app's code within
/// the exit bound (<see cref="AgentRuntime.ExitBoundFrom"/>), whatever is still running. The drain, the log flush and every disposal have
/// their own shorter bounds; this watchdog is what makes the promise hold when one of them is stuck in a system call
/// (a read on a dead mount, a write to a pipe nobody reads): past the deadline it calls _exit(2) with the app's code.
/// As the container's PID 1, a wedged agent would otherwise keep a finished task running.
/// The watchdog's thread is started while the app runs and waits there for the app's exit: starting a thread makes the
/// caller spin until the thread runs, which at the app's exit, with both CPUs still busy with the last detections, cost
/// tens of milliseconds of the exit (docs/tracer.md §6, "The exit path").
/// The app's exit itself arms it, not the agent's main thread reaching its exit work: that thread may still be in the
/// agent's start when the app exits, and a start stuck in a system call would never reach the exit work, so the agent
/// would outlive the app for good (docs/tracer.md §3.7 PID 1 duties, "After the app exits").</summary>
internal sealed class ExitDeadline : IDisposable
{
    private readonly ManualResetEventSlim done = new();
    private readonly Task<int> appExit;
    private readonly Func<int, int> agentCode;
    private readonly TimeSpan bound;
    private readonly Action<int> exitProcess;

    private ExitDeadline(Task<int> appExit, Func<int, int> agentCode, TimeSpan bound, Action<int> exitProcess)
    {
        this.appExit = appExit;
        this.agentCode = agentCode;
        this.bound = bound;
        this.exitProcess = exitProcess;
        var thread = new Thread(Watch) { IsBackground = true, Name = "farquery-exit-deadline" };
        thread.Start();
    }

    /// <summary>Starts the watchdog's thread. Unless disposed first, it is armed when <paramref name="appExit"/> completes
    /// with the app's code, and the process then exits with <paramref name="agentCode"/> of that code once
    /// <paramref name="bound"/> has passed without a <see cref="Dispose"/>.</summary>
    /// <param name="appExit">Completes with the app's exit code when the app exits; a failed task never arms the watchdog
    /// (the agent then has no app's code to owe).</param>
    /// <param name="agentCode">The code the agent exits with for the app's code (the same rule the main thread applies),
    /// read when the watchdog fires.</param>
    /// <param name="bound">How long after the app's exit the agent may take.</param>
    public static ExitDeadline Start(Task<int> appExit, Func<int, int> agentCode, TimeSpan bound) =>
        new(appExit, agentCode, bound, code =>
        {
            // Said before going: what the exit work had not finished (the last detections, the log flush, a
            // --print-events dump) is lost, and the operator should know why.
            Events.Tracing.ExecStub.WriteError(Message(bound, code));
            Interop.Libc._exit(code);
        });

    /// <summary>The line written to stderr when the watchdog ends the process.</summary>
    internal static string Message(TimeSpan bound, int code) =>
        $"farquery: warning: the agent's exit work was still running {bound.TotalSeconds:0.###} s after the app exited; exiting now with code {code} (the last detections or log lines may be missing)\n";

    /// <summary><see cref="Start(Task{int}, Func{int, int}, TimeSpan)"/> with what firing does in place of _exit(2): every
    /// step the agent's exit takes is bounded on its own, so no stuck system call a test can provoke reaches the
    /// watchdog any more, and its tests watch it fire through this (tests/FarQuery.Cli.Tests/Faults/ExitDeadlineTests.cs).</summary>
    internal static ExitDeadline Start(Task<int> appExit, Func<int, int> agentCode, TimeSpan bound, Action<int> exitProcess) =>
        new(appExit, agentCode, bound, exitProcess);

    /// <summary>Disarms the watchdog (the agent finished its exit work in time, or the app never exited).</summary>
    public void Dispose() => done.Set();

    private void Watch()
    {
        // A dedicated thread waits for the exit rather than a continuation of the task: those run on the thread pool,
        // whose workers may be the ones stuck.
        WaitHandle.WaitAny([((IAsyncResult)appExit).AsyncWaitHandle, done.WaitHandle]);
        if (!done.IsSet && appExit.IsCompletedSuccessfully && !done.Wait(bound))
        {
            exitProcess(agentCode(appExit.Result));
        }
    }
}
